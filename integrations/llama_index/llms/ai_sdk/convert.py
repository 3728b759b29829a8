"""LlamaIndex messages and tools into the AI SDK's messages and tools (pure functions, no I/O).

Assistant turns that this package produced carry what the provider needs back on the next request (Anthropic
thinking signatures, Gemini thought signatures, OpenAI item ids): on each ``ThinkingBlock`` in
``additional_information["provider_metadata"]``, and in the message's ``additional_kwargs`` under
:data:`TOOL_CALL_METADATA_KEY` (per tool call id) and :data:`TEXT_PARTS_KEY` (per text part); the calls and results
of tools the provider ran itself (web search, code execution) under :data:`PROVIDER_TOOLS_KEY`. Messages from
other LlamaIndex LLMs convert too: OpenAI-style ``additional_kwargs["tool_calls"]`` are read when a message has
no ``ToolCallBlock``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from llama_index.core.base.llms.types import (
    AudioBlock,
    ChatMessage,
    CitableBlock,
    DocumentBlock,
    ImageBlock,
    MessageRole,
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
    VideoBlock,
)
from llama_index.core.tools.types import BaseTool

from ai_sdk_core import (
    AssistantModelMessage,
    FilePart,
    ImagePart,
    InvalidArgumentError,
    InvalidPromptError,
    ModelMessage,
    ReasoningPart,
    SystemModelMessage,
    TextPart,
    Tool,
    ToolCallPart,
    ToolResultOutput,
    ToolResultPart,
    UserModelMessage,
)

__all__ = [
    "PROVIDER_METADATA_KEY",
    "PROVIDER_TOOLS_KEY",
    "TEXT_PARTS_KEY",
    "TOOL_CALL_METADATA_KEY",
    "parse_tool_arguments",
    "to_ai_sdk_messages",
    "to_ai_sdk_tool",
    "to_ai_sdk_tool_choice",
]

# ThinkingBlock.additional_information key holding the reasoning part's provider metadata.
PROVIDER_METADATA_KEY: Final = "provider_metadata"
# ChatMessage.additional_kwargs keys of the assistant turns this package produces.
TOOL_CALL_METADATA_KEY: Final = "ai_sdk_tool_call_metadata"
TEXT_PARTS_KEY: Final = "ai_sdk_text_parts"
PROVIDER_TOOLS_KEY: Final = "ai_sdk_provider_tools"

_SYSTEM_ROLES: Final = frozenset({MessageRole.SYSTEM, MessageRole.DEVELOPER})
_ASSISTANT_ROLES: Final = frozenset({MessageRole.ASSISTANT, MessageRole.MODEL, MessageRole.CHATBOT})
_TOOL_ROLES: Final = frozenset({MessageRole.TOOL, MessageRole.FUNCTION})


def parse_tool_arguments(arguments: Any) -> Any:
    """A tool call's arguments as a value: dicts as they are, JSON text parsed (``{}`` when empty)."""
    if not isinstance(arguments, str):
        return arguments if arguments is not None else {}
    if not arguments.strip():
        return {}
    try:
        return json.loads(arguments)
    except ValueError:
        # Kept as text: the provider's converter sends it back verbatim, as the model wrote it.
        return arguments


def _image_part(block: ImageBlock) -> ImagePart:
    if block.image is not None:
        # ImageBlock stores its bytes base64-encoded after validation; resolve_image decodes them.
        data: bytes | str = block.resolve_image(as_base64=False).read()
    elif block.url is not None:
        # Passed as a URL: the provider fetches it, or the SDK does when the model cannot (never LlamaIndex).
        data = str(block.url)
    elif block.path is not None:
        data = Path(block.path).read_bytes()
    else:
        raise InvalidPromptError("an ImageBlock needs image bytes, a url or a path")
    return ImagePart(image=data, media_type=block.image_mimetype)


