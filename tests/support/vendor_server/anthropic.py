"""Anthropic Messages (``POST /messages``): JSON, and SSE events ``message_start``, ``content_block_start``,
``content_block_delta`` (``text_delta``, ``input_json_delta``, ``thinking_delta``, ``signature_delta``),
``content_block_stop``, ``message_delta``, ``message_stop``."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

from tests.support.vendor_server.script import (
    ScriptedReply,
    ScriptedToolCall,
    SeenRequest,
    finish_of,
    neutral_message,
    signature_for,
    text_chunks,
    token_counts,
    tool_call_id,
)
from tests.support.vendor_server.wire import WireFormat, as_text, sse_event

__all__ = ["ANTHROPIC", "anthropic_error_body"]

_STOP_REASONS = {"stop_sequence": "stop_sequence", "stop": "end_turn", "tool_calls": "tool_use", "length": "max_tokens"}
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    529: "overloaded_error",
}
# The tool our Anthropic provider forces for JSON output when the native output format is not used.
_JSON_TOOL = "json"


def anthropic_error_body(status: int, message: str) -> dict[str, Any]:
    """Anthropic's error shape: ``{"type": "error", "error": {"type", "message"}}``."""
    kind = _ERROR_TYPES.get(status, "api_error")
    return {"type": "error", "error": {"type": kind, "message": message}}


def _validate(headers: dict[str, str], body: dict[str, Any]) -> tuple[int, str] | None:
    if not headers.get("x-api-key") and not headers.get("authorization", "").startswith("Bearer "):
        return 401, "x-api-key header is required"
    if not headers.get("anthropic-version"):
        return 400, "anthropic-version: header is required"
    if not body.get("model"):
        return 400, "model: Field required"
    if not isinstance(body.get("max_tokens"), int):
        return 400, "max_tokens: Field required"
    if not isinstance(body.get("messages"), list) or not body["messages"]:
        return 400, "messages: at least one message is required"
    return None


