"""The caching middleware: hits, misses, a miss on any result-affecting change, stream replay, stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ai_sdk_core.middleware import InMemoryLRUCache, cache_key, cache_middleware, wrap_language_model
from ai_sdk_core.spec.call_options import CallOptions, ResponseFormat, TimeoutConfig
from ai_sdk_core.spec.content import TextContent
from ai_sdk_core.spec.prompt import FilePart, TextPart, UserMessage
from ai_sdk_core.spec.stream_parts import StreamError
from ai_sdk_core.spec.tools import FunctionTool, ToolChoice
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, text_stream_parts
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio


def _with_file(data: bytes) -> CallOptions:
    return CallOptions(
        prompt=[UserMessage(content=[TextPart(text="see"), FilePart(data=data, media_type="image/png")])]
    )


BASE = CallOptions(
    prompt=[UserMessage(content=[TextPart(text="see"), FilePart(data=b"\x89PNG1", media_type="image/png")])]
)

# One changed value per CallOptions field: each must give another key (a test checks that none is missing).
VARIANTS: dict[str, Callable[[CallOptions], CallOptions]] = {
    "prompt": lambda base: _with_file(b"\x89PNG2"),
    "max_output_tokens": lambda base: dataclasses.replace(base, max_output_tokens=10),
    "temperature": lambda base: dataclasses.replace(base, temperature=0.5),
    "stop_sequences": lambda base: dataclasses.replace(base, stop_sequences=["END"]),
    "top_p": lambda base: dataclasses.replace(base, top_p=0.9),
    "top_k": lambda base: dataclasses.replace(base, top_k=40),
    "presence_penalty": lambda base: dataclasses.replace(base, presence_penalty=0.1),
    "frequency_penalty": lambda base: dataclasses.replace(base, frequency_penalty=0.1),
    "response_format": lambda base: dataclasses.replace(
        base, response_format=ResponseFormat(type="json", schema={"type": "object"})
    ),
    "seed": lambda base: dataclasses.replace(base, seed=1),
    "tools": lambda base: dataclasses.replace(
        base, tools=[FunctionTool(name="weather", input_schema={"type": "object"})]
    ),
    "tool_choice": lambda base: dataclasses.replace(base, tool_choice=ToolChoice(type="required")),
    "reasoning": lambda base: dataclasses.replace(base, reasoning="high"),
    "include_raw_chunks": lambda base: dataclasses.replace(base, include_raw_chunks=True),
    "headers": lambda base: dataclasses.replace(base, headers={"x-experiment": "b"}),
    "provider_options": lambda base: dataclasses.replace(base, provider_options={"openai": {"store": True}}),
    "extra": lambda base: dataclasses.replace(base, extra={"anything": 1}),
}
# Fields that do not change an answer, so the same key is right.
NEUTRAL: dict[str, Callable[[CallOptions], CallOptions]] = {
    "timeout": lambda base: dataclasses.replace(base, timeout=TimeoutConfig(total=5)),
}


def test_every_call_options_field_is_covered() -> None:
    assert set(VARIANTS) | set(NEUTRAL) == {field.name for field in dataclasses.fields(CallOptions)}


@pytest.mark.parametrize("field_name", sorted(VARIANTS))
async def test_a_change_of_any_option_misses(driver: Driver, field_name: str) -> None:
    model = MockLanguageModel(do_generate=[mock_text_result("first"), mock_text_result("second")])
    cache = cache_middleware()
    wrapped = wrap_language_model(model, cache)
    assert (await driver.generate(wrapped, BASE)).content == [TextContent(text="first")]
    changed = VARIANTS[field_name](BASE)
    assert (await driver.generate(wrapped, changed)).content == [TextContent(text="second")]
    assert (cache.hits, cache.misses, len(model.calls)) == (0, 2, 2)


@pytest.mark.parametrize("field_name", sorted(NEUTRAL))
async def test_neutral_options_hit(driver: Driver, field_name: str) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("only"))
    wrapped = wrap_language_model(model, cache_middleware())
    await driver.generate(wrapped, BASE)
    await driver.generate(wrapped, NEUTRAL[field_name](BASE))
    assert len(model.calls) == 1


async def test_identical_calls_hit_and_results_are_independent_copies(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("cached"))
    cache = cache_middleware(InMemoryLRUCache(max_entries=4))
    wrapped = wrap_language_model(model, cache)
    first = await driver.generate(wrapped, options("same"))
    first.content.append(TextContent(text="mutated by the caller"))
    second = await driver.generate(wrapped, options("same"))
    assert second.content == [TextContent(text="cached")]
    assert (cache.hits, cache.misses, len(model.calls)) == (1, 1, 1)


def test_key_covers_the_model_and_the_kind_but_not_auth_headers() -> None:
    first = MockLanguageModel(provider="acme", model_id="a")
    other_model = MockLanguageModel(provider="acme", model_id="b")
    other_provider = MockLanguageModel(provider="zeta", model_id="a")
    call = options(headers={"Authorization": "Bearer sk-secret-1", "x-api-key": "k1", "x-trace": "t"})
    rotated = options(headers={"authorization": "Bearer sk-secret-2", "X-Api-Key": "k2", "x-trace": "t"})
    key = cache_key(first, call)
    assert key == cache_key(first, rotated)
    assert key != cache_key(other_model, call) and key != cache_key(other_provider, call)
    assert key != cache_key(first, call, "stream")
    assert "sk-secret" not in key and len(key) == 64


async def test_streams_are_recorded_then_replayed_as_streams(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("Hel", "lo")])
    cache = cache_middleware()
    wrapped = wrap_language_model(model, cache)
    live = await driver.stream(wrapped, options())
    replayed = await driver.stream(wrapped, options())
    assert replayed.text == live.text == "Hello"
    assert replayed.parts == live.parts
    assert replayed.result.request.body == {"mock": True}
    assert (cache.hits, cache.misses, len(model.calls)) == (1, 1, 1)


async def test_failed_or_abandoned_streams_are_not_stored(driver: Driver) -> None:
    broken = [*text_stream_parts("partial")[:3], StreamError(error="overloaded")]
    model = MockLanguageModel(do_stream=[broken, text_stream_parts("a", "b", "c"), text_stream_parts("whole")])
    cache = cache_middleware()
    wrapped = wrap_language_model(model, cache)
    await driver.stream(wrapped, options())
    await driver.stream(wrapped, options(), limit=2)  # the consumer stops reading early
    complete = await driver.stream(wrapped, options())
    assert complete.text == "whole"
    again = await driver.stream(wrapped, options())
    assert again.text == "whole"
    assert (cache.misses, cache.hits, len(model.calls)) == (3, 1, 3)


def test_lru_store_evicts_the_least_recently_used() -> None:
    store = InMemoryLRUCache(max_entries=2)
    store.set("a", 1)
    store.set("b", 2)
    assert store.get("a") == 1  # "a" is now the most recent
    store.set("c", 3)
    assert (store.get("a"), store.get("b"), store.get("c"), len(store)) == (1, None, 3, 2)
    with pytest.raises(ValueError):
        InMemoryLRUCache(max_entries=0)


class DictStore:
    """Any object with get/set plugs in (Django's cache has exactly this shape)."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value


async def test_any_get_set_store_plugs_in(driver: Driver) -> None:
    store = DictStore()
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    wrapped = wrap_language_model(model, cache_middleware(store))
    await driver.generate(wrapped, options())
    await driver.generate(wrapped, options())
    assert len(store.data) == 1 and len(model.calls) == 1


class AsyncFirstStore(DictStore):
    """A store with async twins, as Django's cache has: the async path must use them (its sync methods may
    not run inside an event loop), the sync path the sync ones."""

    def __init__(self) -> None:
        super().__init__()
        self.used: list[str] = []

    def get(self, key: str) -> Any:
        self.used.append("get")
        return super().get(key)

    def set(self, key: str, value: Any) -> None:
        self.used.append("set")
        super().set(key, value)

    async def aget(self, key: str) -> Any:
        self.used.append("aget")
        return self.data.get(key)

    async def aset(self, key: str, value: Any) -> None:
        self.used.append("aset")
        self.data[key] = value


async def test_stores_with_async_methods_are_awaited_on_the_async_path(driver: Driver) -> None:
    store = AsyncFirstStore()
    generating = MockLanguageModel(do_generate=mock_text_result("x"))
    streaming = MockLanguageModel(do_stream=text_stream_parts("Hel", "lo"))
    for model in (generating, streaming):
        wrapped = wrap_language_model(model, cache_middleware(store))
        for _ in range(2):
            if model is generating:
                await driver.generate(wrapped, options())
            else:
                assert (
                    "".join(p.delta for p in (await driver.stream(wrapped, options())).parts if p.type == "text-delta")
                    == "Hello"
                )
    assert (len(generating.calls), len(streaming.calls)) == (1, 1)
    expected = ["aget", "aset", "aget"] if driver.mode == "async" else ["get", "set", "get"]
    assert store.used == expected * 2


COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Bonjour"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
}


