"""LangChain messages and tools in, AI SDK messages and tools out (pure functions, shared by sync and async).

Every content-block dialect a LangChain user may hand over is read: LangChain v1 standard blocks (``text``,
``text-plain``, ``image``/``file``/``audio``/``video`` by ``url`` or ``base64``, ``reasoning``), the older
``source_type`` blocks, OpenAI Chat Completions blocks (``image_url``, ``input_audio``, ``file.file_data``) and
Anthropic blocks (``image``/``document`` with a ``source``, ``thinking``/``redacted_thinking``, ``tool_use``,
``tool_result`` inside a human message). Reasoning keeps its provider metadata (Anthropic thinking signatures,
Gemini thought signatures, OpenAI reasoning item ids) as the part's ``provider_options``, so a multi-turn agent
sends it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.utils.function_calling import convert_to_openai_tool

from ai_sdk_core import (
    AssistantModelMessage,
    FilePart,
    ImagePart,
    InvalidPromptError,
    ReasoningPart,
    SystemModelMessage,
    TextPart,
    Tool,
    ToolCallPart,
    UserModelMessage,
)

__all__ = [
    "PROVIDER_METADATA_KEY",
    "TOOL_CALL_METADATA_KEY",
    "to_core_messages",
    "to_core_tool_choice",
    "to_core_tools",
    "to_openai_tool",
]

# Where provider metadata lives on LangChain objects: a content block's ``extras`` and, for tool calls (whose
# dicts LangChain does not let us extend), ``additional_kwargs`` keyed by tool call id.
PROVIDER_METADATA_KEY = "provider_metadata"
TOOL_CALL_METADATA_KEY = "tool_call_provider_metadata"

# What a block without a ``mime_type`` most likely holds, by its LangChain type.
_DEFAULT_MEDIA_TYPES = {
    "file": "application/pdf",
    "document": "application/pdf",
    "audio": "audio/wav",
    "video": "video/mp4",
    "text-plain": "text/plain",
}
_AUDIO_FORMATS = {"mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "flac": "audio/flac"}


def to_openai_tool(value: Any) -> dict[str, Any]:
    """Any tool LangChain accepts (``BaseTool``, ``@tool`` function, pydantic model, TypedDict, OpenAI or
    Anthropic dict, plain function) in the OpenAI ``{"type": "function", "function": {...}}`` shape, the
    serialisable form kept on the binding."""
    return convert_to_openai_tool(value)


def to_core_tools(tools: Sequence[Mapping[str, Any]]) -> dict[str, Tool]:
    """OpenAI-shaped tool dicts as AI SDK tools without ``execute``: the model proposes calls and LangChain (the
    agent, the caller) runs them. Inputs are not validated here, as LangChain models do not validate them."""
    result: dict[str, Tool] = {}
    for item in tools:
        function = item.get("function", item)
        name = str(function["name"])
        schema = dict(function.get("parameters") or {"type": "object", "properties": {}})
        schema.setdefault("type", "object")
        if schema.get("type") == "object":
            schema.setdefault("properties", {})
        result[name] = Tool(
            input_schema=schema,
            name=name,
            description=function.get("description") or None,
            strict=function.get("strict"),
            validate_input=_unvalidated,
        )
    return result


def _unvalidated(value: Any) -> Any:
    return value


def to_core_tool_choice(choice: Any, tool_names: Sequence[str]) -> Any:
    """LangChain's ``tool_choice`` (``"auto"``, ``"none"``, ``"any"``/``"required"``/``True``, a tool name, or an
    OpenAI/Anthropic dict) in the AI SDK's form."""
    if choice is None or choice is False:
        return None
    if choice is True:
        return {"type": "tool", "tool_name": tool_names[0]} if len(tool_names) == 1 else "required"
    if isinstance(choice, str):
        if choice in ("auto", "none", "required"):
            return choice
        if choice == "any":
            return "required"
        return {"type": "tool", "tool_name": choice}
    if isinstance(choice, Mapping):
        kind = choice.get("type")
        if kind == "function":
            return {"type": "tool", "tool_name": choice["function"]["name"]}
        if kind == "tool" and "name" in choice:
            return {"type": "tool", "tool_name": choice["name"]}
        if kind in ("auto", "none"):
            return kind
        if kind == "any":
            return "required"
    raise InvalidPromptError(f"Unsupported tool_choice {choice!r}.")


