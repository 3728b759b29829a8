"""``fallback_model``: switches on retryable errors before any content, never after, and says who answered."""

from __future__ import annotations

import re

import pytest

from ai_sdk_core.fallback import FallbackModel, default_should_fallback, fallback_model
from ai_sdk_core.spec.content import TextContent
from ai_sdk_core.spec.errors import (
    APICallError,
    InvalidArgumentError,
    InvalidResponseDataError,
    RetryError,
)
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.shared import ResponseInfo
from ai_sdk_core.spec.stream_parts import Finish, ResponseMetadata, StreamError, StreamPart, StreamStart, TextDelta
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, simulate_stream, text_stream_parts
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio


def _overloaded() -> APICallError:
    return APICallError("overloaded", url="https://primary.test/v1", status_code=529)


def _models() -> tuple[MockLanguageModel, MockLanguageModel]:
    primary = MockLanguageModel(provider="primary", model_id="big", do_generate=_overloaded())
    secondary = MockLanguageModel(provider="secondary", model_id="small", do_generate=mock_text_result("from small"))
    return primary, secondary


async def test_generate_falls_back_on_a_retryable_error_and_records_it(driver: Driver) -> None:
    primary, secondary = _models()
    model = fallback_model([primary, secondary])
    result = await driver.generate(model, options())
    assert result.content == [TextContent(text="from small")]
    assert result.response.model_id == "small"
    assert result.provider_metadata is not None
    assert result.provider_metadata["fallback"] == {
        "model_index": 1,
        "provider": "secondary",
        "model_id": "small",
        "errors": [{"type": "APICallError", "message": "overloaded", "status_code": 529}],
    }
    assert len(primary.calls) == len(secondary.calls) == 1


async def test_the_primary_answering_is_recorded_too(driver: Driver) -> None:
    primary = MockLanguageModel(
        model_id="big", do_generate=mock_text_result("direct", response=ResponseInfo(model_id="big-2025-01-01"))
    )
    result = await driver.generate(fallback_model([primary, MockLanguageModel()]), options())
    assert result.response.model_id == "big-2025-01-01"  # the provider's own report is kept
    assert result.provider_metadata is not None
    assert result.provider_metadata["fallback"]["model_index"] == 0
    assert result.provider_metadata["fallback"]["errors"] == []


@pytest.mark.parametrize(
    "error",
    [
        APICallError("bad request", url="https://x", status_code=400),
        InvalidResponseDataError("garbled"),
        ValueError("a bug"),
    ],
    ids=["400", "invalid-response", "value-error"],
)
async def test_non_retryable_errors_propagate_at_once(driver: Driver, error: Exception) -> None:
    primary = MockLanguageModel(do_generate=error)
    secondary = MockLanguageModel(do_generate=mock_text_result("unused"))
    with pytest.raises(type(error)):
        await driver.generate(fallback_model([primary, secondary]), options())
    assert secondary.calls == []


async def test_the_last_models_error_propagates_when_all_fail(driver: Driver) -> None:
    first = MockLanguageModel(do_generate=_overloaded())
    last_error = APICallError("also down", url="https://x", status_code=503)
    second = MockLanguageModel(do_generate=last_error)
    with pytest.raises(APICallError) as caught:
        await driver.generate(fallback_model([first, second]), options())
    assert caught.value is last_error


async def test_a_predicate_chooses_when_to_fall_back(driver: Driver) -> None:
    primary = MockLanguageModel(do_generate=APICallError("context too long", url="https://x", status_code=400))
    secondary = MockLanguageModel(model_id="long-context", do_generate=mock_text_result("fits"))
    model = fallback_model([primary, secondary], should_fallback=lambda error: "context" in str(error))
    result = await driver.generate(model, options())
    assert result.content == [TextContent(text="fits")]


def test_default_predicate() -> None:
    assert default_should_fallback(_overloaded())
    assert default_should_fallback(APICallError("no connection", url="https://x"))
    assert not default_should_fallback(APICallError("bad", url="https://x", status_code=401))
    exhausted = RetryError("gave up", reason="max_retries_exceeded", errors=[_overloaded(), _overloaded()])
    assert default_should_fallback(exhausted)
    assert not default_should_fallback(TimeoutError())