def _binary_file_part(
    raw: bytes | None, url: str | None, path: str | Path | None, media_type: str, filename: str | None
) -> FilePart:
    data: bytes | str
    if raw is not None:
        data = raw
    elif url is not None:
        data = url
    elif path is not None:
        data = Path(path).read_bytes()
    else:
        raise InvalidPromptError("a file block needs data, a url or a path")
    return FilePart(data=data, media_type=media_type, filename=filename)


def _document_part(block: DocumentBlock) -> FilePart:
    raw = block.resolve_document().read() if block.data is not None else None
    media_type = block.document_mimetype or "application/octet-stream"
    title = block.title if block.title and block.title != "input_document" else None
    return _binary_file_part(raw, block.url, block.path, media_type, title)


def _audio_part(block: AudioBlock) -> FilePart:
    raw = block.resolve_audio(as_base64=False).read() if block.audio is not None else None
    media_type = f"audio/{block.format}" if block.format else "audio/wav"
    return _binary_file_part(raw, str(block.url) if block.url else None, block.path, media_type, None)


def _video_part(block: VideoBlock) -> FilePart:
    raw = block.resolve_video(as_base64=False).read() if block.video is not None else None
    media_type = block.video_mimetype or "video/mp4"
    return _binary_file_part(raw, str(block.url) if block.url else None, block.path, media_type, None)


def _user_parts(blocks: Sequence[Any]) -> list[TextPart | ImagePart | FilePart]:
    parts: list[TextPart | ImagePart | FilePart] = []
    for block in blocks:
        if isinstance(block, TextBlock):
            parts.append(TextPart(text=block.text))
        elif isinstance(block, ImageBlock):
            parts.append(_image_part(block))
        elif isinstance(block, DocumentBlock):
            parts.append(_document_part(block))
        elif isinstance(block, AudioBlock):
            parts.append(_audio_part(block))
        elif isinstance(block, VideoBlock):
            parts.append(_video_part(block))
        elif isinstance(block, CitableBlock):
            parts.extend(_user_parts(block.content))
        # Cache points, thinking and tool-call blocks have no meaning in a user turn.
    return parts


def _text_parts(text: str, metadata: Any) -> list[TextPart]:
    """The assistant text, split back into the parts it arrived in when their recorded lengths still fit."""
    if isinstance(metadata, list) and metadata:
        entries = [entry for entry in metadata if isinstance(entry, Mapping) and isinstance(entry.get("length"), int)]
        if len(entries) == len(metadata) and sum(entry["length"] for entry in entries) == len(text):
            parts: list[TextPart] = []
            start = 0
            for entry in entries:
                length: int = entry["length"]
                parts.append(
                    TextPart(text=text[start : start + length], provider_options=entry.get("provider_metadata") or None)
                )
                start += length
            return [part for part in parts if part.text or part.provider_options]
    return [TextPart(text=text)] if text else []


def _legacy_tool_calls(value: Any) -> list[tuple[str, str, Any]]:
    """``(id, name, arguments)`` from OpenAI-style ``tool_calls`` (dicts or the openai SDK's objects)."""
    calls: list[tuple[str, str, Any]] = []
    for item in value or ():
        function = item.get("function") if isinstance(item, Mapping) else getattr(item, "function", None)
        call_id = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
        if function is None:
            continue
        name = function.get("name") if isinstance(function, Mapping) else getattr(function, "name", None)
        arguments = function.get("arguments") if isinstance(function, Mapping) else getattr(function, "arguments", None)
        if name:
            calls.append((str(call_id or ""), str(name), arguments))
    return calls


def _provider_tool_parts(entries: Any) -> list[ToolCallPart | ToolResultPart]:
    """The provider-executed calls and results of an earlier answer, as the AI SDK sends them back."""
    parts: list[ToolCallPart | ToolResultPart] = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, Mapping):
            continue
        call_id, name = str(entry.get("tool_call_id", "")), str(entry.get("tool_name", ""))
        metadata = entry.get("provider_metadata") or None
        if entry.get("type") == "tool-call":
            parts.append(
                ToolCallPart(
                    tool_call_id=call_id,
                    tool_name=name,
                    input=entry.get("input"),
                    provider_executed=True,
                    provider_options=metadata,
                )
            )
        elif entry.get("type") == "tool-result":
            output = ToolResultOutput(type="json", value=entry.get("output"))
            parts.append(ToolResultPart(tool_call_id=call_id, tool_name=name, output=output, provider_options=metadata))
        elif entry.get("type") == "tool-error":
            output = ToolResultOutput(type="error-text", value=str(entry.get("error", "")))
            parts.append(ToolResultPart(tool_call_id=call_id, tool_name=name, output=output, provider_options=metadata))
    return parts


