"""Gemini ``models/{id}:generateContent`` (JSON) and ``:streamGenerateContent?alt=sse`` (SSE ``data:`` chunks,
each a whole ``GenerateContentResponse``)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

from tests.support.vendor_server.script import (
    ScriptedReply,
    SeenRequest,
    finish_of,
    neutral_message,
    signature_for,
    text_chunks,
    token_counts,
)
from tests.support.vendor_server.wire import WireFormat, as_text, sse_event

__all__ = ["GOOGLE", "google_error_body"]

_FINISH = {
    "stop_sequence": "STOP",
    "stop": "STOP",
    "tool_calls": "STOP",
    "length": "MAX_TOKENS",
    "content_filter": "SAFETY",
}
_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
_MODEL_PATH = re.compile(r"/models/(?P<model>[^/:?]+):(?P<method>\w+)")


def google_error_body(status: int, message: str) -> dict[str, Any]:
    """Google's error shape: ``{"error": {"code", "message", "status"}}``."""
    return {"error": {"code": status, "message": message, "status": _STATUS_NAMES.get(status, "UNKNOWN")}}


def _validate(headers: dict[str, str], body: dict[str, Any]) -> tuple[int, str] | None:
    if not headers.get("x-goog-api-key"):
        return 403, "Method doesn't allow unregistered callers (callers without established identity)."
    if not isinstance(body.get("contents"), list) or not body["contents"]:
        return 400, "* GenerateContentRequest.contents: contents is not specified"
    return None


def _texts(parts: list[dict[str, Any]], *, thought: bool) -> str:
    return "".join(str(part["text"]) for part in parts if "text" in part and bool(part.get("thought")) == thought)


def _neutral_call(call: dict[str, Any]) -> dict[str, Any]:
    # Gemini matches results to calls by name when a call has no id, so the name stands in for it.
    name = call.get("name", "")
    return {"id": call.get("id") or name, "name": name, "arguments": call.get("args") or {}}


def _content_message(content: dict[str, Any]) -> list[dict[str, Any]]:
    parts = [part for part in content.get("parts") or () if isinstance(part, dict)]
    signature = next((part["thoughtSignature"] for part in parts if part.get("thoughtSignature")), None)
    if content.get("role") == "model":
        calls = [_neutral_call(part["functionCall"]) for part in parts if "functionCall" in part]
        reasoning = _texts(parts, thought=True) or None
        text = _texts(parts, thought=False)
        return [neutral_message("assistant", text=text, tool_calls=calls, reasoning=reasoning, signature=signature)]
    results = []
    for part in parts:
        if "functionResponse" in part:
            response = part["functionResponse"]
            payload = response.get("response") or {}
            content_value = payload.get("content", payload) if isinstance(payload, dict) else payload
            name = response.get("name", "")
            results.append({"id": response.get("id") or name, "name": name, "content": as_text(content_value)})
    text = _texts(parts, thought=False)
    images = sum(1 for part in parts if "inlineData" in part or "fileData" in part)
    messages = [neutral_message("tool", tool_results=results)] if results else []
    if not results or (text and not text.startswith("Tool executed successfully")):
        messages.append(neutral_message("user", text=text, images=images))
    return messages


def parse_google(path: str, headers: dict[str, str], body: dict[str, Any]) -> SeenRequest:
    """Normalise a ``generateContent`` body; the model and streaming come from the path."""
    match = _MODEL_PATH.search(path)
    messages = [message for content in body.get("contents") or () for message in _content_message(content)]
    system_parts = (body.get("systemInstruction") or {}).get("parts") or []
    tools = [
        {
            "name": declaration.get("name"),
            "description": declaration.get("description"),
            "parameters": declaration.get("parameters", declaration.get("parametersJsonSchema")),
        }
        for tool in body.get("tools") or ()
        for declaration in tool.get("functionDeclarations") or ()
    ]
    generation = body.get("generationConfig") or {}
    response_format: Any = None
    if generation.get("responseMimeType") == "application/json":
        response_format = generation.get("responseSchema") or generation.get("responseJsonSchema") or {}
    return SeenRequest(
        wire="google",
        path=path,
        headers=headers,
        body=body,
        stream=match is not None and match["method"] == "streamGenerateContent",
        model=match["model"] if match is not None else "",
        system=_texts(system_parts, thought=False) or None,
        messages=messages,
        tools=tools,
        tool_choice=(body.get("toolConfig") or {}).get("functionCallingConfig"),
        response_format=response_format,
        max_tokens=generation.get("maxOutputTokens"),
        temperature=generation.get("temperature"),
        stop=list(generation.get("stopSequences") or ()),
    )