def _chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
    return {
        "id": "chatcmpl-2",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [choice],
    }


@pytest.mark.parametrize("flavour", ["generate", "stream"])
async def test_openai_second_identical_call_sends_no_request(driver: Driver, flavour: str) -> None:
    from ai_sdk_core.providers.openai import create_openai

    answer = (
        ReplayResponse.json_body(COMPLETION)
        if flavour == "generate"
        else ReplayResponse.sse([_chunk({"role": "assistant", "content": "Bon"}), _chunk({"content": "jour"}, "stop")])
    )
    # One queued answer only: a second request would raise ReplayExhaustedError.
    transport = ReplayTransport([answer])
    async with httpx.AsyncClient(transport=transport) as async_client:
        with httpx.Client(transport=transport) as client:
            provider = create_openai(api_key="sk-test-secret", http_client=client, async_http_client=async_client)
            model = wrap_language_model(provider.chat("gpt-4o-mini"), cache_middleware())
            if flavour == "generate":
                first = await driver.generate(model, options("Hello", temperature=0))
                second = await driver.generate(model, options("Hello", temperature=0))
                assert first.content == second.content == [TextContent(text="Bonjour")]
            else:
                live = await driver.stream(model, options("Hello", temperature=0))
                replayed = await driver.stream(model, options("Hello", temperature=0))
                assert live.error is None and live.text == replayed.text == "Bonjour"
                assert replayed.parts == live.parts
    assert len(transport.requests) == 1
    assert transport.requests[0].json["model"] == "gpt-4o-mini"
