"""How stream parts become ``full_stream`` parts and step content: the drivers feed most parts straight to the
step's processor, and hand the rest (tool calls, errors, unusual parts, callbacks) to the loop. Both routes
must give the same results, sync and async."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from ai_sdk_core import AssistantModelMessage, ReasoningPart, TextPart, ToolCall, ToolResult, astream_text
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    RequestInfo,
    StreamResult,
    StreamStart,
    TextContent,
    TextDelta,
    TextEnd,
    TextStart,
    ToolCallContent,
    ToolResultContent,
)
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_usage, simulate_stream, text_stream_parts
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def finish() -> Finish:
    return Finish(usage=mock_usage(), finish_reason=FinishReason(unified="stop", raw="stop"))


def texts_of(content: list[Any]) -> list[str]:
    return [part.text for part in content if isinstance(part, TextContent)]


async def test_many_deltas_add_up_to_the_text(api: Api) -> None:
    deltas = [f"{index % 10}" for index in range(3000)]
    outcome = await api.stream(model=MockLanguageModel(do_stream=text_stream_parts(*deltas)), prompt="go")
    assert [part.text for part in outcome.parts if part.type == "text-delta"] == deltas  # type: ignore[union-attr]
    assert outcome.text == "".join(deltas)


async def test_a_block_the_provider_never_ends_keeps_its_text(api: Api) -> None:
    parts = [StreamStart(), TextStart(id="t"), TextDelta(id="t", delta="Hel"), TextDelta(id="t", delta="lo"), finish()]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    assert outcome.text == "Hello"
    message = outcome.steps[0].response.messages[0]
    assert isinstance(message, AssistantModelMessage)
    assert [part.text for part in message.content if isinstance(part, TextPart)] == ["Hello"]


async def test_interleaved_and_reopened_blocks_keep_their_own_text(api: Api) -> None:
    parts = [
        StreamStart(),
        TextStart(id="a"),
        TextStart(id="b"),
        TextDelta(id="a", delta="1"),
        TextDelta(id="b", delta="2"),
        TextDelta(id="a", delta="3"),
        TextEnd(id="a"),
        TextEnd(id="b"),
        TextStart(id="c"),
        TextDelta(id="c", delta="first"),
        TextStart(id="c"),
        TextDelta(id="c", delta="second"),
        TextEnd(id="c"),
        TextDelta(id="d", delta="implicit"),
        finish(),
    ]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    assert texts_of(outcome.steps[0].content) == ["13", "2", "first", "second", "implicit"]
    assert outcome.text == "132firstsecondimplicit"


async def test_reasoning_and_delta_metadata_are_merged(api: Api) -> None:
    parts = [
        StreamStart(),
        ReasoningStart(id="r", provider_metadata={"vendor": {"started": 1}}),
        ReasoningDelta(id="r", delta="thi", provider_metadata={"vendor": {"signature": "s"}}),
        ReasoningDelta(id="r", delta="nk"),
        ReasoningEnd(id="r", provider_metadata={"other": {"ended": True}}),
        TextStart(id="t"),
        TextDelta(id="t", delta="ok", provider_metadata={"vendor": {"id": 7}}),
        TextEnd(id="t"),
        finish(),
    ]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    step = outcome.steps[0]
    assert step.reasoning_text == "think"
    assert step.reasoning[0].provider_metadata == {"vendor": {"started": 1, "signature": "s"}, "other": {"ended": True}}
    text = step.content[1]
    assert isinstance(text, TextContent) and text.provider_metadata == {"vendor": {"id": 7}}
    message = step.response.messages[0]
    assert isinstance(message, AssistantModelMessage) and isinstance(message.content[0], ReasoningPart)
    assert [part.type for part in outcome.parts if part.type.startswith("reasoning")] == [
        "reasoning-start",
        "reasoning-delta",
        "reasoning-delta",
        "reasoning-end",
    ]


class LoudTextDelta(TextDelta):
    """A provider's own subclass of a spec part: it must be processed like its base."""


