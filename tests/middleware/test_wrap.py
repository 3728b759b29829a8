"""``wrap_language_model``: hook order, parameter transforms, result and stream rewriting, errors, closing."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Sequence
from typing import Any

import pytest

from ai_sdk_core.middleware import (
    CallKind,
    LanguageModelMiddleware,
    ModelRequest,
    StreamReply,
    call_generate,
    call_stream,
    wrap_language_model,
)
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import TextContent
from ai_sdk_core.spec.errors import APICallError, InvalidArgumentError
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import StreamPart, TextDelta
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, simulate_stream, text_stream_parts
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio


class Recorder(LanguageModelMiddleware):
    """Appends its name to ``log`` when each hook runs, and adds its name to ``stop_sequences``."""

    def __init__(self, name: str, log: list[str]) -> None:
        self.name = name
        self.log = log

    def transform_params(self, options: CallOptions, *, kind: CallKind, model: LanguageModel) -> CallOptions:
        self.log.append(f"{self.name}.transform.{kind}")
        return dataclasses.replace(options, stop_sequences=[*(options.stop_sequences or ()), self.name])

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        self.log.append(f"{self.name}.before")
        result = yield from call_generate(options)
        self.log.append(f"{self.name}.after")
        text = result.content[0]
        assert isinstance(text, TextContent)
        return dataclasses.replace(result, content=[TextContent(text=f"{self.name}({text.text})")])


class Upper:
    """Duck-typed (no base class): only a stream hook, with a transform upper-casing text deltas."""

    class _Transform:
        def feed(self, part: StreamPart) -> Sequence[StreamPart]:
            return [dataclasses.replace(part, delta=part.delta.upper())] if isinstance(part, TextDelta) else [part]

        def flush(self) -> Sequence[StreamPart]:
            return []

    def wrap_stream(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, StreamReply]:
        inner = yield from call_stream(options)
        return inner.reply(self._Transform())


async def test_first_middleware_is_outermost_and_params_flow_inward(driver: Driver) -> None:
    log: list[str] = []
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    wrapped = wrap_language_model(model, [Recorder("outer", log), Recorder("inner", log)])
    result = await driver.generate(wrapped, options())
    assert log == [
        "outer.transform.generate",
        "outer.before",
        "inner.transform.generate",
        "inner.before",
        "inner.after",
        "outer.after",
    ]
    assert result.content == [TextContent(text="outer(inner(x))")]
    assert model.calls[0].stop_sequences == ["outer", "inner"]


async def test_transform_params_sees_the_stream_kind(driver: Driver) -> None:
    log: list[str] = []
    model = MockLanguageModel(do_stream=text_stream_parts("a"))
    wrapped = wrap_language_model(model, Recorder("only", log))
    streamed = await driver.stream(wrapped, options())
    assert log == ["only.transform.stream"]  # no stream hook: the base class passes through
    assert streamed.text == "a"
    assert model.calls[0].stop_sequences == ["only"]


async def test_stream_transform_rewrites_parts_and_keeps_request_info(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("ab", "c"))
    wrapped = wrap_language_model(model, [Upper(), Upper()])
    streamed = await driver.stream(wrapped, options())
    assert streamed.text == "ABC"
    assert streamed.types == ["stream-start", "text-start", "text-delta", "text-delta", "text-end", "finish"]
    assert streamed.result.request.body == {"mock": True}


async def test_closing_the_outer_stream_closes_the_model_stream(driver: Driver) -> None:
    model = MockLanguageModel(do_stream=lambda _: simulate_stream(text_stream_parts("a", "b", "c")))
    wrapped = wrap_language_model(model, [Upper(), Upper()])
    streamed = await driver.stream(wrapped, options(), limit=2)
    assert len(streamed.parts) == 2
    assert model.streams[0].closed


class Recover(LanguageModelMiddleware):
    """Answers from a second model when the next layer fails."""

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        try:
            return (yield from call_generate(options))
        except APICallError as error:
            return mock_text_result(f"recovered from {error.status_code}")


async def test_a_hook_can_catch_the_next_layers_error(driver: Driver) -> None:
    failing = MockLanguageModel(do_generate=APICallError("down", url="https://x", status_code=503))
    result = await driver.generate(wrap_language_model(failing, Recover()), options())
    assert result.content == [TextContent(text="recovered from 503")]


async def test_uncaught_errors_propagate(driver: Driver) -> None:
    failing = MockLanguageModel(do_generate=APICallError("down", url="https://x", status_code=500))
    with pytest.raises(APICallError, match="down"):
        await driver.generate(wrap_language_model(failing, LanguageModelMiddleware()), options())


class Twice(LanguageModelMiddleware):
    """Calls the next layer twice and joins both answers: a hook may yield several requests."""

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        first = yield from call_generate(options)
        second = yield from call_generate(options)
        texts = [part.text for part in [*first.content, *second.content] if isinstance(part, TextContent)]
        return dataclasses.replace(second, content=[TextContent(text="+".join(texts))])


async def test_a_hook_may_call_the_next_layer_several_times(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=[mock_text_result("one"), mock_text_result("two")])
    result = await driver.generate(wrap_language_model(model, Twice()), options())
    assert result.content == [TextContent(text="one+two")]
    assert len(model.calls) == 2


class Broken(LanguageModelMiddleware):
    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        yield "not a request"  # type: ignore[misc]
        return mock_text_result("never")


async def test_yielding_something_else_is_a_clear_type_error(driver: Driver) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    with pytest.raises(TypeError, match="call_generate"):
        await driver.generate(wrap_language_model(model, Broken()), options())


def test_identity_and_arguments() -> None:
    model = MockLanguageModel(provider="acme", model_id="m1")
    wrapped = wrap_language_model(model, LanguageModelMiddleware())
    assert (wrapped.provider, wrapped.model_id, wrapped.specification_version) == ("acme", "m1", "v4")
    renamed = wrap_language_model(model, [LanguageModelMiddleware()], model_id="m2", provider_id="other")
    assert (renamed.provider, renamed.model_id) == ("other", "m2")
    assert isinstance(wrapped, LanguageModel)
    with pytest.raises(InvalidArgumentError):
        wrap_language_model(model, [])
