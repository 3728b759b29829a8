"""The spec prompt -> Chat Completions ``messages``.

Chat Completions takes plain role/content dicts: a user's files become ``image_url``, ``input_audio`` or
``file`` content parts, an assistant's tool calls become ``tool_calls`` (arguments as a JSON string), and each
tool result becomes its own ``tool`` message whose content is a string.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any, Literal, TypeAlias

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.spec import (
    AssistantMessage,
    CallWarning,
    FilePart,
    Prompt,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    UnsupportedFunctionalityError,
    UserMessage,
)

__all__ = ["SystemMessageMode", "convert_to_chat_messages", "tool_output_to_text"]

SystemMessageMode: TypeAlias = Literal["system", "developer", "remove"]

_AUDIO_FORMATS = {"audio/wav": "wav", "audio/x-wav": "wav", "audio/mp3": "mp3", "audio/mpeg": "mp3"}

# Leading bytes of the image formats Chat Completions reads, for parts whose media type is only "image/*".
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"RIFF", "image/webp"),
)


def _is_url(data: str) -> bool:
    return data.startswith(("http://", "https://", "data:"))


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


def _image_media_type(part: FilePart) -> str:
    if part.media_type not in ("image/*", "image"):
        return part.media_type
    if isinstance(part.data, bytes):
        head = part.data[:16]
    else:
        try:
            head = base64.b64decode(part.data[:24])
        except binascii.Error:
            head = b""
    for signature, media_type in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return media_type
    return "image/jpeg"


def _image_part(part: FilePart, provider_options_name: str) -> dict[str, Any]:
    if isinstance(part.data, str) and _is_url(part.data):
        # http(s) URLs are fetched by the vendor (see the model's supported_urls); data URLs are sent as they are.
        url = part.data
    else:
        url = f"data:{_image_media_type(part)};base64,{_base64_of(part.data)}"
    image_url: dict[str, Any] = {"url": url}
    detail = _part_option(part.provider_options, provider_options_name, "image_detail")
    if detail is not None:
        image_url["detail"] = detail
    return {"type": "image_url", "image_url": image_url}


def _part_option(options: Mapping[str, Mapping[str, Any]] | None, name: str, key: str) -> Any:
    if options is None:
        return None
    return (options.get(name) or {}).get(key)


def _is_remote(data: bytes | str) -> bool:
    return isinstance(data, str) and data.startswith(("http://", "https://"))


def _file_part(part: FilePart, index: int, provider_options_name: str) -> dict[str, Any]:
    top_level = part.media_type.split("/", 1)[0]
    if top_level == "image":
        return _image_part(part, provider_options_name)
    if top_level == "audio":
        if _is_remote(part.data):
            raise UnsupportedFunctionalityError("audio file parts with URLs")
        audio_format = _AUDIO_FORMATS.get(part.media_type)
        if audio_format is None:
            raise UnsupportedFunctionalityError(f"audio content parts with media type {part.media_type}")
        return {"type": "input_audio", "input_audio": {"data": _base64_of(part.data), "format": audio_format}}
    if part.media_type == "application/pdf":
        if _is_remote(part.data):
            raise UnsupportedFunctionalityError("PDF file parts with URLs")
        return {
            "type": "file",
            "file": {
                "filename": part.filename or f"part-{index}.pdf",
                "file_data": f"data:application/pdf;base64,{_base64_of(part.data)}",
            },
        }
    raise UnsupportedFunctionalityError(f"file part media type {part.media_type}")


def tool_output_to_text(output: ToolResultOutput) -> str:
    """The string a ``tool`` message carries: text as is, JSON and content lists serialized compactly.

    >>> tool_output_to_text(ToolResultOutput(type="json", value={"temperature": 21}))
    '{"temperature":21}'
    """
    match output.type:
        case "text" | "error-text":
            return str(output.value)
        case "execution-denied":
            return output.reason or "Tool call execution denied."
        case "content":
            items = [
                {key: value for key, value in asdict(item).items() if value is not None}
                if not isinstance(item, Mapping)
                else dict(item)
                for item in (output.value or [])
            ]
            return to_json_str(items)
        case _:  # "json" | "error-json"
            return to_json_str(output.value)


def _user_message(message: UserMessage, provider_options_name: str) -> dict[str, Any]:
    parts = message.content
    if len(parts) == 1 and isinstance(parts[0], TextPart):
        # The plain-string form is what every compatible server understands, including text-only ones.
        return {"role": "user", "content": parts[0].text}
    content: list[dict[str, Any]] = []
    for index, part in enumerate(parts):
        if isinstance(part, TextPart):
            content.append({"type": "text", "text": part.text})
        else:
            content.append(_file_part(part, index, provider_options_name))
    return {"role": "user", "content": content}


def _assistant_message(message: AssistantMessage) -> dict[str, Any]:
    text = ""
    tool_calls: list[dict[str, Any]] = []
    for part in message.content:
        if isinstance(part, TextPart):
            text += part.text
        elif isinstance(part, ToolCallPart):
            tool_calls.append(
                {
                    "id": part.tool_call_id,
                    "type": "function",
                    "function": {
                        "name": part.tool_name,
                        "arguments": to_json_str({} if part.input is None else part.input),
                    },
                }
            )
        # Reasoning, files and provider-executed results have no Chat Completions form: they are left out,
        # as the AI SDK does, because the API rejects unknown content on assistant messages.
    converted: dict[str, Any] = {"role": "assistant", "content": (text or None) if tool_calls else text}
    if tool_calls:
        converted["tool_calls"] = tool_calls
    return converted


def convert_to_chat_messages(
    prompt: Prompt,
    *,
    system_message_mode: SystemMessageMode = "system",
    provider_options_name: str = "openai",
) -> tuple[list[dict[str, Any]], list[CallWarning]]:
    """Convert a spec prompt into Chat Completions messages, plus warnings for what was dropped.

    ``system_message_mode`` sends system messages with the ``system`` role, the ``developer`` role (OpenAI
    reasoning models), or drops them with a warning. ``provider_options_name`` is the key under which parts
    carry vendor options (an image's ``image_detail``). Raises
    :class:`~ai_sdk_core.spec.UnsupportedFunctionalityError` for a file the API cannot take.

    >>> convert_to_chat_messages([UserMessage(content=[TextPart("Hi")])])
    ([{'role': 'user', 'content': 'Hi'}], [])
    """
    messages: list[dict[str, Any]] = []
    warnings: list[CallWarning] = []
    for message in prompt:
        if isinstance(message, SystemMessage):
            if system_message_mode == "remove":
                warnings.append(CallWarning(type="other", message="system messages are removed for this model"))
            else:
                messages.append({"role": system_message_mode, "content": message.content})
        elif isinstance(message, UserMessage):
            messages.append(_user_message(message, provider_options_name))
        elif isinstance(message, AssistantMessage):
            messages.append(_assistant_message(message))
        elif isinstance(message, ToolMessage):
            messages.extend(
                {"role": "tool", "tool_call_id": part.tool_call_id, "content": tool_output_to_text(part.output)}
                for part in message.content
            )
    return messages, warnings
