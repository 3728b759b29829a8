"""The pure state machine shared by ``generate_text`` and ``stream_text``: it accumulates one step's content
(from a whole ``GenerateResult`` or from stream parts), maps stream parts to ``full_stream`` parts, and turns a
finished step into response messages. No I/O here; the loop in ``loop.py`` feeds it.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ai_sdk_core.generate_text.results import (
    ContentPart,
    LanguageModelResponse,
    LanguageModelUsage,
    StepResult,
    ToolCall,
    ToolError,
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
    ToolCallPart,
    ToolModelMessage,
    ToolResultPart,
)
from ai_sdk_core.spec.content import (
    FileContent,
    ReasoningContent,
    SourceContent,
    TextContent,
    ToolCallContent,
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
    StreamError,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
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


@dataclass(slots=True)
class StepBuilder:
    """Accumulates one step. Feed it a whole result (:meth:`add_generate_result`) or stream parts
    (:meth:`process`); tool calls are added by the loop once validated (:meth:`add`)."""

    step_number: int
    model_provider: str
    model_id: str
    request: RequestInfo = field(default_factory=RequestInfo)
    content: list[ContentPart] = field(default_factory=list)
    warnings: Sequence[CallWarning] = ()
    usage: LanguageModelUsage = field(default_factory=LanguageModelUsage)
    finish_reason: FinishReason = field(default_factory=lambda: FinishReason(unified="other"))
    finished: bool = False
    provider_metadata: ProviderMetadata | None = None
    response_id: str | None = None
    response_model_id: str | None = None
    timestamp: datetime | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    # Open text/reasoning blocks by stream id, so deltas land in the right content part.
    open_blocks: dict[str, TextContent | ReasoningContent] = field(default_factory=dict)
    tool_inputs: dict[str, ToolInputStart] = field(default_factory=dict)

    def add(self, part: ContentPart) -> None:
        """Append a content part (validated tool calls, tool results)."""
        self.content.append(part)

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

    def process(self, part: StreamPart, *, include_raw: bool) -> list[TextStreamPart]:
        """Fold one model stream part into the step; returns the ``full_stream`` parts it produces.

        Tool calls, provider tool results and errors are the loop's to handle (they need validation or end
        the stream); they return nothing here.
        """
        if isinstance(part, TextStart):
            block = TextContent(text="", provider_metadata=part.provider_metadata)
            self.open_blocks[part.id] = block
            self.content.append(block)
            return [TextStartPart(id=part.id, provider_metadata=part.provider_metadata)]
        if isinstance(part, TextDelta):
            text_block = self.open_blocks.get(part.id)
            if not isinstance(text_block, TextContent):
                # A provider that skipped text-start: open the block implicitly.
                text_block = TextContent(text="")
                self.open_blocks[part.id] = text_block
                self.content.append(text_block)
            text_block.text += part.delta
            text_block.provider_metadata = _merge_metadata(text_block.provider_metadata, part.provider_metadata)
            if not part.delta:
                return []
            return [TextDeltaPart(id=part.id, text=part.delta, provider_metadata=part.provider_metadata)]
        if isinstance(part, TextEnd):
            ended = self.open_blocks.pop(part.id, None)
            if ended is not None:
                ended.provider_metadata = _merge_metadata(ended.provider_metadata, part.provider_metadata)
            return [TextEndPart(id=part.id, provider_metadata=part.provider_metadata)]
        if isinstance(part, ReasoningStart):
            reasoning = ReasoningContent(text="", provider_metadata=part.provider_metadata)
            self.open_blocks[part.id] = reasoning
            self.content.append(reasoning)
            return [ReasoningStartPart(id=part.id, provider_metadata=part.provider_metadata)]
        if isinstance(part, ReasoningDelta):
            reasoning_block = self.open_blocks.get(part.id)
            if not isinstance(reasoning_block, ReasoningContent):
                reasoning_block = ReasoningContent(text="")
                self.open_blocks[part.id] = reasoning_block
                self.content.append(reasoning_block)
            reasoning_block.text += part.delta
            reasoning_block.provider_metadata = _merge_metadata(
                reasoning_block.provider_metadata, part.provider_metadata
            )
            return [ReasoningDeltaPart(id=part.id, text=part.delta, provider_metadata=part.provider_metadata)]
        if isinstance(part, ReasoningEnd):
            ended_reasoning = self.open_blocks.pop(part.id, None)
            if ended_reasoning is not None:
                ended_reasoning.provider_metadata = _merge_metadata(
                    ended_reasoning.provider_metadata, part.provider_metadata
                )
            return [ReasoningEndPart(id=part.id, provider_metadata=part.provider_metadata)]
        if isinstance(part, ToolInputStart):
            self.tool_inputs[part.id] = part
            return [
                ToolInputStartPart(
                    id=part.id,
                    tool_name=part.tool_name,
                    provider_executed=part.provider_executed,
                    dynamic=bool(part.dynamic),
                    provider_metadata=part.provider_metadata,
                )
            ]
        if isinstance(part, ToolInputDelta):
            return [ToolInputDeltaPart(id=part.id, delta=part.delta, provider_metadata=part.provider_metadata)]
        if isinstance(part, ToolInputEnd):
            return [ToolInputEndPart(id=part.id, provider_metadata=part.provider_metadata)]
        if isinstance(part, SourceContent | FileContent):
            self.content.append(part)
            return [part]
        if isinstance(part, StreamStart):
            self.warnings = tuple(part.warnings)
            return []
        if isinstance(part, ResponseMetadata):
            self.response_id = part.id or self.response_id
            self.response_model_id = part.model_id or self.response_model_id
            self.timestamp = part.timestamp or self.timestamp
            return []
        if isinstance(part, Finish):
            self.usage = LanguageModelUsage.from_spec(part.usage)
            self.finish_reason = part.finish_reason
            self.provider_metadata = part.provider_metadata
            self.finished = True
            return []
        if isinstance(part, Raw):
            return [RawPart(raw_value=part.raw_value)] if include_raw else []
        if isinstance(part, ToolCallContent | ToolResultContent | StreamError):
            return []
        return []

    def build(self, messages: list[ModelMessage], *, errored: bool = False) -> StepResult:
        """The finished step; ``messages`` are the response messages up to and including this step."""
        finish = self.finish_reason
        if errored and not self.finished:
            finish = FinishReason(unified="error", raw=finish.raw)
        content = [part for part in self.content if not (isinstance(part, TextContent) and not part.text)]
        return StepResult(
            step_number=self.step_number,
            content=content,
            finish_reason=finish.unified,
            raw_finish_reason=finish.raw,
            usage=self.usage,
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
    tool_parts: list[ToolResultPart] = []
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