def _assistant_message(message: ChatMessage, tool_names: dict[str, str]) -> AssistantModelMessage | None:
    call_metadata = message.additional_kwargs.get(TOOL_CALL_METADATA_KEY) or {}
    parts: list[Any] = []
    texts: list[str] = []
    calls: list[ToolCallPart] = []
    for block in message.blocks:
        if isinstance(block, ThinkingBlock):
            metadata = block.additional_information.get(PROVIDER_METADATA_KEY)
            if block.content or metadata:
                parts.append(ReasoningPart(text=block.content or "", provider_options=metadata or None))
        elif isinstance(block, TextBlock):
            texts.append(block.text)
        elif isinstance(block, ToolCallBlock):
            call_id = block.tool_call_id or f"call_{len(tool_names)}"
            tool_names[call_id] = block.tool_name
            calls.append(
                ToolCallPart(
                    tool_call_id=call_id,
                    tool_name=block.tool_name,
                    input=parse_tool_arguments(block.tool_kwargs),
                    provider_options=call_metadata.get(call_id) or None,
                )
            )
    if not calls:
        for call_id, name, arguments in _legacy_tool_calls(message.additional_kwargs.get("tool_calls")):
            tool_names[call_id] = name
            calls.append(ToolCallPart(tool_call_id=call_id, tool_name=name, input=parse_tool_arguments(arguments)))
    text = "\n".join(texts)
    parts.extend(_provider_tool_parts(message.additional_kwargs.get(PROVIDER_TOOLS_KEY)))
    parts.extend(_text_parts(text, message.additional_kwargs.get(TEXT_PARTS_KEY)))
    parts.extend(calls)
    if not parts:
        return None
    return AssistantModelMessage(content=parts)


def _media_item(data: bytes, media_type: str) -> dict[str, Any]:
    return {"type": "media", "data": base64.b64encode(data).decode("ascii"), "media_type": media_type}


def _tool_output_item(block: Any) -> dict[str, Any] | None:
    """One block of a tool's output as a ``content`` item: text, or media (base64) with its type."""
    if isinstance(block, TextBlock):
        return {"type": "text", "text": block.text}
    if isinstance(block, ImageBlock):
        if block.image is None and block.path is None:
            # Tool outputs carry media inline on every wire; a URL is left for the model to read as text.
            return {"type": "text", "text": str(block.url)} if block.url is not None else None
        part = _image_part(block)
        assert isinstance(part.image, bytes)  # neither a URL nor a path here
        return _media_item(part.image, block.image_mimetype or "image/png")
    if isinstance(block, DocumentBlock):
        if block.data is None and block.path is None:
            return {"type": "text", "text": str(block.url)} if block.url is not None else None
        file_part = _document_part(block)
        assert isinstance(file_part.data, bytes)
        return _media_item(file_part.data, file_part.media_type)
    return None


def _tool_output(message: ChatMessage) -> ToolResultOutput | dict[str, Any]:
    """The output of a tool message: its text, or a ``content`` list when the tool returned images or documents
    (``FunctionAgent`` puts a tool's output blocks on the message as they are)."""
    if all(isinstance(block, TextBlock) for block in message.blocks):
        return ToolResultOutput(type="text", value=message.content or "")
    items = [item for item in map(_tool_output_item, message.blocks) if item is not None]
    return {"type": "content", "value": items}


