"""The spec prompt -> the Messages API's ``system`` blocks and ``messages`` (pure).

Anthropic wants strictly alternating ``user``/``assistant`` turns, so consecutive messages of one side are
merged: tool results become ``tool_result`` blocks of a user turn, next to the user's own parts. System
messages become ``system`` text blocks and must all come before the conversation.

Per-part and per-message ``provider_options["anthropic"]`` carry what the API needs back: ``cache_control``
(``cacheControl`` is accepted too, as the AI SDK does), a thinking ``signature`` or ``redacted_data``, a
document's ``citations``/``title``/``context``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.spec import (
    AssistantMessage,
    CallWarning,
    FilePart,
    Prompt,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)
from ai_sdk_core.spec.shared import ProviderOptions

__all__ = [
    "MAX_CACHE_BREAKPOINTS",
    "AnthropicPrompt",
    "CacheControlCounter",
    "CitationDocument",
    "convert_to_anthropic_messages",
    "tool_output_content",
]

MAX_CACHE_BREAKPOINTS: Final = 4  # the Messages API rejects a request with more cache_control blocks
_PDF_BETA: Final = "pdfs-2024-09-25"  # sent with PDFs, as the AI SDK does; harmless now that PDFs are GA


@dataclass(slots=True, frozen=True)
class CitationDocument:
    """A document of the prompt, in order: a citation's ``document_index`` points into this list."""

    title: str
    media_type: str
    filename: str | None = None


@dataclass(slots=True)
class AnthropicPrompt:
    """The converted prompt: ``system`` blocks (``None`` when there are none), ``messages``, what else was found."""

    system: list[dict[str, Any]] | None
    messages: list[dict[str, Any]]
    warnings: list[CallWarning] = field(default_factory=list)
    betas: set[str] = field(default_factory=set)
    documents: list[CitationDocument] = field(default_factory=list)


def _anthropic_options(options: ProviderOptions | None) -> Mapping[str, Any]:
    value = (options or {}).get("anthropic")
    return value if isinstance(value, Mapping) else {}


@dataclass(slots=True)
class CacheControlCounter:
    """Hands out ``cache_control`` values, at most :data:`MAX_CACHE_BREAKPOINTS` per request (extra ones are
    dropped with a warning rather than making the API answer 400)."""

    warnings: list[CallWarning]
    count: int = 0

    def take(self, *option_sets: ProviderOptions | None) -> Any:
        """The first ``cache_control`` found in ``option_sets`` (part first, then message), or ``None``."""
        for options in option_sets:
            anthropic = _anthropic_options(options)
            value = anthropic.get("cache_control", anthropic.get("cacheControl"))
            if value is None:
                continue
            self.count += 1
            if self.count > MAX_CACHE_BREAKPOINTS:
                self.warnings.append(
                    CallWarning(
                        type="unsupported",
                        feature="cache_control breakpoint limit",
                        details=f"At most {MAX_CACHE_BREAKPOINTS} cache breakpoints are allowed; this one is ignored.",
                    )
                )
                return None
            return value
        return None


def _with_cache(block: dict[str, Any], cache_control: Any) -> dict[str, Any]:
    if cache_control is not None:
        block["cache_control"] = cache_control
    return block


def _is_remote_url(data: bytes | str) -> bool:
    return isinstance(data, str) and data.startswith(("http://", "https://"))


def _base64_of(data: bytes | str) -> str:
    """Raw bytes are encoded; a ``data:`` URL yields its payload; any other string is already base64."""
    if isinstance(data, bytes):
        return base64.b64encode(data).decode("ascii")
    if data.startswith("data:"):
        header, _, payload = data.partition(",")
        if not header.endswith(";base64"):
            raise UnsupportedFunctionalityError("file data URLs that are not base64")
        return payload
    return data


def _source(part: FilePart, media_type: str) -> dict[str, Any]:
    if _is_remote_url(part.data):
        return {"type": "url", "url": part.data}
    return {"type": "base64", "media_type": media_type, "data": _base64_of(part.data)}