def _blocks(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    return [block for block in content or () if isinstance(block, dict)]


def _user_messages(content: Any) -> list[dict[str, Any]]:
    """A user turn: its tool results become a neutral ``tool`` message, its text and images a ``user`` one."""
    blocks = _blocks(content)
    results = [
        {"id": block.get("tool_use_id"), "name": "", "content": as_text(block.get("content"))}
        for block in blocks
        if block.get("type") == "tool_result"
    ]
    text = "".join(str(block.get("text", "")) for block in blocks if block.get("type") == "text")
    images = sum(1 for block in blocks if block.get("type") in ("image", "document"))
    messages = [neutral_message("tool", tool_results=results)] if results else []
    if text or images or not results:
        messages.append(neutral_message("user", text=text, images=images))
    return messages


def _assistant_message(content: Any) -> dict[str, Any]:
    blocks = _blocks(content)
    text = "".join(str(block.get("text", "")) for block in blocks if block.get("type") == "text")
    calls = [
        {"id": block.get("id"), "name": block.get("name"), "arguments": block.get("input") or {}}
        for block in blocks
        if block.get("type") == "tool_use"
    ]
    thinking = [block for block in blocks if block.get("type") == "thinking"]
    reasoning = "".join(str(block.get("thinking", "")) for block in thinking) or None
    signature = next((block.get("signature") for block in thinking if block.get("signature")), None)
    return neutral_message("assistant", text=text, tool_calls=calls, reasoning=reasoning, signature=signature)


def _forces_tool(tool_choice: Any, name: str) -> bool:
    """Whether ``tool_choice`` makes Claude call a tool (``any``), or ``name`` in particular."""
    if not isinstance(tool_choice, dict):
        return False
    return tool_choice.get("type") == "any" or (tool_choice.get("type") == "tool" and tool_choice.get("name") == name)


def parse_anthropic(path: str, headers: dict[str, str], body: dict[str, Any]) -> SeenRequest:
    """Normalise a Messages request body; the forced ``json`` tool counts as a response format, not a tool."""
    names_by_id: dict[str, str] = {}
    messages: list[dict[str, Any]] = []
    for message in body.get("messages") or ():
        if message.get("role") == "assistant":
            neutral = _assistant_message(message.get("content"))
            names_by_id.update({call["id"]: call["name"] for call in neutral["tool_calls"]})
            messages.append(neutral)
        else:
            for neutral in _user_messages(message.get("content")):
                for result in neutral["tool_results"]:
                    result["name"] = names_by_id.get(result["id"], "")
                messages.append(neutral)
    system = body.get("system")
    tool_choice = body.get("tool_choice")
    response_format: Any = ((body.get("output_config") or {}).get("format") or {}).get("schema")
    tools = []
    for tool in body.get("tools") or ():
        if "input_schema" not in tool:  # a provider-defined tool (web search, ...) has a type, not a schema
            continue
        if tool.get("name") == _JSON_TOOL and _forces_tool(tool_choice, _JSON_TOOL):
            response_format = tool["input_schema"]
            continue
        tools.append(
            {"name": tool.get("name"), "description": tool.get("description"), "parameters": tool["input_schema"]}
        )
    return SeenRequest(
        wire="anthropic",
        path=path,
        headers=headers,
        body=body,
        stream=bool(body.get("stream")),
        model=str(body.get("model", "")),
        system=as_text(system) if system else None,
        messages=messages,
        tools=tools,
        tool_choice=tool_choice,
        response_format=response_format,
        max_tokens=body.get("max_tokens"),
        temperature=body.get("temperature"),
        stop=list(body.get("stop_sequences") or ()),
    )


def _uses_json_tool(request: SeenRequest) -> bool:
    has_json_tool = any(tool.get("name") == _JSON_TOOL for tool in request.body.get("tools") or ())
    return has_json_tool and _forces_tool(request.tool_choice, _JSON_TOOL)


def _content_blocks(reply: ScriptedReply, request: SeenRequest) -> list[dict[str, Any]]:
    """The reply as Anthropic content blocks: thinking, text, tool uses. With the ``json`` tool forced, the text
    is the tool's input, as Claude answers then."""
    blocks: list[dict[str, Any]] = []
    if reply.reasoning is not None:
        blocks.append({"type": "thinking", "thinking": reply.reasoning, "signature": signature_for(reply)})
    tool_calls = list(reply.tool_calls)
    if _uses_json_tool(request) and reply.text and not tool_calls:
        try:
            arguments = json.loads(reply.text)
        except ValueError as error:
            raise ValueError(f"the json tool is forced, so ScriptedReply.text must be JSON: {reply.text!r}") from error
        tool_calls = [ScriptedToolCall(_JSON_TOOL, arguments)]
    elif reply.text:
        blocks.append({"type": "text", "text": reply.text})
    for call in tool_calls:
        blocks.append(
            {"type": "tool_use", "id": tool_call_id(call, "toolu_"), "name": call.name, "input": call.arguments}
        )
    return blocks


def _stop_reason(reply: ScriptedReply, request: SeenRequest) -> str:
    finish = finish_of(reply)
    if finish == "stop" and reply.text and _uses_json_tool(request) and not reply.tool_calls:
        return "tool_use"
    return _STOP_REASONS.get(finish, finish)


def _usage(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    input_tokens, output_tokens = token_counts(reply, request)
    return {
        # Anthropic's input_tokens excludes cache reads, which are reported apart.
        "input_tokens": max(0, input_tokens - reply.cached_input_tokens),
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": reply.cached_input_tokens,
        "output_tokens": output_tokens,
    }


def _message(request: SeenRequest, content: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": f"msg_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": content,
        "stop_reason": None,
        "stop_sequence": None,
    }


def encode_anthropic_json(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    """A ``message`` body."""
    body = _message(request, _content_blocks(reply, request))
    body["stop_reason"] = _stop_reason(reply, request)
    body["usage"] = _usage(reply, request)
    return body


def _block_events(index: int, block: dict[str, Any], chunk_size: int) -> Iterator[str]:
    kind = block["type"]
    if kind == "thinking":
        yield sse_event(
            {
                "type": "content_block_start",
                "index": index,
                "content_block": {"type": "thinking", "thinking": "", "signature": ""},
            },
            "content_block_start",
        )
        for piece in text_chunks(block["thinking"], chunk_size):
            delta = {"type": "thinking_delta", "thinking": piece}
            yield sse_event({"type": "content_block_delta", "index": index, "delta": delta}, "content_block_delta")
        delta = {"type": "signature_delta", "signature": block["signature"]}
        yield sse_event({"type": "content_block_delta", "index": index, "delta": delta}, "content_block_delta")
    elif kind == "text":
        start = {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}}
        yield sse_event(start, "content_block_start")
        for piece in text_chunks(block["text"], chunk_size):
            delta = {"type": "text_delta", "text": piece}
            yield sse_event({"type": "content_block_delta", "index": index, "delta": delta}, "content_block_delta")
    else:
        opening = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
        yield sse_event(
            {"type": "content_block_start", "index": index, "content_block": opening}, "content_block_start"
        )
        for piece in text_chunks(json.dumps(block["input"]), chunk_size):
            delta = {"type": "input_json_delta", "partial_json": piece}
            yield sse_event({"type": "content_block_delta", "index": index, "delta": delta}, "content_block_delta")
    yield sse_event({"type": "content_block_stop", "index": index}, "content_block_stop")


def encode_anthropic_events(reply: ScriptedReply, request: SeenRequest) -> Iterator[str]:
    """The Messages event stream, one content block at a time."""
    usage = _usage(reply, request)
    opening = _message(request, [])
    opening["usage"] = {**usage, "output_tokens": 1}
    yield sse_event({"type": "message_start", "message": opening}, "message_start")
    for index, block in enumerate(_content_blocks(reply, request)):
        yield from _block_events(index, block, reply.chunk_size)
    delta = {"stop_reason": _stop_reason(reply, request), "stop_sequence": None}
    yield sse_event(
        {"type": "message_delta", "delta": delta, "usage": {"output_tokens": usage["output_tokens"]}}, "message_delta"
    )
    yield sse_event({"type": "message_stop"}, "message_stop")


ANTHROPIC = WireFormat(
    name="anthropic",
    parse=parse_anthropic,
    encode_json=encode_anthropic_json,
    encode_events=encode_anthropic_events,
    error_body=anthropic_error_body,
    validate=_validate,
)