def to_core_messages(messages: Sequence[BaseMessage]) -> list[Any]:
    """A LangChain conversation as AI SDK messages (typed objects, or the SDK's dict form where a typed one
    cannot say it, e.g. a tool result with images)."""
    tool_names: dict[str, str] = {}
    result: list[Any] = []
    pending_results: list[Any] = []

    def flush_results() -> None:
        if pending_results:
            result.append(_tool_message(pending_results))
            pending_results.clear()

    for message in messages:
        if isinstance(message, ToolMessage):
            pending_results.append(_tool_result(message, tool_names))
            continue
        flush_results()
        if isinstance(message, SystemMessage):
            result.append(SystemModelMessage(content=_plain_text(message.content)))
        elif isinstance(message, AIMessage):
            for call in _assistant_tool_calls(message):
                tool_names[call.tool_call_id] = call.tool_name
            result.append(_assistant_message(message))
        elif isinstance(message, HumanMessage):
            results, parts = _user_parts(message.content, tool_names)
            if results:
                result.append(_tool_message(results))
            if parts:
                result.append(UserModelMessage(content=parts))
        elif isinstance(message, ChatMessage):
            result.extend(to_core_messages([_from_chat_message(message)]))
        else:
            raise InvalidPromptError(f"Unsupported message type {type(message).__name__}.")
    flush_results()
    return result


def _from_chat_message(message: ChatMessage) -> BaseMessage:
    roles: dict[str, type[BaseMessage]] = {
        "user": HumanMessage,
        "human": HumanMessage,
        "assistant": AIMessage,
        "ai": AIMessage,
        "system": SystemMessage,
        "developer": SystemMessage,
    }
    if message.role not in roles:
        raise InvalidPromptError(f"Unsupported chat message role {message.role!r}.")
    return roles[message.role](content=message.content)


def _blocks(content: str | list[Any]) -> list[Any]:
    return [content] if isinstance(content, str) else list(content)


def _plain_text(content: str | list[Any]) -> str:
    texts: list[str] = []
    for block in _blocks(content):
        if isinstance(block, str):
            texts.append(block)
        elif isinstance(block, Mapping) and block.get("type") == "text":
            texts.append(str(block.get("text", "")))
    return "".join(texts)


def _media_type_of_data_url(url: str) -> str | None:
    if url.startswith("data:"):
        return url[5:].split(";", 1)[0].split(",", 1)[0] or None
    return None