async def test_a_subclass_of_a_spec_part_is_processed_like_its_base(api: Api) -> None:
    parts = [StreamStart(), TextStart(id="t"), TextDelta(id="t", delta="a"), LoudTextDelta(id="t", delta="b"), finish()]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    assert [part.text for part in outcome.parts if part.type == "text-delta"] == ["a", "b"]  # type: ignore[union-attr]
    assert outcome.text == "ab"


async def test_provider_executed_tool_call_and_result_in_a_stream(api: Api) -> None:
    parts = [
        StreamStart(),
        ToolCallContent(tool_call_id="s1", tool_name="web_search", input='{"q": "sky"}', provider_executed=True),
        ToolResultContent(tool_call_id="s1", tool_name="web_search", result={"hits": 3}),
        TextStart(id="t"),
        TextDelta(id="t", delta="Blue."),
        TextEnd(id="t"),
        finish(),
    ]
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go")
    assert [part.type for part in outcome.parts] == [
        "start",
        "start-step",
        "tool-call",
        "tool-result",
        "text-start",
        "text-delta",
        "text-end",
        "finish-step",
        "finish",
    ]
    call, result = outcome.parts[2], outcome.parts[3]
    assert isinstance(call, ToolCall) and call.input == {"q": "sky"} and call.provider_executed
    assert isinstance(result, ToolResult) and result.output == {"hits": 3} and result.input == {"q": "sky"}
    assert outcome.text == "Blue."


async def test_on_chunk_sees_each_content_chunk_in_stream_order(api: Api) -> None:
    parts = [
        StreamStart(),
        ReasoningStart(id="r"),
        ReasoningDelta(id="r", delta="hm"),
        ReasoningEnd(id="r"),
        *text_stream_parts("a", "b")[1:],
    ]
    chunks: list[Any] = []
    outcome = await api.stream(model=MockLanguageModel(do_stream=parts), prompt="go", on_chunk=chunks.append)
    assert [chunk.type for chunk in chunks] == ["reasoning-delta", "text-delta", "text-delta"]
    assert chunks == [part for part in outcome.parts if part.type in ("reasoning-delta", "text-delta")]
    assert outcome.text == "ab"


async def test_concurrent_async_consumers_share_one_model_stream() -> None:
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("a", "b", "c"), delay=0.001))
    result = astream_text(model=model, prompt="go")
    seen: dict[str, list[str]] = {}

    async def consume(name: str) -> None:
        seen[name] = [text async for text in result.text_stream]

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(consume, "first")
            group.start_soon(consume, "second")
    assert seen == {"first": ["a", "b", "c"], "second": ["a", "b", "c"]}
    assert len(model.calls) == 1
    assert await result.text == "abc"


class ListStreamModel(MockLanguageModel):
    """A model whose stream is a list (iterable, not an iterator): it must be read once, not restarted."""

    def do_stream(self, options: Any) -> Any:
        return StreamResult(stream=list(self.do_stream_script), request=RequestInfo())

    async def ado_stream(self, options: Any) -> Any:
        async def parts() -> Any:
            for part in self.do_stream_script:
                yield part

        return StreamResult(stream=parts(), request=RequestInfo())


async def test_a_stream_is_resumed_not_restarted_after_each_handed_back_part(api: Api) -> None:
    parts = [
        StreamStart(),
        TextStart(id="t"),
        TextDelta(id="t", delta="a"),
        ToolCallContent(tool_call_id="s1", tool_name="search", input="{}", provider_executed=True),
        TextDelta(id="t", delta="b"),
        TextEnd(id="t"),
        finish(),
    ]
    outcome = await api.stream(model=ListStreamModel(do_stream=parts), prompt="go")
    assert [part.type for part in outcome.parts].count("tool-call") == 1
    assert outcome.text == "ab"
