"""OpenAI Chat Completions (``POST /chat/completions``): JSON, and SSE ``data:`` chunks ending in ``[DONE]``."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from tests.support.vendor_server.script import (
    ScriptedReply,
    SeenRequest,
    finish_of,
    neutral_message,
    text_chunks,
    token_counts,
    tool_call_id,
)
from tests.support.vendor_server.wire import WireFormat, as_text, load_arguments, sse_event

__all__ = ["OPENAI_CHAT", "openai_error_body", "validate_openai_key"]

_FINISH = {
    "stop_sequence": "stop",
    "stop": "stop",
    "tool_calls": "tool_calls",
    "length": "length",
    "content_filter": "content_filter",
}
_MEDIA_PARTS = ("image_url", "file", "input_audio")
_ERROR_TYPES = {401: "invalid_api_key", 403: "permission_denied", 404: "not_found", 429: "rate_limit_exceeded"}


def openai_error_body(status: int, message: str) -> dict[str, Any]:
    """OpenAI's error shape: ``{"error": {"message", "type", "param", "code"}}``."""
    kind = "server_error" if status >= 500 else "invalid_request_error"
    if status == 429:
        kind = "rate_limit_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": _ERROR_TYPES.get(status)}}


def validate_openai_key(headers: dict[str, str]) -> tuple[int, str] | None:
    """401 without a bearer key, as OpenAI answers."""
    if not headers.get("authorization", "").startswith("Bearer ") or len(headers["authorization"]) <= len("Bearer "):
        return 401, "You didn't provide an API key. You need to provide your API key in an Authorization header."
    return None


def _validate(headers: dict[str, str], body: dict[str, Any]) -> tuple[int, str] | None:
    if (problem := validate_openai_key(headers)) is not None:
        return problem
    if not body.get("model"):
        return 400, "you must provide a model parameter"
    if not isinstance(body.get("messages"), list) or not body["messages"]:
        return 400, "Invalid 'messages': empty array. Expected an array with minimum length 1."
    return None


def _user_message(content: Any) -> dict[str, Any]:
    images = 0
    if isinstance(content, list):
        # Attachments of any kind count, as they do for the other vendors (PDFs and audio too).
        images = sum(1 for part in content if isinstance(part, dict) and part.get("type") in _MEDIA_PARTS)
    text = _texts(content) if isinstance(content, list) else as_text(content)
    return neutral_message("user", text=text, images=images)


def _texts(parts: list[Any]) -> str:
    return "".join(str(part.get("text", "")) for part in parts if isinstance(part, dict) and part.get("type") == "text")


def _assistant_message(message: dict[str, Any]) -> dict[str, Any]:
    calls = []
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        arguments = load_arguments(function.get("arguments"))
        calls.append({"id": call.get("id"), "name": function.get("name"), "arguments": arguments})
    content = message.get("content")
    text = _texts(content) if isinstance(content, list) else as_text(content)
    reasoning = message.get("reasoning_content") or message.get("reasoning")
    return neutral_message("assistant", text=text, tool_calls=calls, reasoning=reasoning)


def parse_openai_chat(path: str, headers: dict[str, str], body: dict[str, Any]) -> SeenRequest:
    """Normalise a Chat Completions request body."""
    system_texts: list[str] = []
    messages: list[dict[str, Any]] = []
    names_by_id: dict[str, str] = {}
    for message in body.get("messages") or ():
        role = message.get("role")
        content = message.get("content")
        if role in ("system", "developer"):
            system_texts.append(_texts(content) if isinstance(content, list) else as_text(content))
        elif role == "user":
            messages.append(_user_message(content))
        elif role == "assistant":
            neutral = _assistant_message(message)
            names_by_id.update({call["id"]: call["name"] for call in neutral["tool_calls"]})
            messages.append(neutral)
        elif role == "tool":
            call_id = message.get("tool_call_id")
            text = _texts(content) if isinstance(content, list) else as_text(content)
            result = {"id": call_id, "name": names_by_id.get(call_id, ""), "content": text}
            # Consecutive tool messages are one neutral turn, as Anthropic and Gemini send them.
            if messages and messages[-1]["role"] == "tool":
                messages[-1]["tool_results"].append(result)
            else:
                messages.append(neutral_message("tool", tool_results=[result]))
    tools = []
    for tool in body.get("tools") or ():
        function = tool.get("function") or {}
        tools.append(
            {
                "name": function.get("name"),
                "description": function.get("description"),
                "parameters": function.get("parameters"),
            }
        )
    response_format: Any = None
    requested_format = body.get("response_format") or {}
    if requested_format.get("type") == "json_schema":
        response_format = (requested_format.get("json_schema") or {}).get("schema") or {}
    elif requested_format.get("type") == "json_object":
        response_format = {}
    stop = body.get("stop")
    return SeenRequest(
        wire="openai-chat",
        path=path,
        headers=headers,
        body=body,
        stream=bool(body.get("stream")),
        model=str(body.get("model", "")),
        system="\n\n".join(system_texts) if system_texts else None,
        messages=messages,
        tools=tools,
        tool_choice=body.get("tool_choice"),
        response_format=response_format,
        max_tokens=body.get("max_completion_tokens", body.get("max_tokens")),
        temperature=body.get("temperature"),
        stop=[stop] if isinstance(stop, str) else list(stop or ()),
    )