def _file_block(part: FilePart, prompt: AnthropicPrompt) -> dict[str, Any]:
    media_type = part.media_type
    if media_type.startswith("image/"):
        # "image/*" (a URL whose type the caller did not know) is not a type the API accepts for base64 data.
        return {"type": "image", "source": _source(part, "image/jpeg" if media_type == "image/*" else media_type)}
    if media_type == "application/pdf":
        prompt.betas.add(_PDF_BETA)
        block: dict[str, Any] = {"type": "document", "source": _source(part, media_type)}
    elif media_type == "text/plain":
        if _is_remote_url(part.data):
            raise UnsupportedFunctionalityError("text/plain documents from a URL (send the text itself)")
        raw = part.data if isinstance(part.data, bytes) else base64.b64decode(_base64_of(part.data))
        block = {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": raw.decode()}}
    else:
        raise UnsupportedFunctionalityError(f"file parts of media type {media_type!r}")
    options = _anthropic_options(part.provider_options)
    title = options.get("title", part.filename)
    if title is not None:
        block["title"] = title
    if options.get("context") is not None:
        block["context"] = options["context"]
    citations = options.get("citations")
    if isinstance(citations, Mapping) and citations.get("enabled"):
        block["citations"] = {"enabled": True}
    prompt.documents.append(
        CitationDocument(title=title or "Untitled Document", media_type=media_type, filename=part.filename)
    )
    return block


def tool_output_content(output: ToolResultOutput) -> tuple[str | list[dict[str, Any]], bool]:
    """A tool output as ``tool_result`` ``content`` and whether it is an error.

    >>> tool_output_content(ToolResultOutput(type="json", value={"celsius": 21}))
    ('{"celsius":21}', False)
    """
    kind = output.type
    if kind == "content":
        blocks: list[dict[str, Any]] = []
        for item in output.value or ():
            if item.type == "text":
                blocks.append({"type": "text", "text": item.text or ""})
            elif item.media_type is not None and item.media_type.startswith("image/"):
                source = {"type": "base64", "media_type": item.media_type, "data": item.data}
                blocks.append({"type": "image", "source": source})
            elif item.media_type == "application/pdf":
                source = {"type": "base64", "media_type": item.media_type, "data": item.data}
                blocks.append({"type": "document", "source": source})
            else:
                raise UnsupportedFunctionalityError(f"tool result media of type {item.media_type!r}")
        return blocks, False
    if kind == "execution-denied":
        return output.reason or "Tool execution denied.", False
    value = output.value
    text = value if kind in ("text", "error-text") and isinstance(value, str) else to_json_str(value)
    return text, kind in ("error-text", "error-json")


def _tool_result_block(part: ToolResultPart, cache_control: Any) -> dict[str, Any]:
    content, is_error = tool_output_content(part.output)
    block: dict[str, Any] = {"type": "tool_result", "tool_use_id": part.tool_call_id, "content": content}
    if is_error:
        block["is_error"] = True
    return _with_cache(block, cache_control)


def _user_blocks(
    message: UserMessage | ToolMessage, prompt: AnthropicPrompt, cache: CacheControlCounter
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    last = len(message.content) - 1
    for index, part in enumerate(message.content):
        # A message-level cache_control marks the message's last block: everything up to it is cached.
        message_options = message.provider_options if index == last else None
        cache_control = cache.take(part.provider_options, message_options)
        if isinstance(part, TextPart):
            blocks.append(_with_cache({"type": "text", "text": part.text}, cache_control))
        elif isinstance(part, FilePart):
            blocks.append(_with_cache(_file_block(part, prompt), cache_control))
        else:
            blocks.append(_tool_result_block(part, cache_control))
    return blocks


def _reasoning_block(part: ReasoningPart, warnings: list[CallWarning]) -> dict[str, Any] | None:
    options = _anthropic_options(part.provider_options)
    signature = options.get("signature")
    redacted = options.get("redacted_data", options.get("redactedData"))
    if isinstance(signature, str):
        return {"type": "thinking", "thinking": part.text, "signature": signature}
    if isinstance(redacted, str):
        return {"type": "redacted_thinking", "data": redacted}
    # Anthropic rejects thinking without its signature; reasoning from another provider cannot be sent.
    warnings.append(CallWarning(type="other", message="reasoning without an Anthropic signature was not sent"))
    return None


def _server_tool_result_block(part: ToolResultPart) -> dict[str, Any]:
    options = _anthropic_options(part.provider_options)
    block_type = options.get("block_type") or f"{part.tool_name}_tool_result"
    # The result holds the block's own ``content`` as it came from the API, so it goes back unchanged.
    return {"type": block_type, "tool_use_id": part.tool_call_id, "content": part.output.value}


def _assistant_blocks(
    message: AssistantMessage,
    *,
    is_final_message: bool,
    send_reasoning: bool,
    prompt: AnthropicPrompt,
    cache: CacheControlCounter,
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    last = len(message.content) - 1
    for index, part in enumerate(message.content):
        message_options = message.provider_options if index == last else None
        if isinstance(part, ReasoningPart):
            if not send_reasoning:
                prompt.warnings.append(CallWarning(type="other", message="sending reasoning content is disabled"))
                continue
            block = _reasoning_block(part, prompt.warnings)
            if block is not None:
                blocks.append(block)  # thinking blocks cannot carry cache_control
            continue
        cache_control = cache.take(part.provider_options, message_options)
        if isinstance(part, TextPart):
            # A prefilled final assistant turn may not end in whitespace (the API answers 400).
            text = part.text.rstrip() if is_final_message and index == last else part.text
            blocks.append(_with_cache({"type": "text", "text": text}, cache_control))
        elif isinstance(part, ToolCallPart):
            kind = "server_tool_use" if part.provider_executed else "tool_use"
            block = {"type": kind, "id": part.tool_call_id, "name": part.tool_name, "input": part.input}
            blocks.append(_with_cache(block, cache_control))
        elif isinstance(part, ToolResultPart):
            blocks.append(_with_cache(_server_tool_result_block(part), cache_control))
        else:
            prompt.warnings.append(CallWarning(type="unsupported", feature="file parts in assistant messages"))
    return blocks


def convert_to_anthropic_messages(prompt: Prompt, *, send_reasoning: bool = True) -> AnthropicPrompt:
    """Convert the spec prompt into Messages API ``system`` and ``messages``.

    >>> from ai_sdk_core.spec import SystemMessage, UserMessage, TextPart
    >>> converted = convert_to_anthropic_messages([SystemMessage("Be brief."), UserMessage([TextPart("Hi")])])
    >>> converted.system, converted.messages
    ([{'type': 'text', 'text': 'Be brief.'}], [{'role': 'user', 'content': [{'type': 'text', 'text': 'Hi'}]}])
    """
    result = AnthropicPrompt(system=None, messages=[])
    cache = CacheControlCounter(result.warnings)
    system: list[dict[str, Any]] = []
    final_index = len(prompt) - 1
    for index, message in enumerate(prompt):
        if isinstance(message, SystemMessage):
            if result.messages:
                raise UnsupportedFunctionalityError(
                    "system messages after user or assistant messages",
                    "Anthropic takes system messages only before the conversation; move them to the start.",
                )
            block = {"type": "text", "text": message.content}
            system.append(_with_cache(block, cache.take(message.provider_options)))
            continue
        if isinstance(message, AssistantMessage):
            role = "assistant"
            blocks = _assistant_blocks(
                message,
                is_final_message=index == final_index,
                send_reasoning=send_reasoning,
                prompt=result,
                cache=cache,
            )
        else:
            role = "user"
            blocks = _user_blocks(message, result, cache)
        _append_turn(result.messages, role, blocks)
    result.system = system or None
    return result


def _append_turn(messages: list[dict[str, Any]], role: str, blocks: Sequence[dict[str, Any]]) -> None:
    # Consecutive messages of one side become one turn: the API requires user and assistant to alternate.
    if not blocks:
        return
    if messages and messages[-1]["role"] == role:
        messages[-1]["content"].extend(blocks)
    else:
        messages.append({"role": role, "content": list(blocks)})
