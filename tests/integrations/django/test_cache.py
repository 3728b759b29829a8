"""``DjangoCacheStore`` under the core's ``cache_middleware``: answers survive the cache backend's pickling."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from ai_sdk_core import agenerate_text, astream_text, cache_middleware, generate_text, stream_text, wrap_language_model
from ai_sdk_core.testing import MockLanguageModel, mock_text_result, text_stream_parts
from django_ai_sdk import DjangoCacheStore

CACHES = ("default", "answers")  # both LocMemCache in the test settings (which pickles, like every backend)


@pytest.fixture(autouse=True)
def _clean_caches() -> None:
    for alias in CACHES:
        caches[alias].clear()


def test_generate_results_are_cached_in_the_django_cache() -> None:
    mock = MockLanguageModel(do_generate=[mock_text_result("first"), mock_text_result("second")])
    middleware = cache_middleware(DjangoCacheStore("answers", timeout=60))
    model = wrap_language_model(mock, middleware)
    assert generate_text(model=model, prompt="Hi").text == "first"
    assert generate_text(model=model, prompt="Hi").text == "first"  # from the cache, not the second script
    assert len(mock.calls) == 1
    assert (middleware.hits, middleware.misses) == (1, 1)
    # Stored in the named cache under the prefix, not in the default one.
    keys = list(caches["answers"]._cache)  # type: ignore[attr-defined]
    assert len(keys) == 1 and ":ai_sdk:" in keys[0]
    assert list(caches["default"]._cache) == []  # type: ignore[attr-defined]


def test_streams_are_replayed_from_the_django_cache() -> None:
    mock = MockLanguageModel(do_stream=[text_stream_parts("Hel", "lo"), text_stream_parts("other")])
    model = wrap_language_model(mock, cache_middleware(DjangoCacheStore("answers")))
    assert "".join(stream_text(model=model, prompt="Hi").text_stream) == "Hello"
    assert "".join(stream_text(model=model, prompt="Hi").text_stream) == "Hello"
    assert len(mock.calls) == 1


@pytest.mark.anyio
async def test_the_async_path_shares_the_store() -> None:
    mock = MockLanguageModel(do_generate=[mock_text_result("async"), mock_text_result("never")])
    store = DjangoCacheStore("answers")
    model = wrap_language_model(mock, cache_middleware(store))
    assert (await agenerate_text(model=model, prompt="Hi")).text == "async"
    assert (await agenerate_text(model=model, prompt="Hi")).text == "async"
    assert len(mock.calls) == 1


@pytest.mark.anyio
async def test_aget_and_aset_use_the_async_cache_api() -> None:
    store = DjangoCacheStore("answers", key_prefix="mine")
    await store.aset("k", {"value": 1})
    assert await store.aget("k") == {"value": 1}
    assert store.get("k") == {"value": 1}
    assert await caches["answers"].aget("mine:k") == {"value": 1}
    assert await store.aget("missing") is None


def test_repr_names_the_cache() -> None:
    assert repr(DjangoCacheStore("answers")) == "DjangoCacheStore(alias='answers', key_prefix='ai_sdk')"


DATABASE_CACHE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_ai_sdk_answers"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.anyio
async def test_the_database_cache_works_on_the_async_path() -> None:
    # Django refuses ORM calls inside an event loop: the middleware must await the store's aget/aset here.
    from asgiref.sync import sync_to_async
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(CACHES={"default": DATABASE_CACHE}):
        await sync_to_async(call_command)("createcachetable")
        generating = MockLanguageModel(do_generate=[mock_text_result("async"), mock_text_result("never")])
        model = wrap_language_model(generating, cache_middleware(DjangoCacheStore("default")))
        assert [(await agenerate_text(model=model, prompt="Hi")).text for _ in range(2)] == ["async", "async"]
        streaming = MockLanguageModel(do_stream=[text_stream_parts("Hel", "lo"), text_stream_parts("other")])
        model = wrap_language_model(streaming, cache_middleware(DjangoCacheStore("default")))
        texts = []
        for _ in range(2):
            result = astream_text(model=model, prompt="Hi")
            texts.append("".join([delta async for delta in result.text_stream]))
        assert texts == ["Hello", "Hello"]
    assert (len(generating.calls), len(streaming.calls)) == (1, 1)
