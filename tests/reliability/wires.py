"""The four wire formats of the reliability suite: models pointed at a fault server, and the bytes each vendor
sends (encoded by the scripted vendor server's wire modules, so the suite never hand-writes a vendor's JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

import httpx

from ai_sdk_core import LanguageModel
from tests.support.vendor_server.script import ScriptedReply, ScriptedToolCall, SeenRequest
from tests.support.vendor_server.server import _wire_formats

__all__ = [
    "SECRET",
    "WIRES",
    "error_json",
    "json_reply",
    "json_tool_reply",
    "make_model",
    "stream_events",
    "vendor_error_event",
]

# Recognisable, so a scan of messages, reprs, logs and spans finds any copy of it.
SECRET: Final = "sk-reliability-NEVER-PRINT-7f3a9c1e5b2d"
WIRES: Final = ("openai-chat", "openai-responses", "anthropic", "google")
_PREFIXES: Final = {"openai-chat": "/v1", "openai-responses": "/v1", "anthropic": "/v1", "google": "/v1beta"}
_MODEL_IDS: Final = {
    "openai-chat": "gpt-4.1-mini",
    "openai-responses": "gpt-4.1-mini",
    "anthropic": "claude-sonnet-4-5",
    "google": "gemini-2.5-flash",
}
_FORMATS: Final = _wire_formats()


def make_model(wire: str, base_url: str, client: httpx.Client, async_client: httpx.AsyncClient) -> LanguageModel:
    """Our provider's model for ``wire`` at ``base_url`` (a fault server's root), with :data:`SECRET` as key."""
    url = base_url + _PREFIXES[wire]
    clients: dict[str, Any] = {"http_client": client, "async_http_client": async_client}
    model_id = _MODEL_IDS[wire]
    if wire in ("openai-chat", "openai-responses"):
        from ai_sdk_core.providers.openai import create_openai

        openai = create_openai(api_key=SECRET, base_url=url, **clients)
        return openai.chat(model_id) if wire == "openai-chat" else openai.responses(model_id)
    if wire == "anthropic":
        from ai_sdk_core.providers.anthropic import create_anthropic

        return create_anthropic(api_key=SECRET, base_url=url, **clients)(model_id)
    from ai_sdk_core.providers.google import create_google_generative_ai

    return create_google_generative_ai(api_key=SECRET, base_url=url, **clients)(model_id)


def _seen(wire: str, *, stream: bool) -> SeenRequest:
    # Our OpenAI chat provider asks for the usage chunk of a stream, as every client should.
    body: dict[str, Any] = {"stream_options": {"include_usage": True}} if stream else {}
    return SeenRequest(wire=wire, path="", headers={}, body=body, stream=stream, model=_MODEL_IDS[wire])


def stream_events(
    wire: str, text: str = "", *, tool_calls: Sequence[ScriptedToolCall] = (), chunk_size: int = 8
) -> list[bytes]:
    """The complete SSE events (each ``...\\n\\n``) of a streamed answer, terminal events included."""
    reply = ScriptedReply(text=text, tool_calls=list(tool_calls), chunk_size=chunk_size)
    return [event.encode() for event in _FORMATS[wire].encode_events(reply, _seen(wire, stream=True))]


def json_reply(wire: str, text: str) -> dict[str, Any]:
    """A non-streamed answer's JSON body."""
    return _FORMATS[wire].encode_json(ScriptedReply(text=text), _seen(wire, stream=False))


def json_tool_reply(wire: str, tool_calls: Sequence[ScriptedToolCall]) -> dict[str, Any]:
    """A non-streamed answer's JSON body holding ``tool_calls``."""
    return _FORMATS[wire].encode_json(ScriptedReply(tool_calls=list(tool_calls)), _seen(wire, stream=False))


def error_json(wire: str, status: int, message: str) -> dict[str, Any]:
    """The vendor's error JSON for ``status``."""
    return _FORMATS[wire].error_body(status, message)


def vendor_error_event(wire: str, message: str) -> bytes:
    """An error event inside a stream, in the vendor's shape (``overloaded``-like, which vendors send mid-stream)."""
    if wire == "anthropic":
        payload = {"type": "error", "error": {"type": "overloaded_error", "message": message}}
        return f"event: error\ndata: {json.dumps(payload)}\n\n".encode()
    if wire == "openai-responses":
        payload = {"type": "error", "sequence_number": 1, "code": "server_error", "message": message, "param": None}
        return f"event: error\ndata: {json.dumps(payload)}\n\n".encode()
    if wire == "google":
        payload = {"error": {"code": 503, "message": message, "status": "UNAVAILABLE"}}
        return f"data: {json.dumps(payload)}\n\n".encode()
    payload = {"error": {"message": message, "type": "server_error", "param": None, "code": None}}
    return f"data: {json.dumps(payload)}\n\n".encode()