def _tool_result(message: ChatMessage, tool_names: Mapping[str, str]) -> dict[str, Any] | None:
    """A tool result in the AI SDK's dict form (validated by ``generate_text``, which types the media items)."""
    call_id = message.additional_kwargs.get("tool_call_id")
    if not call_id:
        return None
    name = tool_names.get(call_id) or message.additional_kwargs.get("name") or "tool"
    return {
        "type": "tool-result",
        "tool_call_id": str(call_id),
        "tool_name": str(name),
        "output": _tool_output(message),
    }


def to_ai_sdk_messages(messages: Sequence[ChatMessage]) -> tuple[list[str], list[ModelMessage | dict[str, Any]]]:
    """``(instructions, messages)``: the leading system messages as instruction texts, the rest as messages.

    Consecutive tool messages become one tool message (every provider wants the results of one assistant turn
    together); a tool message without a ``tool_call_id`` is sent as user text, as no provider accepts it. Tool
    messages are in the AI SDK's dict form, which ``generate_text`` validates into typed messages.
    """
    instructions: list[str] = []
    converted: list[ModelMessage | dict[str, Any]] = []
    tool_names: dict[str, str] = {}
    for message in messages:
        role = message.role
        if role in _SYSTEM_ROLES:
            text = message.content or ""
            if converted:
                converted.append(SystemModelMessage(content=text))
            else:
                instructions.append(text)
        elif role in _ASSISTANT_ROLES:
            assistant = _assistant_message(message, tool_names)
            if assistant is not None:
                converted.append(assistant)
        elif role in _TOOL_ROLES:
            result = _tool_result(message, tool_names)
            if result is None:
                converted.append(UserModelMessage(content=message.content or ""))
            elif converted and isinstance(converted[-1], dict) and converted[-1]["role"] == "tool":
                converted[-1]["content"].append(result)
            else:
                converted.append({"role": "tool", "content": [result]})
        else:
            parts = _user_parts(message.blocks)
            if len(parts) == 1 and isinstance(parts[0], TextPart):
                converted.append(UserModelMessage(content=parts[0].text))
            else:
                converted.append(UserModelMessage(content=parts))
    return instructions, converted


def _pass_through(value: Any) -> Any:
    """LlamaIndex validates tool arguments itself (``FunctionTool``'s pydantic schema) when it runs the tool."""
    return value


def to_ai_sdk_tool(llama_tool: BaseTool, *, strict: bool | None = None) -> Tool:
    """A LlamaIndex tool as an AI SDK tool without ``execute``: the model may call it, LlamaIndex runs it."""
    function = llama_tool.metadata.to_openai_tool(skip_length_check=True)["function"]
    return Tool(
        input_schema=dict(function["parameters"]),
        name=str(function["name"]),
        description=function.get("description") or None,
        validate_input=_pass_through,
        strict=strict,
    )


def to_ai_sdk_tool_choice(tool_choice: str | Mapping[str, Any] | None, tool_required: bool) -> Any:
    """LlamaIndex's ``tool_choice`` (``"auto"``, ``"none"``, ``"required"``, a tool name, or OpenAI's
    ``{"type": "function", "function": {"name": ...}}``) in the AI SDK's form; ``tool_required`` means
    ``"required"`` when no choice is given."""
    if tool_choice is None:
        return "required" if tool_required else "auto"
    if isinstance(tool_choice, Mapping):
        if tool_choice.get("type") == "tool":
            return dict(tool_choice)
        function = tool_choice.get("function")
        name = function.get("name") if isinstance(function, Mapping) else tool_choice.get("name")
        if isinstance(name, str):
            return {"type": "tool", "tool_name": name}
        raise InvalidArgumentError(
            "expected a tool name, 'auto', 'none', 'required' or {'type': 'function', 'function': {'name': ...}}",
            argument="tool_choice",
            value=dict(tool_choice),
        )
    if tool_choice in ("auto", "none", "required"):
        return tool_choice
    if tool_choice == "any":  # Anthropic's spelling of "required"
        return "required"
    return {"type": "tool", "tool_name": tool_choice}
