"""The pure state machine shared by ``generate_text`` and ``stream_text``: it accumulates one step's content
(from a whole ``GenerateResult`` or from stream parts), maps stream parts to ``full_stream`` parts, and turns a
finished step into response messages. No I/O here; the loop in ``loop.py`` feeds it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, TypeAlias

from ai_sdk_core.generate_text.effects import HAND_BACK
from ai_sdk_core.generate_text.results import (
    ContentPart,
    LanguageModelResponse,
    LanguageModelUsage,
    StepResult,
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.generate_text.stream_parts import (
    RawPart,
    ReasoningDeltaPart,
    ReasoningEndPart,
    ReasoningStartPart,
    TextDeltaPart,
    TextEndPart,
    TextStartPart,
    TextStreamPart,
    ToolInputDeltaPart,
    ToolInputEndPart,
    ToolInputStartPart,
)
from ai_sdk_core.prompt.messages import (
    AssistantContentPart,
    AssistantModelMessage,
    FilePart,
    ModelMessage,
    ReasoningPart,
    TextPart,
    ToolApprovalRequestPart,
    ToolCallPart,
    ToolContentPart,
    ToolModelMessage,
    ToolResultPart,
)
from ai_sdk_core.spec.content import (
    FileContent,
    ReasoningContent,
    SourceContent,
    TextContent,
    ToolResultContent,
)
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.prompt import ToolResultOutput
from ai_sdk_core.spec.shared import CallWarning, ProviderMetadata, RequestInfo, ResponseInfo
from ai_sdk_core.spec.stream_parts import (
    Finish,
    Raw,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
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
from ai_sdk_core.spec.usage import Usage
from ai_sdk_core.tools import Tool

__all__ = [
    "StepBuilder",
    "provider_tool_result",
    "to_response_messages",
    "tool_error_output",
]


def _merge_metadata(current: ProviderMetadata | None, update: ProviderMetadata | None) -> ProviderMetadata | None:
    if not update:
        return current
    if not current:
        return update
    merged = {key: dict(value) for key, value in current.items()}
    for key, value in update.items():
        merged.setdefault(key, {}).update(value)
    return merged


def provider_tool_result(part: ToolResultContent, tool_input: Any) -> ToolResult | ToolError:
    """A provider-executed tool's result as a result (or error) part."""
    if part.is_error:
        error = part.result if isinstance(part.result, Exception) else RuntimeError(str(part.result))
        return ToolError(
            tool_call_id=part.tool_call_id,
            tool_name=part.tool_name,
            input=tool_input,
            error=error,
            provider_executed=True,
            dynamic=bool(part.dynamic),
            provider_metadata=part.provider_metadata,
        )
    return ToolResult(
        tool_call_id=part.tool_call_id,
        tool_name=part.tool_name,
        input=tool_input,
        output=part.result,
        provider_executed=True,
        dynamic=bool(part.dynamic),
        provider_metadata=part.provider_metadata,
    )


# An open block joins its latest deltas every this many: a long block then holds one string per batch, not a
# string object and a list slot per chunk (its memory grows with the text, not with the chunk count).
_FOLD_EVERY: Final = 256


@dataclass(slots=True)
class _OpenBlock:
    """A text or reasoning block still receiving deltas. The deltas are kept as pieces and joined when the
    text is read: ``text += delta`` on an attribute copies the whole text for every delta (quadratic). The
    pieces past ``folded`` are joined into one when they reach ``fold_at`` (each delta is copied once more)."""

    content: TextContent | ReasoningContent
    pieces: list[str]
    folded: int = 0
    fold_at: int = _FOLD_EVERY

    def fold(self) -> None:
        """Join the pieces received since the last fold into one."""
        pieces, folded = self.pieces, self.folded
        pieces[folded:] = ["".join(pieces[folded:])]
        self.folded = folded + 1
        self.fold_at = folded + 1 + _FOLD_EVERY

    def settle(self) -> None:
        """Write the text received so far into the content part."""
        text = "".join(self.pieces)
        self.content.text = text
        self.pieces[:] = [text] if text else []
        self.folded = len(self.pieces)
        self.fold_at = self.folded + _FOLD_EVERY


# Until a finish part or a whole result says why the step ended (immutable, so one object serves every step).
_NOT_FINISHED: Final = FinishReason(unified="other")


