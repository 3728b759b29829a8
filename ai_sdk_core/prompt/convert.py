"""From what a caller passes (``prompt=``, ``messages=``, ``instructions=``) to the spec prompt a model reads.

Pure functions. Two phases, because the one I/O step (downloading URLs the model cannot fetch itself) must be
done by a sync or an async driver: :func:`urls_to_download` lists those URLs, the driver downloads them, and
:func:`to_spec_prompt` builds the prompt with the downloaded bytes.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ai_sdk_core.prompt.download import DownloadedFile
from ai_sdk_core.prompt.messages import (
    AssistantModelMessage,
    FilePart,
    ImagePart,
    ModelMessage,
    ReasoningPart,
    SystemModelMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolCallPart,
    ToolModelMessage,
    ToolResultPart,
    UserModelMessage,
)
from ai_sdk_core.spec import prompt as spec
from ai_sdk_core.spec.errors import DownloadError, InvalidPromptError

__all__ = [
    "Instructions",
    "detect_media_type",
    "standardize_prompt",
    "to_spec_prompt",
    "urls_to_download",
]

Instructions = str | SystemModelMessage | Mapping[str, Any] | Sequence[SystemModelMessage | Mapping[str, Any]] | None

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)


def detect_media_type(data: bytes | str) -> str | None:
    """Media type from the first bytes of ``data`` (raw bytes or base64 text), or None when unknown."""
    head = data[:24] if isinstance(data, bytes) else _decode_base64_head(data)
    if head is None:
        return None
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _decode_base64_head(text: str) -> bytes | None:
    try:
        return base64.b64decode(text[:32] + "=" * (-len(text[:32]) % 4), validate=False)
    except (binascii.Error, ValueError):
        return None


def standardize_prompt(
    *,
    prompt: str | Sequence[Any] | None,
    messages: Sequence[Any] | None,
    instructions: Instructions,
) -> tuple[list[SystemModelMessage], list[ModelMessage]]:
    """Check the prompt arguments and return (instructions as system messages, messages as typed messages).

    Exactly one of ``prompt`` (a string, or a message list) and ``messages`` must be given.
    """
    if prompt is not None and messages is not None:
        raise InvalidPromptError("Pass either prompt= or messages=, not both.")
    if prompt is None and messages is None:
        raise InvalidPromptError("Pass prompt= (a string) or messages= (a list of messages).")
    if isinstance(prompt, str):
        typed: list[ModelMessage] = [UserModelMessage(content=prompt)]
    else:
        source = prompt if prompt is not None else messages
        name = "prompt" if prompt is not None else "messages"
        if isinstance(source, str | bytes) or not isinstance(source, Sequence):
            raise InvalidPromptError(f"{name}= must be a list of messages")
        typed = [_as_message(item, f"{name}[{index}]") for index, item in enumerate(source)]
    return standardize_instructions(instructions), typed


def standardize_instructions(instructions: Instructions) -> list[SystemModelMessage]:
    """Instructions as a list of system messages."""
    if instructions is None:
        return []
    if isinstance(instructions, str):
        return [SystemModelMessage(content=instructions)]
    items = [instructions] if isinstance(instructions, SystemModelMessage | Mapping) else list(instructions)
    result: list[SystemModelMessage] = []
    for index, item in enumerate(items):
        message = _as_message(item, f"instructions[{index}]") if isinstance(item, Mapping) else item
        if not isinstance(message, SystemModelMessage):
            raise InvalidPromptError("instructions= must be a string or system messages")
        result.append(message)
    return result


_MESSAGE_TYPES = (SystemModelMessage, UserModelMessage, AssistantModelMessage, ToolModelMessage)


def _as_message(item: Any, path: str) -> ModelMessage:
    if isinstance(item, _MESSAGE_TYPES):
        return item
    if isinstance(item, Mapping):
        from ai_sdk_core.prompt.validation import validate_message

        return validate_message(item, path=path)
    raise InvalidPromptError(f"Invalid message at {path}: expected a dict or a message object, got {item!r:.80}")


def _url_kind(data: bytes | str) -> str | None:
    if isinstance(data, bytes):
        return None
    lowered = data[:8].lower()
    if lowered.startswith(("http://", "https://")):
        return "http"
    if lowered.startswith("data:"):
        return "data"
    if re.match(r"^[a-z][a-z0-9+.-]*://", lowered):
        return "other"
    return None


def _media_type_matches(pattern: str, media_type: str) -> bool:
    if pattern in ("*", "*/*") or pattern == media_type:
        return True
    if pattern.endswith("/*"):
        return media_type.startswith(pattern[:-1])
    return False


def is_url_supported(url: str, media_type: str, supported_urls: Mapping[str, Sequence[re.Pattern[str]]]) -> bool:
    """True when the model fetches ``url`` itself (its ``supported_urls`` list a matching pattern)."""
    for pattern, url_patterns in supported_urls.items():
        matches = _media_type_matches(pattern, media_type) or _media_type_matches(media_type, pattern)
        if matches and any(url_pattern.search(url) for url_pattern in url_patterns):
            return True
    return False


def _file_sources(messages: Sequence[ModelMessage]) -> list[tuple[bytes | str, str]]:
    """Every (data, media type) of image and file parts in user and assistant messages."""
    found: list[tuple[bytes | str, str]] = []
    for message in messages:
        if isinstance(message, UserModelMessage | AssistantModelMessage) and not isinstance(message.content, str):
            for part in message.content:
                if isinstance(part, ImagePart):
                    found.append((part.image, part.media_type or "image/*"))
                elif isinstance(part, FilePart):
                    found.append((part.data, part.media_type))
    return found


def urls_to_download(
    messages: Sequence[ModelMessage],
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]],
) -> list[str]:
    """URLs in the messages that the model does not fetch itself, in order, without duplicates."""
    result: list[str] = []
    for data, media_type in _file_sources(messages):
        kind = _url_kind(data)
        if kind == "other":
            raise InvalidPromptError(f"Unsupported URL scheme in a file part: {str(data)[:80]!r}")
        if (
            kind == "http"
            and isinstance(data, str)
            and data not in result
            and not is_url_supported(data, media_type, supported_urls)
        ):
            result.append(data)
    return result


def _parse_data_url(url: str) -> tuple[str, str | None]:
    """(base64 payload, media type) of a ``data:`` URL."""
    header, separator, payload = url.partition(",")
    if not separator:
        raise InvalidPromptError(f"Invalid data URL: {url[:60]!r}")
    meta = header[len("data:") :]
    media_type = meta.split(";", 1)[0] or None
    if ";base64" not in meta:
        from urllib.parse import unquote_to_bytes

        return base64.b64encode(unquote_to_bytes(payload)).decode("ascii"), media_type
    return payload, media_type


def _file_part(
    data: bytes | str,
    media_type: str | None,
    filename: str | None,
    provider_options: Any,
    downloads: Mapping[str, DownloadedFile],
    is_image: bool,
) -> spec.FilePart:
    value: bytes | str = data
    kind = _url_kind(data)
    if kind == "data" and isinstance(data, str):
        value, declared = _parse_data_url(data)
        media_type = media_type or declared
        kind = None
    elif kind == "http" and isinstance(data, str) and data in downloads:
        downloaded = downloads[data]
        value = downloaded.data
        if media_type is None or media_type.endswith("/*"):
            media_type = detect_media_type(downloaded.data) or downloaded.media_type or media_type
        kind = None
    # Bytes and base64 whose type the caller left open are sniffed; a URL the model fetches keeps a wildcard.
    if kind is None and (media_type is None or media_type == "image/*"):
        media_type = detect_media_type(value) or media_type
    if media_type is None:
        media_type = "image/*" if is_image else "application/octet-stream"
    return spec.FilePart(data=value, media_type=media_type, filename=filename, provider_options=provider_options)


def _check_downloaded(data: bytes | str, downloads: Mapping[str, DownloadedFile], supported: bool) -> None:
    if _url_kind(data) == "http" and isinstance(data, str) and not supported and data not in downloads:
        raise DownloadError(
            f"The model cannot fetch {data} itself and downloading is off; pass download=True (or a "
            "DownloadConfig) to let the SDK download it, or pass the file's bytes.",
            url=data,
        )


def _convert_user_part(
    part: Any,
    downloads: Mapping[str, DownloadedFile],
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]],
) -> spec.UserPart:
    if isinstance(part, TextPart):
        return spec.TextPart(text=part.text, provider_options=part.provider_options)
    if isinstance(part, ImagePart):
        supported = isinstance(part.image, str) and is_url_supported(
            part.image, part.media_type or "image/*", supported_urls
        )
        _check_downloaded(part.image, downloads, supported)
        return _file_part(part.image, part.media_type, None, part.provider_options, downloads, is_image=True)
    if isinstance(part, FilePart):
        supported = isinstance(part.data, str) and is_url_supported(part.data, part.media_type, supported_urls)
        _check_downloaded(part.data, downloads, supported)
        return _file_part(part.data, part.media_type, part.filename, part.provider_options, downloads, False)
    raise InvalidPromptError(f"Unsupported user content part: {part!r:.80}")


def _convert_assistant_part(
    part: Any,
    downloads: Mapping[str, DownloadedFile],
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]],
) -> spec.AssistantPart:
    if isinstance(part, TextPart):
        return spec.TextPart(text=part.text, provider_options=part.provider_options)
    if isinstance(part, ReasoningPart):
        return spec.ReasoningPart(text=part.text, provider_options=part.provider_options)
    if isinstance(part, ToolCallPart):
        return spec.ToolCallPart(
            tool_call_id=part.tool_call_id,
            tool_name=part.tool_name,
            input=part.input,
            provider_executed=part.provider_executed,
            provider_options=part.provider_options,
        )
    if isinstance(part, ToolResultPart):
        return _convert_tool_result(part)
    if isinstance(part, FilePart):
        converted = _convert_user_part(part, downloads, supported_urls)
        assert isinstance(converted, spec.FilePart)
        return converted
    raise InvalidPromptError(f"Unsupported assistant content part: {part!r:.80}")


def _convert_tool_result(part: ToolResultPart) -> spec.ToolResultPart:
    return spec.ToolResultPart(
        tool_call_id=part.tool_call_id,
        tool_name=part.tool_name,
        output=part.output,
        provider_options=part.provider_options,
    )


def to_spec_prompt(
    instructions: Sequence[SystemModelMessage],
    messages: Sequence[ModelMessage],
    *,
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]],
    downloads: Mapping[str, DownloadedFile],
) -> spec.Prompt:
    """Build the spec prompt. URLs the model does not fetch must be in ``downloads`` (else ``DownloadError``)."""
    result: spec.Prompt = [
        spec.SystemMessage(content=message.content, provider_options=message.provider_options)
        for message in instructions
    ]
    for message in messages:
        if isinstance(message, SystemModelMessage):
            result.append(spec.SystemMessage(content=message.content, provider_options=message.provider_options))
        elif isinstance(message, UserModelMessage):
            user_parts: list[spec.UserPart] = (
                [spec.TextPart(text=message.content)]
                if isinstance(message.content, str)
                else [_convert_user_part(part, downloads, supported_urls) for part in message.content]
            )
            result.append(spec.UserMessage(content=user_parts, provider_options=message.provider_options))
        elif isinstance(message, AssistantModelMessage):
            # Approval requests are between the SDK and its caller: the model never sees them.
            assistant_parts: list[spec.AssistantPart] = (
                [spec.TextPart(text=message.content)]
                if isinstance(message.content, str)
                else [
                    _convert_assistant_part(part, downloads, supported_urls)
                    for part in message.content
                    if not isinstance(part, ToolApprovalRequestPart)
                ]
            )
            if assistant_parts:
                result.append(spec.AssistantMessage(content=assistant_parts, provider_options=message.provider_options))
        elif isinstance(message, ToolModelMessage):
            # Approval responses are answered by the loop (tool results or execution-denied outputs follow in
            # the next tool message), so only results reach the model; a message of responses only vanishes.
            tool_parts = [_convert_tool_result(part) for part in message.content if isinstance(part, ToolResultPart)]
            if tool_parts:
                result.append(spec.ToolMessage(content=tool_parts, provider_options=message.provider_options))
        else:
            raise InvalidPromptError(f"Unsupported message: {message!r:.80}")
    return result
