"""From generated text to spec parts, and from parts to a generate result (pure: testable without a model).

With tools on offer, an answer that opens with ``{`` is a call (the grammar allows text only when it does not);
it is held back until complete, then reported as tool-input parts and a tool call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from ai_sdk_core.providers.llama_cpp.tool_calls import PreparedTools, parse_tool_call
from ai_sdk_core.spec.content import Content, TextContent, ToolCallContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.shared import CallWarning, RequestInfo, ResponseInfo
from ai_sdk_core.spec.stream_parts import (
    Finish,
    ResponseMetadata,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ai_sdk_core.spec.usage import InputTokens, OutputTokens, Usage

__all__ = ["TEXT_ID", "collect_generate_result", "content_parts", "finish_reason", "usage"]

TEXT_ID: Final = "text-0"


def content_parts(
    deltas: Iterable[str], tools: PreparedTools | None, calls: list[ToolCallContent]
) -> Iterator[StreamPart]:
    """Text parts for ``deltas``, or tool-input parts and the call when the answer is a tool call (appended to
    ``calls``, so the caller can tell the finish reason)."""
    held: list[str] | None = None
    started = False
    for delta in deltas:
        if held is None and not started and tools is not None and delta.lstrip().startswith("{"):
            held = []
        if held is not None:
            held.append(delta)
            continue
        if not started:
            started = True
            yield TextStart(id=TEXT_ID)
        yield TextDelta(id=TEXT_ID, delta=delta)
    if held is not None and tools is not None:
        text = "".join(held)
        call = parse_tool_call(text, tools.tools)
        if call is not None:
            calls.append(call)
            yield ToolInputStart(id=call.tool_call_id, tool_name=call.tool_name)
            yield ToolInputDelta(id=call.tool_call_id, delta=call.input)
            yield ToolInputEnd(id=call.tool_call_id)
            yield call
            return
        # Cut short (token budget) before the call was complete: what was written is all there is.
        started = True
        yield TextStart(id=TEXT_ID)
        yield TextDelta(id=TEXT_ID, delta=text)
    if started:
        yield TextEnd(id=TEXT_ID)


def finish_reason(raw: str, *, called_tool: bool) -> FinishReason:
    """The unified finish reason of a local generation whose loop ended with ``raw``."""
    if called_tool:
        return FinishReason(unified="tool-calls", raw=raw)
    if raw == "stop":
        return FinishReason(unified="stop", raw=raw)
    if raw == "length":
        return FinishReason(unified="length", raw=raw)
    return FinishReason(unified="other", raw=raw)


def usage(prompt_tokens: int, completion_tokens: int) -> Usage:
    """Usage from the token counts of the run (no prompt cache accounting: llama.cpp reuses a matching prefix of
    the previous prompt, but the whole prompt is still what the context holds)."""
    return Usage(
        input_tokens=InputTokens(total=prompt_tokens),
        output_tokens=OutputTokens(total=completion_tokens, text=completion_tokens),
        raw={"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens},
    )


def collect_generate_result(parts: Sequence[StreamPart], request: RequestInfo) -> GenerateResult:
    """The generate result the stream ``parts`` describe (``do_generate`` is a collected stream)."""
    content: list[Content] = []
    texts: list[str] = []
    warnings: Sequence[CallWarning] = ()
    response = ResponseInfo()
    finish: Finish | None = None
    for part in parts:
        if isinstance(part, TextDelta):
            texts.append(part.delta)
        elif isinstance(part, TextEnd):
            content.append(TextContent(text="".join(texts)))
            texts = []
        elif isinstance(part, ToolCallContent):
            content.append(part)
        elif isinstance(part, StreamStart):
            warnings = part.warnings
        elif isinstance(part, ResponseMetadata):
            response = ResponseInfo(id=part.id, timestamp=part.timestamp, model_id=part.model_id)
        elif isinstance(part, Finish):
            finish = part
    if finish is None:
        return GenerateResult(
            content=content,
            finish_reason=FinishReason(unified="other", raw="cancelled"),
            usage=Usage(),
            request=request,
            response=response,
            warnings=warnings,
        )
    return GenerateResult(
        content=content,
        finish_reason=finish.finish_reason,
        usage=finish.usage,
        request=request,
        response=response,
        warnings=warnings,
    )