@dataclass(slots=True)
class StepBuilder:
    """Accumulates one step. Feed it a whole result (:meth:`add_generate_result`) or stream parts
    (:meth:`process`, or :meth:`feed` from a driver); tool calls are added by the loop once validated
    (:meth:`add`). Read :meth:`settled_content`, not ``content``, while text blocks may still be open."""

    step_number: int
    model_provider: str
    model_id: str
    request: RequestInfo = field(default_factory=RequestInfo)
    content: list[ContentPart] = field(default_factory=list)
    warnings: Sequence[CallWarning] = ()
    usage: LanguageModelUsage = field(default_factory=LanguageModelUsage)
    finish_reason: FinishReason = _NOT_FINISHED
    finished: bool = False
    provider_metadata: ProviderMetadata | None = None
    response_id: str | None = None
    response_model_id: str | None = None
    timestamp: datetime | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    # Emit the provider's raw chunks as ``raw`` parts.
    include_raw: bool = False
    # Set by the loop once it lets :meth:`feed` handle parts alone (after start-step, and only when no
    # callback has to see each chunk); until then ``feed`` hands every part back to the loop.
    direct_feed: bool = False
    # Open text/reasoning blocks by stream id, so deltas land in the right content part.
    open_blocks: dict[str, _OpenBlock] = field(default_factory=dict)
    tool_inputs: dict[str, ToolInputStart] = field(default_factory=dict)
    # The open model stream's ``usage_so_far`` (see ``provider_utils.http_model``), when it has one: the usage
    # of a step that ends without a finish part (closed early, cut) is what the vendor reported until then.
    usage_so_far: Callable[[], Usage | None] | None = None

    def add(self, part: ContentPart) -> None:
        """Append a content part (validated tool calls, tool results)."""
        self.content.append(part)

    def settled_content(self) -> list[ContentPart]:
        """The content so far, the text of open blocks included."""
        for block in self.open_blocks.values():
            block.settle()
        return self.content

    def tool_input(self, tool_call_id: str) -> Any:
        """The input of an earlier tool call of this step (for provider-executed results)."""
        for part in self.content:
            if isinstance(part, ToolCall) and part.tool_call_id == tool_call_id:
                return part.input
        return None

    def set_response(self, response: ResponseInfo) -> None:
        """Record response metadata (ids, headers) from the model result."""
        self.response_id = response.id or self.response_id
        self.response_model_id = response.model_id or self.response_model_id
        self.timestamp = response.timestamp or self.timestamp
        if response.headers:
            self.headers = response.headers
        self.body = response.body

    def add_generate_result(self, result: GenerateResult) -> None:
        """Take a whole result's metadata (the loop adds its content part by part, in order)."""
        self.request = result.request
        self.warnings = result.warnings
        self.usage = LanguageModelUsage.from_spec(result.usage)
        self.finish_reason = result.finish_reason
        self.finished = True
        self.provider_metadata = result.provider_metadata
        self.set_response(result.response)

    def add_content(self, part: Any) -> None:
        """Add a non-tool-call content part of a whole result."""
        if isinstance(part, TextContent):
            if part.text:
                self.content.append(part)
        elif isinstance(part, ReasoningContent | FileContent | SourceContent):
            self.content.append(part)
        elif isinstance(part, ToolResultContent):
            self.content.append(provider_tool_result(part, self.tool_input(part.tool_call_id)))

    def feed(self, part: Any) -> Any:
        """The per-part processor a driver calls for each model stream part (see ``effects.PumpStream``):
        the ``full_stream`` part it produces, ``None``, or ``HAND_BACK`` for a part the loop must handle
        (tool calls need validation, errors end the stream, and every part before :attr:`direct_feed`)."""
        if self.direct_feed:
            # Exact types only: anything else (subclasses included) takes the loop's isinstance path.
            handler = _HANDLERS_BY_TYPE.get(type(part))
            if handler is not None:
                return handler(self, part)
        return HAND_BACK

    def process(self, part: StreamPart) -> TextStreamPart | None:
        """Fold one model stream part into the step; returns the ``full_stream`` part it produces, if any.

        Tool calls, provider tool results and errors are the loop's to handle (they need validation or end
        the stream); they return nothing here.
        """
        for kind, handler in _HANDLERS:
            if isinstance(part, kind):
                return handler(self, part)
        return None

    def _open(self, block_id: str, content: TextContent | ReasoningContent) -> _OpenBlock:
        replaced = self.open_blocks.get(block_id)
        if replaced is not None:
            replaced.settle()
        block = _OpenBlock(content, [])
        self.open_blocks[block_id] = block
        self.content.append(content)
        return block

    def _delta(
        self, block_id: str, delta: str, metadata: ProviderMetadata | None, kind: type[TextContent | ReasoningContent]
    ) -> None:
        block = self.open_blocks.get(block_id)
        if block is None or type(block.content) is not kind:
            # A provider that skipped the start part: open the block implicitly.
            block = self._open(block_id, kind(text=""))
        pieces = block.pieces
        pieces.append(delta)
        if len(pieces) >= block.fold_at:
            block.fold()
        if metadata:
            block.content.provider_metadata = _merge_metadata(block.content.provider_metadata, metadata)

    def _end(self, block_id: str, metadata: ProviderMetadata | None) -> None:
        ended = self.open_blocks.pop(block_id, None)
        if ended is not None:
            ended.settle()
            ended.content.provider_metadata = _merge_metadata(ended.content.provider_metadata, metadata)

    def _text_start(self, part: TextStart) -> TextStreamPart:
        self._open(part.id, TextContent(text="", provider_metadata=part.provider_metadata))
        return TextStartPart(part.id, part.provider_metadata)

    def _text_delta(self, part: TextDelta) -> TextStreamPart | None:
        block = self.open_blocks.get(part.id)
        if block is not None and not part.provider_metadata and type(block.content) is TextContent:
            # The common case, inlined: this runs once per streamed chunk.
            pieces = block.pieces
            pieces.append(part.delta)
            if len(pieces) >= block.fold_at:
                block.fold()
        else:
            self._delta(part.id, part.delta, part.provider_metadata, TextContent)
        if not part.delta:
            return None
        return TextDeltaPart(part.id, part.delta, part.provider_metadata)

    def _text_end(self, part: TextEnd) -> TextStreamPart:
        self._end(part.id, part.provider_metadata)
        return TextEndPart(part.id, part.provider_metadata)

    def _reasoning_start(self, part: ReasoningStart) -> TextStreamPart:
        self._open(part.id, ReasoningContent(text="", provider_metadata=part.provider_metadata))
        return ReasoningStartPart(part.id, part.provider_metadata)

    def _reasoning_delta(self, part: ReasoningDelta) -> TextStreamPart:
        self._delta(part.id, part.delta, part.provider_metadata, ReasoningContent)
        return ReasoningDeltaPart(part.id, part.delta, part.provider_metadata)

    def _reasoning_end(self, part: ReasoningEnd) -> TextStreamPart:
        self._end(part.id, part.provider_metadata)
        return ReasoningEndPart(part.id, part.provider_metadata)

    def _tool_input_start(self, part: ToolInputStart) -> TextStreamPart:
        self.tool_inputs[part.id] = part
        return ToolInputStartPart(
            id=part.id,
            tool_name=part.tool_name,
            provider_executed=part.provider_executed,
            dynamic=bool(part.dynamic),
            provider_metadata=part.provider_metadata,
        )

    def _tool_input_delta(self, part: ToolInputDelta) -> TextStreamPart:
        return ToolInputDeltaPart(part.id, part.delta, part.provider_metadata)

    def _tool_input_end(self, part: ToolInputEnd) -> TextStreamPart:
        return ToolInputEndPart(part.id, part.provider_metadata)

    def _source_or_file(self, part: SourceContent | FileContent) -> TextStreamPart:
        self.content.append(part)
        return part

    def _stream_start(self, part: StreamStart) -> None:
        self.warnings = tuple(part.warnings)

    def _response_metadata(self, part: ResponseMetadata) -> None:
        self.response_id = part.id or self.response_id
        self.response_model_id = part.model_id or self.response_model_id
        self.timestamp = part.timestamp or self.timestamp

    def _finish(self, part: Finish) -> None:
        self.usage = LanguageModelUsage.from_spec(part.usage)
        self.finish_reason = part.finish_reason
        self.provider_metadata = part.provider_metadata
        self.finished = True

    def _raw(self, part: Raw) -> TextStreamPart | None:
        return RawPart(raw_value=part.raw_value) if self.include_raw else None

    def partial_usage(self) -> LanguageModelUsage:
        """The usage of a step that got no finish part: what the stream reported so far, else unknown. Pure and
        safe on any path (a failing report is not worth losing the step for)."""
        report = self.usage_so_far
        if report is None:
            return self.usage
        try:
            reported = report()
        except Exception:
            return self.usage
        return self.usage if reported is None else LanguageModelUsage.from_spec(reported)

    def build(self, messages: list[ModelMessage], *, errored: bool = False) -> StepResult:
        """The finished step; ``messages`` are the response messages up to and including this step."""
        finish = self.finish_reason
        if errored and not self.finished:
            finish = FinishReason(unified="error", raw=finish.raw)
        usage = self.usage if self.finished else self.partial_usage()
        content = [part for part in self.settled_content() if not (isinstance(part, TextContent) and not part.text)]
        return StepResult(
            step_number=self.step_number,
            content=content,
            finish_reason=finish.unified,
            raw_finish_reason=finish.raw,
            usage=usage,
            response=LanguageModelResponse(
                id=self.response_id or f"aitxt-{secrets.token_hex(12)}",
                model_id=self.response_model_id or self.model_id,
                timestamp=self.timestamp or datetime.now(UTC),
                headers=self.headers,
                body=self.body,
                messages=messages,
            ),
            request=self.request,
            warnings=self.warnings,
            provider_metadata=self.provider_metadata,
            model_provider=self.model_provider,
            model_id=self.model_id,
        )