def _signed(reply: ScriptedReply) -> bool:
    return reply.reasoning is not None or reply.reasoning_signature is not None


def _usage(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    input_tokens, output_tokens = token_counts(reply, request)
    # Gemini counts thoughts apart from the candidates' tokens.
    candidate_tokens = max(0, output_tokens - reply.reasoning_tokens)
    usage = {
        "promptTokenCount": input_tokens,
        "candidatesTokenCount": candidate_tokens,
        "totalTokenCount": input_tokens + output_tokens,
    }
    if reply.reasoning_tokens:
        usage["thoughtsTokenCount"] = reply.reasoning_tokens
    if reply.cached_input_tokens:
        usage["cachedContentTokenCount"] = reply.cached_input_tokens
    return usage


def _call_parts(reply: ScriptedReply) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = [
        {"functionCall": {"name": call.name, "args": call.arguments} | ({"id": call.id} if call.id else {})}
        for call in reply.tool_calls
    ]
    return parts


def _response(request: SeenRequest, response_id: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "candidates": [{"content": {"role": "model", "parts": parts}, "index": 0}],
        "modelVersion": request.model,
        "responseId": response_id,
    }


def encode_google_json(reply: ScriptedReply, request: SeenRequest) -> dict[str, Any]:
    """A ``GenerateContentResponse``: thought part, text part, function calls; the signature on the first call
    (or the text) as Gemini signs them."""
    parts: list[dict[str, Any]] = []
    if reply.reasoning is not None:
        parts.append({"text": reply.reasoning, "thought": True})
    if reply.text:
        parts.append({"text": reply.text})
    parts.extend(_call_parts(reply))
    if _signed(reply) and parts:
        signed = next((part for part in parts if "functionCall" in part), None) or parts[-1]
        signed["thoughtSignature"] = signature_for(reply)
    body = _response(request, uuid.uuid4().hex[:20], parts)
    finish = finish_of(reply)
    body["candidates"][0]["finishReason"] = _FINISH.get(finish, finish)
    body["usageMetadata"] = _usage(reply, request)
    return body


def encode_google_events(reply: ScriptedReply, request: SeenRequest) -> Iterator[str]:
    """Chunks of thought text, then text, then one chunk with the function calls; the last carries the finish
    reason and the usage."""
    response_id = uuid.uuid4().hex[:20]
    chunks: list[list[dict[str, Any]]] = []
    chunks.extend([{"text": piece, "thought": True}] for piece in text_chunks(reply.reasoning or "", reply.chunk_size))
    chunks.extend([{"text": piece}] for piece in text_chunks(reply.text, reply.chunk_size))
    calls = _call_parts(reply)
    if calls:
        chunks.append(calls)
    if not chunks:
        chunks.append([{"text": ""}])
    if _signed(reply):
        signed = calls[0] if calls else chunks[-1][-1]
        signed["thoughtSignature"] = signature_for(reply)
    finish = finish_of(reply)
    for position, parts in enumerate(chunks):
        body = _response(request, response_id, parts)
        if position == len(chunks) - 1:
            body["candidates"][0]["finishReason"] = _FINISH.get(finish, finish)
        body["usageMetadata"] = _usage(reply, request)
        yield sse_event(body)


GOOGLE = WireFormat(
    name="google",
    parse=parse_google,
    encode_json=encode_google_json,
    encode_events=encode_google_events,
    error_body=google_error_body,
    validate=_validate,
)