async def test_stream_falls_back_when_the_call_itself_fails(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=[_overloaded()])
    secondary = MockLanguageModel(provider="secondary", model_id="small", do_stream=text_stream_parts("ok"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert streamed.error is None and streamed.text == "ok"
    assert streamed.result.response.model_id == "small"
    finish = streamed.parts[-1]
    assert isinstance(finish, Finish) and finish.provider_metadata is not None
    assert finish.provider_metadata["fallback"]["model_index"] == 1
    assert finish.provider_metadata["fallback"]["errors"][0]["status_code"] == 529


async def test_stream_falls_back_when_it_fails_before_its_first_part(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream([_overloaded()]))
    secondary = MockLanguageModel(do_stream=text_stream_parts("second"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert streamed.text == "second"
    assert primary.streams[0].closed  # the failed stream was released


async def test_stream_never_falls_back_after_the_first_part(driver: Driver) -> None:
    # The connection drops with a retryable error after "Hel" was delivered.
    parts: list[StreamPart | BaseException] = [*text_stream_parts("Hel", "lo")[:3], _overloaded()]
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream(parts))
    secondary = MockLanguageModel(do_stream=text_stream_parts("never"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert isinstance(streamed.error, APICallError)
    assert streamed.text == "Hel"
    assert secondary.calls == []


async def test_stream_falls_back_on_an_error_after_the_preamble_but_before_content(driver: Driver) -> None:
    preamble: list[StreamPart] = [
        StreamStart(),
        ResponseMetadata(id="primary-response"),
        StreamError(error=_overloaded()),
    ]
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream([*preamble, TextDelta(id="t", delta="late")]))
    secondary = MockLanguageModel(model_id="small", do_stream=text_stream_parts("second"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert streamed.text == "second"
    # Nothing of the failed model reached the caller.
    assert ResponseMetadata(id="primary-response") not in streamed.parts
    assert streamed.types.count("stream-start") == 1
    assert primary.streams[0].closed


async def test_error_parts_that_are_not_fallback_worthy_are_delivered(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=[[StreamStart(), StreamError(error={"message": "content policy"})]])
    secondary = MockLanguageModel(do_stream=text_stream_parts("unused"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert streamed.types == ["stream-start", "error"]
    assert secondary.calls == []


async def test_the_last_model_delivers_its_error_part(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=[[StreamError(error=_overloaded())]])
    last = MockLanguageModel(do_stream=[[StreamStart(), StreamError(error=_overloaded())]])
    streamed = await driver.stream(fallback_model([primary, last]), options())
    assert streamed.types == ["stream-start", "error"]


def test_supported_urls_are_those_every_model_downloads_itself() -> None:
    images = re.compile(r"^https://.*$")
    pdfs = re.compile(r"^https://docs/.*$")
    first = MockLanguageModel(supported_urls={"image/*": [images], "application/pdf": [pdfs]})
    second = MockLanguageModel(supported_urls={"image/*": [re.compile(r"^https://.*$")]})
    assert fallback_model([first, second]).supported_urls == {"image/*": [images]}
    assert fallback_model([first]).supported_urls == {"image/*": [images], "application/pdf": [pdfs]}


async def test_a_stream_with_no_parts_is_an_empty_answer(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream([]))
    secondary = MockLanguageModel(do_stream=text_stream_parts("unused"))
    streamed = await driver.stream(fallback_model([primary, secondary]), options())
    assert streamed.parts == [] and streamed.error is None
    assert secondary.calls == []


async def test_closing_the_stream_early_closes_the_model_stream(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream(text_stream_parts("a", "b", "c")))
    streamed = await driver.stream(fallback_model([primary]), options(), limit=2)
    assert len(streamed.parts) == 2
    assert primary.streams[0].closed


def test_identity_and_arguments() -> None:
    model = fallback_model([MockLanguageModel(provider="p", model_id="a"), MockLanguageModel(provider="q")])
    assert isinstance(model, LanguageModel) and isinstance(model, FallbackModel)
    assert model.provider == "fallback" and model.model_id == "p:a,q:mock-model-id"
    with pytest.raises(InvalidArgumentError):
        fallback_model([])