_Handler: TypeAlias = Callable[[StepBuilder, Any], TextStreamPart | None]

# The stream parts the builder folds in alone, in isinstance order for :meth:`StepBuilder.process`. Tool
# calls, provider tool results and stream errors are absent: the loop handles those.
_HANDLERS: tuple[tuple[type, _Handler], ...] = (
    (TextStart, StepBuilder._text_start),
    (TextDelta, StepBuilder._text_delta),
    (TextEnd, StepBuilder._text_end),
    (ReasoningStart, StepBuilder._reasoning_start),
    (ReasoningDelta, StepBuilder._reasoning_delta),
    (ReasoningEnd, StepBuilder._reasoning_end),
    (ToolInputStart, StepBuilder._tool_input_start),
    (ToolInputDelta, StepBuilder._tool_input_delta),
    (ToolInputEnd, StepBuilder._tool_input_end),
    (SourceContent, StepBuilder._source_or_file),
    (FileContent, StepBuilder._source_or_file),
    (StreamStart, StepBuilder._stream_start),
    (ResponseMetadata, StepBuilder._response_metadata),
    (Finish, StepBuilder._finish),
    (Raw, StepBuilder._raw),
)
# The same handlers keyed by exact type: one dict lookup per part on the streaming hot path.
_HANDLERS_BY_TYPE: dict[type, _Handler] = dict(_HANDLERS)