def _media_part(block: Mapping[str, Any]) -> ImagePart | FilePart | None:
    """An image, file or audio block of any dialect, or ``None`` when ``block`` is not one."""
    kind = block.get("type")
    if kind == "image_url":
        value = block["image_url"]
        url = value["url"] if isinstance(value, Mapping) else value
        return ImagePart(image=url, media_type=_media_type_of_data_url(url))
    if kind == "input_audio":
        audio = block["input_audio"]
        return FilePart(data=audio["data"], media_type=_AUDIO_FORMATS.get(audio.get("format", ""), "audio/wav"))
    if kind not in ("image", "file", "audio", "video", "document", "text-plain"):
        return None
    extras = block.get("extras") or {}
    filename = block.get("filename") or extras.get("filename") or (block.get("metadata") or {}).get("filename")
    media_type = block.get("mime_type") or block.get("media_type")
    data: str | None = None
    source = block.get("source")
    if isinstance(source, Mapping):  # Anthropic
        media_type = media_type or source.get("media_type")
        data = source.get("data") or source.get("url")
    elif isinstance(block.get("file"), Mapping):  # OpenAI Chat Completions file
        file = block["file"]
        data = file.get("file_data")
        filename = filename or file.get("filename")
        if file.get("file_id") and not data:
            raise InvalidPromptError("File ids (uploaded files) are not supported; send the data or a URL.")
    elif block.get("source_type") in ("base64", "url"):  # LangChain v0 standard blocks
        data = block.get("data") or block.get("url")
    else:
        data = block.get("base64") or block.get("data") or block.get("url")
    if not data:
        raise InvalidPromptError(f"A {kind} block needs base64 data or a URL (file ids are not supported).")
    media_type = media_type or _media_type_of_data_url(data)
    if kind == "image":
        return ImagePart(image=data, media_type=media_type)
    if media_type is None:
        media_type = _DEFAULT_MEDIA_TYPES[str(kind)]
    return FilePart(data=data, media_type=media_type, filename=filename)


def _user_parts(content: str | list[Any], tool_names: Mapping[str, str]) -> tuple[list[Any], list[Any]]:
    """(tool results, user parts) of a human message: Anthropic-style histories put tool results there."""
    results: list[Any] = []
    parts: list[Any] = []
    for block in _blocks(content):
        if isinstance(block, str):
            parts.append(TextPart(text=block))
            continue
        kind = block.get("type")
        if kind == "text" or (kind == "text-plain" and isinstance(block.get("text"), str)):
            parts.append(TextPart(text=str(block.get("text", ""))))
        elif kind == "tool_result":
            call_id = str(block["tool_use_id"])
            results.append(
                _result_part(call_id, tool_names.get(call_id, "tool"), block.get("content", ""), block.get("is_error"))
            )
        else:
            media = _media_part(block)
            if media is None:
                raise InvalidPromptError(f"Unsupported content block type {kind!r} in a human message.")
            parts.append(media)
    return results, parts


def _tool_result(message: ToolMessage, tool_names: Mapping[str, str]) -> Any:
    name = tool_names.get(message.tool_call_id) or message.name or "tool"
    return _result_part(message.tool_call_id, name, message.content, message.status == "error")


def _result_part(call_id: str, name: str, content: Any, is_error: Any) -> dict[str, Any]:
    """A tool result in the SDK's dict form: text when the content is text only, else a ``content`` output."""
    items: list[dict[str, Any]] = []
    for block in _blocks(content) if isinstance(content, str | list) else [json.dumps(content)]:
        if isinstance(block, str):
            items.append({"type": "text", "text": block})
        elif block.get("type") == "text":
            items.append({"type": "text", "text": str(block.get("text", ""))})
        else:
            media = _media_part(block)
            if media is None:
                items.append({"type": "text", "text": json.dumps(block)})
                continue
            data = media.image if isinstance(media, ImagePart) else media.data
            media_type = media.media_type or "image/png"
            if isinstance(data, str) and data.startswith("data:"):
                data = data.split(",", 1)[1]
            items.append({"type": "media", "data": data, "mediaType": media_type})
    if all(item["type"] == "text" for item in items):
        text = "".join(item["text"] for item in items)
        output: dict[str, Any] = {"type": "error-text" if is_error else "text", "value": text}
    else:
        output = {"type": "content", "value": items}
    return {"type": "tool-result", "toolCallId": call_id, "toolName": name, "output": output}


def _tool_message(results: list[Any]) -> dict[str, Any]:
    return {"role": "tool", "content": list(results)}