def _usage(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    input_tokens, output_tokens = token_counts(reply, request)
    return {
        "prompt_tokens": input_tokens,
        "completion_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens,
        "prompt_tokens_details": {"cached_tokens": reply.cached_input_tokens, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": reply.reasoning_tokens,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _tool_calls(reply: ScriptedReply) -> list[dict[str, Any]]:
    return [
        {
            "id": tool_call_id(call, "call_"),
            "type": "function",
            "function": {"name": call.name, "arguments": json.dumps(call.arguments)},
        }
        for call in reply.tool_calls
    ]


def _envelope(request: SeenRequest, kind: str, response_id: str) -> dict[str, Any]:
    return {
        "id": response_id,
        "object": kind,
        "created": int(time.time()),
        "model": request.model,
        "system_fingerprint": "fp_vendor_server",
    }


def encode_openai_chat_json(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    """A ``chat.completion`` body."""
    tool_calls = _tool_calls(reply)
    message: dict[str, Any] = {
        "role": "assistant",
        "content": reply.text if reply.text or not tool_calls else None,
        "refusal": None,
        "annotations": [],
    }
    if tool_calls:
        message["tool_calls"] = tool_calls
    if reply.reasoning:
        message["reasoning_content"] = reply.reasoning  # what OpenAI-compatible reasoning vendors send
    finish = finish_of(reply)
    body = _envelope(request, "chat.completion", f"chatcmpl-{uuid.uuid4().hex[:24]}")
    body["choices"] = [{"index": 0, "message": message, "logprobs": None, "finish_reason": _FINISH.get(finish, finish)}]
    body["usage"] = _usage(reply, request)
    body["service_tier"] = "default"
    return body


def encode_openai_chat_events(reply: ScriptedReply, request: SeenRequest) -> Iterator[str]:
    """``chat.completion.chunk`` events: role, reasoning and text deltas, tool call deltas by index, the finish
    chunk, the usage chunk when ``stream_options.include_usage`` asked for it, then ``[DONE]``."""
    envelope = _envelope(request, "chat.completion.chunk", f"chatcmpl-{uuid.uuid4().hex[:24]}")

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return sse_event({**envelope, "choices": [choice], "usage": None})

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    for piece in text_chunks(reply.reasoning or "", reply.chunk_size):
        yield chunk({"reasoning_content": piece})
    for piece in text_chunks(reply.text, reply.chunk_size):
        yield chunk({"content": piece})
    for index, call in enumerate(_tool_calls(reply)):
        function = call["function"]
        opening = {"index": index, "id": call["id"], "type": "function", "function": {"name": function["name"]}}
        yield chunk({"tool_calls": [{**opening, "function": {"name": function["name"], "arguments": ""}}]})
        for piece in text_chunks(function["arguments"], reply.chunk_size):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    finish = finish_of(reply)
    yield chunk({}, _FINISH.get(finish, finish))
    if (request.body.get("stream_options") or {}).get("include_usage"):
        yield sse_event({**envelope, "choices": [], "usage": _usage(reply, request)})
    yield sse_event("[DONE]")


OPENAI_CHAT = WireFormat(
    name="openai-chat",
    parse=parse_openai_chat,
    encode_json=encode_openai_chat_json,
    encode_events=encode_openai_chat_events,
    error_body=openai_error_body,
    validate=_validate,
)