def tool_error_output(error: BaseException) -> ToolResultOutput:
    """What the model reads when a tool failed: the error's message (the tool's own, for execution errors)."""
    from ai_sdk_core.spec.errors import ToolExecutionError

    if isinstance(error, ToolExecutionError) and error.__cause__ is not None:
        error = error.__cause__
    return ToolResultOutput(type="error-text", value=str(error) or type(error).__name__)


def _options(metadata: ProviderMetadata | None) -> ProviderMetadata | None:
    # Provider metadata of a generated part goes back to the provider as that part's provider options.
    return metadata or None


def to_response_messages(content: Sequence[ContentPart], tools: Mapping[str, Tool]) -> list[ModelMessage]:
    """One step's content as messages to append: an assistant message, then a tool message with the results
    of the tools the SDK ran (provider-executed results stay in the assistant message)."""
    assistant_parts: list[AssistantContentPart] = []
    tool_parts: list[ToolContentPart] = []
    for part in content:
        if isinstance(part, TextContent):
            if part.text:
                assistant_parts.append(TextPart(text=part.text, provider_options=_options(part.provider_metadata)))
        elif isinstance(part, ReasoningContent):
            assistant_parts.append(ReasoningPart(text=part.text, provider_options=_options(part.provider_metadata)))
        elif isinstance(part, FileContent):
            assistant_parts.append(
                FilePart(data=part.data, media_type=part.media_type, provider_options=_options(part.provider_metadata))
            )
        elif isinstance(part, ToolCall):
            assistant_parts.append(
                ToolCallPart(
                    tool_call_id=part.tool_call_id,
                    tool_name=part.tool_name,
                    input=part.input,
                    provider_executed=part.provider_executed,
                    provider_options=_options(part.provider_metadata),
                )
            )
        elif isinstance(part, ToolApprovalRequest):
            assistant_parts.append(
                ToolApprovalRequestPart(approval_id=part.approval_id, tool_call_id=part.tool_call.tool_call_id)
            )
        elif isinstance(part, ToolOutputDenied):
            tool_parts.append(
                ToolResultPart(
                    tool_call_id=part.tool_call_id,
                    tool_name=part.tool_name,
                    output=ToolResultOutput(type="execution-denied", reason=part.reason),
                )
            )
        elif isinstance(part, ToolResult | ToolError):
            if isinstance(part, ToolResult):
                tool = tools.get(part.tool_name)
                output = tool.model_output(part.output) if tool is not None and not part.provider_executed else None
                if output is None:
                    from ai_sdk_core.tools import default_model_output

                    output = default_model_output(part.output)
            else:
                output = tool_error_output(part.error)
            result_part = ToolResultPart(
                tool_call_id=part.tool_call_id,
                tool_name=part.tool_name,
                output=output,
                provider_options=_options(part.provider_metadata),
            )
            if part.provider_executed:
                assistant_parts.append(result_part)
            else:
                tool_parts.append(result_part)
    messages: list[ModelMessage] = []
    if assistant_parts:
        messages.append(AssistantModelMessage(content=assistant_parts))
    if tool_parts:
        messages.append(ToolModelMessage(content=tool_parts))
    return messages
