"""AI SDK results and stream parts into LlamaIndex ``ChatResponse``s (pure; the LLM class does the I/O).

A streamed answer is cumulative, as LlamaIndex expects: every ``ChatResponse`` carries the whole message so far
(``FunctionAgent`` keeps the last one as the assistant turn) and ``delta`` the text that just arrived; reasoning
text arrives as ``additional_kwargs["thinking_delta"]``. The last response of a stream carries the usage.
"""

from __future__ import annotations

import json
from typing import Any, Final

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    MessageRole,
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
)

from ai_sdk_core import GenerateTextResult, LanguageModelUsage, ModelStreamError

from .convert import PROVIDER_METADATA_KEY, PROVIDER_TOOLS_KEY, TEXT_PARTS_KEY, TOOL_CALL_METADATA_KEY

__all__ = ["StreamAccumulator", "chat_response_from_result", "token_counts", "usage_dict"]

_ASSISTANT: Final = MessageRole.ASSISTANT


def usage_dict(usage: LanguageModelUsage) -> dict[str, int]:
    """Usage under the key names LlamaIndex's ``TokenCountingHandler`` reads (OpenAI's), plus the AI SDK's
    own names and details. Unknown counts are left out, so the handler falls back to counting itself."""
    result: dict[str, int] = {}
    if usage.input_tokens is not None:
        result["prompt_tokens"] = result["input_tokens"] = usage.input_tokens
    if usage.output_tokens is not None:
        result["completion_tokens"] = result["output_tokens"] = usage.output_tokens
    if usage.total_tokens is not None:
        result["total_tokens"] = usage.total_tokens
    details = usage.input_token_details
    if details.cache_read_tokens is not None:
        result["cache_read_tokens"] = details.cache_read_tokens
    if details.cache_write_tokens is not None:
        result["cache_write_tokens"] = details.cache_write_tokens
    if usage.output_token_details.reasoning_tokens is not None:
        result["reasoning_tokens"] = usage.output_token_details.reasoning_tokens
    return result


def token_counts(usage: LanguageModelUsage) -> dict[str, int]:
    """``prompt_tokens``/``completion_tokens``/``total_tokens`` for ``ChatResponse.additional_kwargs``."""
    counts = usage_dict(usage)
    return {key: counts[key] for key in ("prompt_tokens", "completion_tokens", "total_tokens") if key in counts}


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _openai_tool_call(call_id: str, name: str, arguments: Any) -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": _json_text(arguments)}}


class _MessageBuilder:
    """The assistant message under construction: reasoning blocks, text parts, tool calls, with their metadata."""

    __slots__ = (
        "call_metadata",
        "calls",
        "provider_tools",
        "reasoning",
        "reasoning_metadata",
        "reasoning_tokens",
        "text",
        "text_parts",
    )

    def __init__(self) -> None:
        self.reasoning: dict[str, str] = {}
        self.reasoning_metadata: dict[str, dict[str, Any]] = {}
        self.text = ""
        # (length, provider metadata) per text part, so the parts can be split back on the next turn.
        self.text_parts: list[list[Any]] = []
        # call id -> [name, arguments (str while streaming, value once complete)]
        self.calls: dict[str, list[Any]] = {}
        self.call_metadata: dict[str, dict[str, Any]] = {}
        # Calls and results of tools the provider ran (web search, ...): not ToolCallBlocks, which an agent would
        # try to run, but kept (JSON) for the next turn, where the provider wants them back.
        self.provider_tools: list[dict[str, Any]] = []
        # The provider counts reasoning tokens per answer, not per block: set once the answer is complete.
        self.reasoning_tokens: int | None = None

    def add_reasoning_metadata(self, block_id: str, metadata: Any) -> None:
        if metadata:
            merged = self.reasoning_metadata.setdefault(block_id, {})
            for provider, values in metadata.items():
                merged[provider] = {**merged.get(provider, {}), **values}

    def add_provider_tool(self, part: Any) -> bool:
        """Record a provider-executed tool call, result or error; False for any other part."""
        if not getattr(part, "provider_executed", False):
            return False
        entry: dict[str, Any] = {"type": part.type, "tool_call_id": part.tool_call_id, "tool_name": part.tool_name}
        if part.type == "tool-call":
            entry["input"] = part.input
        elif part.type == "tool-result":
            entry["output"] = part.output
        else:  # tool-error
            entry["error"] = str(part.error)
        if part.provider_metadata:
            entry["provider_metadata"] = part.provider_metadata
        self.provider_tools.append(entry)
        return True

    def message(self) -> ChatMessage:
        blocks: list[Any] = []
        # A count that belongs to the whole answer only fits a block when there is one.
        num_tokens = self.reasoning_tokens if len(self.reasoning) == 1 else None
        for block_id, content in self.reasoning.items():
            metadata = self.reasoning_metadata.get(block_id)
            blocks.append(
                ThinkingBlock.model_construct(
                    content=content,
                    num_tokens=num_tokens,
                    additional_information={PROVIDER_METADATA_KEY: metadata} if metadata else {},
                )
            )
        blocks.append(TextBlock.model_construct(text=self.text))
        additional: dict[str, Any] = {}
        if self.calls:
            calls = self.calls
            for call_id, (name, arguments) in calls.items():
                blocks.append(
                    ToolCallBlock.model_construct(tool_call_id=call_id, tool_name=name, tool_kwargs=arguments)
                )
            additional["tool_calls"] = [
                _openai_tool_call(call_id, name, arguments) for call_id, (name, arguments) in calls.items()
            ]
            if self.call_metadata:
                additional[TOOL_CALL_METADATA_KEY] = dict(self.call_metadata)
        if self.provider_tools:
            additional[PROVIDER_TOOLS_KEY] = list(self.provider_tools)
        if any(metadata for _, metadata in self.text_parts):
            additional[TEXT_PARTS_KEY] = [
                {"length": length, "provider_metadata": metadata} for length, metadata in self.text_parts
            ]
        # model_construct: these values are built here from typed parts; validating them again per streamed
        # chunk would be most of the adapter's cost.
        return ChatMessage.model_construct(role=_ASSISTANT, blocks=blocks, additional_kwargs=additional)