def _assistant_tool_calls(message: AIMessage) -> list[ToolCallPart]:
    metadata: Mapping[str, Any] = message.additional_kwargs.get(TOOL_CALL_METADATA_KEY) or {}
    calls = [
        ToolCallPart(
            tool_call_id=str(call["id"]),
            tool_name=call["name"],
            input=call["args"],
            provider_options=metadata.get(str(call["id"])),
        )
        for call in message.tool_calls
    ]
    # A malformed call the model made still needs its place in the history, or its tool result is an orphan.
    for invalid in message.invalid_tool_calls:
        if invalid.get("id") and invalid.get("name"):
            calls.append(ToolCallPart(tool_call_id=str(invalid["id"]), tool_name=str(invalid["name"]), input={}))
    if calls:
        return calls
    # Anthropic-style histories may carry the calls only as ``tool_use`` content blocks.
    return [
        ToolCallPart(
            tool_call_id=str(block["id"]),
            tool_name=str(block["name"]),
            input=block.get("input") or block.get("args") or {},  # Anthropic ``tool_use`` / v1 ``tool_call``
        )
        for block in _blocks(message.content)
        if isinstance(block, Mapping) and block.get("type") in ("tool_use", "tool_call") and "id" in block
    ]


def _assistant_message(message: AIMessage) -> AssistantModelMessage:
    parts: list[Any] = list(_assistant_content_parts(message))
    parts.extend(_assistant_tool_calls(message))
    return AssistantModelMessage(content=parts)


def _assistant_content_parts(message: AIMessage) -> Iterable[Any]:
    reasoning_content = message.additional_kwargs.get("reasoning_content")
    if isinstance(reasoning_content, str) and reasoning_content:
        yield ReasoningPart(text=reasoning_content)
    for block in _blocks(message.content):
        if isinstance(block, str):
            if block:
                yield TextPart(text=block)
            continue
        kind = block.get("type")
        options = (block.get("extras") or {}).get(PROVIDER_METADATA_KEY) or _openai_item_options(block)
        if kind == "text":
            if block.get("text") or options:
                yield TextPart(text=str(block.get("text", "")), provider_options=options)
        elif kind == "reasoning":
            yield ReasoningPart(text=_reasoning_text(block), provider_options=options)
        elif kind == "thinking":  # Anthropic
            signature = block.get("signature")
            yield ReasoningPart(
                text=str(block.get("thinking", "")),
                provider_options=options or ({"anthropic": {"signature": signature}} if signature else None),
            )
        elif kind == "redacted_thinking":
            yield ReasoningPart(text="", provider_options={"anthropic": {"redactedData": block.get("data")}})
        elif kind in ("tool_use", "tool_call", "tool_call_chunk", "invalid_tool_call"):
            continue  # sent from ``tool_calls``
        else:
            media = _media_part(block)
            if isinstance(media, ImagePart):  # assistant turns carry files only
                yield FilePart(data=media.image, media_type=media.media_type or "image/png")
            elif isinstance(media, FilePart):
                yield media


def _openai_item_options(block: Mapping[str, Any]) -> dict[str, Any] | None:
    """The OpenAI item id (and encrypted reasoning) of a block ``ChatOpenAI`` produced on the Responses API
    (``{"type": "reasoning", "id": "rs_...", "encrypted_content": ...}``, ``{"type": "text", "id": "msg_..."}``),
    so a conversation begun with ``ChatOpenAI`` keeps its reasoning items when it continues here."""
    item_id = block.get("id")
    if not isinstance(item_id, str) or not item_id.startswith(("rs_", "msg_")):
        return None
    options: dict[str, Any] = {"item_id": item_id}
    encrypted = block.get("encrypted_content") or (block.get("extras") or {}).get("encrypted_content")
    if encrypted:
        options["reasoning_encrypted_content"] = encrypted
    return {"openai": options}


def _reasoning_text(block: Mapping[str, Any]) -> str:
    text = block.get("reasoning")
    if isinstance(text, str):
        return text
    # OpenAI Responses-style reasoning blocks carry a list of summaries.
    summary = block.get("summary")
    if isinstance(summary, list):
        return "".join(str(item.get("text", "")) for item in summary if isinstance(item, Mapping))
    return ""