def _run_raw(result: GenerateTextResult) -> dict[str, Any]:
    response = result.response
    return {
        "id": response.id,
        "model_id": response.model_id,
        "finish_reason": result.finish_reason,
        "raw_finish_reason": result.raw_finish_reason,
        "usage": usage_dict(result.total_usage),
        "provider_metadata": result.provider_metadata,
        "warnings": [str(warning) for warning in result.warnings],
        "body": response.body,
    }


def chat_response_from_result(result: GenerateTextResult) -> ChatResponse:
    """The ``ChatResponse`` of a finished (one-step) run."""
    builder = _MessageBuilder()
    for index, part in enumerate(result.content):
        kind = part.type
        if kind == "text":
            text = part.text  # type: ignore[union-attr]
            builder.text += text
            builder.text_parts.append([len(text), part.provider_metadata])  # type: ignore[union-attr]
        elif kind == "reasoning":
            block_id = str(index)
            builder.reasoning[block_id] = part.text  # type: ignore[union-attr]
            builder.add_reasoning_metadata(block_id, part.provider_metadata)  # type: ignore[union-attr]
        elif builder.add_provider_tool(part):
            pass
        elif kind == "tool-call":
            builder.calls[part.tool_call_id] = [part.tool_name, part.input]  # type: ignore[union-attr]
            if part.provider_metadata:  # type: ignore[union-attr]
                builder.call_metadata[part.tool_call_id] = part.provider_metadata  # type: ignore[union-attr]
    builder.reasoning_tokens = result.total_usage.output_token_details.reasoning_tokens
    return ChatResponse.model_construct(
        message=builder.message(),
        raw=_run_raw(result),
        delta=None,
        logprobs=None,
        additional_kwargs=token_counts(result.total_usage),
    )


class StreamAccumulator:
    """Turns ``full_stream`` parts into cumulative ``ChatResponse``s: :meth:`add` returns one for each part that
    changes the message (text, reasoning, tool input, a finished tool call) and ``None`` for the rest;
    :meth:`finish` returns the last one, with usage, finish reason and provider metadata in ``raw``."""

    __slots__ = ("_builder", "_finish", "_step")

    def __init__(self) -> None:
        self._builder = _MessageBuilder()
        self._step: Any = None
        self._finish: Any = None

    def _response(self, delta: str, raw: Any, additional_kwargs: dict[str, Any]) -> ChatResponse:
        return ChatResponse.model_construct(
            message=self._builder.message(),
            raw=raw,
            delta=delta,
            logprobs=None,
            additional_kwargs=additional_kwargs,
        )

    def add(self, part: Any) -> ChatResponse | None:
        """The response after ``part``, or ``None`` when the part does not change the message."""
        kind = part.type
        builder = self._builder
        if kind == "text-delta":
            text = part.text
            builder.text += text
            if builder.text_parts:
                builder.text_parts[-1][0] += len(text)
            return self._response(text, part, {})
        if kind == "text-start":
            builder.text_parts.append([0, part.provider_metadata])
        elif kind == "text-end":
            if part.provider_metadata and builder.text_parts:
                builder.text_parts[-1][1] = part.provider_metadata
        elif kind == "reasoning-delta":
            builder.reasoning[part.id] = builder.reasoning.get(part.id, "") + part.text
            builder.add_reasoning_metadata(part.id, part.provider_metadata)
            return self._response("", part, {"thinking_delta": part.text})
        elif kind in ("reasoning-start", "reasoning-end"):
            builder.reasoning.setdefault(part.id, "")
            builder.add_reasoning_metadata(part.id, part.provider_metadata)
        elif kind == "tool-input-start":
            if not part.provider_executed:
                builder.calls[part.id] = [part.tool_name, ""]
        elif kind == "tool-input-delta":
            call = builder.calls.get(part.id)
            if call is not None and isinstance(call[1], str):
                call[1] += part.delta
                return self._response("", part, {})
        elif kind in ("tool-call", "tool-result", "tool-error"):
            if builder.add_provider_tool(part):
                return self._response("", part, {})
            if kind == "tool-call":
                builder.calls[part.tool_call_id] = [part.tool_name, part.input]
                if part.provider_metadata:
                    builder.call_metadata[part.tool_call_id] = part.provider_metadata
                return self._response("", part, {})
        elif kind == "finish-step":
            self._step = part
        elif kind == "finish":
            self._finish = part
        elif kind == "error":
            error = part.error
            if isinstance(error, BaseException):
                raise error
            raise ModelStreamError(f"The model stream reported an error: {error!r:.500}", data=error)
        return None

    def finish(self) -> ChatResponse:
        """The final response: the whole message, an empty ``delta``, usage in ``raw`` and ``additional_kwargs``."""
        usage = self._finish.total_usage if self._finish is not None else LanguageModelUsage()
        step = self._step
        raw = {
            "id": step.response.id if step is not None else None,
            "model_id": step.response.model_id if step is not None else None,
            "finish_reason": self._finish.finish_reason if self._finish is not None else None,
            "raw_finish_reason": self._finish.raw_finish_reason if self._finish is not None else None,
            "usage": usage_dict(usage),
            "provider_metadata": step.provider_metadata if step is not None else None,
        }
        self._builder.reasoning_tokens = usage.output_token_details.reasoning_tokens
        return self._response("", raw, token_counts(usage))
