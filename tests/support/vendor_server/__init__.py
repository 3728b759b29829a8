"""A scripted vendor server for offline integration tests.

One HTTP/1.1 server on ``127.0.0.1`` speaks OpenAI Chat Completions, OpenAI Responses, Anthropic Messages and
Gemini ``generateContent`` (JSON and streaming), plus OpenAI embeddings with deterministic bag-of-words vectors.
A test scripts neutral :class:`ScriptedReply` objects and inspects neutral :class:`SeenRequest` objects.

Example::

    from ai_sdk_core import generate_text
    from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer, reply_sequence

    with VendorServer() as server:
        server.responder = reply_sequence(
            ScriptedReply(tool_calls=[ScriptedToolCall("get_weather", {"city": "Paris"})]),
            ScriptedReply(text="Sunny in Paris."),
        )
        model = server.language_model("anthropic")  # or "openai-chat", "openai-responses", "google"
        result = generate_text(model=model, prompt="Weather in Paris?", tools=..., stop_when=step_count_is(3))
        assert server.requests[1].messages[-1]["tool_results"][0]["name"] == "get_weather"

Routes (``server.base_url(wire)`` gives each prefix): ``/openai/v1/chat/completions``, ``/openai/v1/responses``,
``/openai/v1/embeddings``, ``/anthropic/v1/messages``, ``/google/v1beta/models/{id}:generateContent``,
``:streamGenerateContent?alt=sse``, ``:batchEmbedContents`` and ``:embedContent``. Requests a vendor would refuse
(no API key, a missing required field) get that vendor's 4xx error JSON and land in ``server.rejections``.
Models from :meth:`VendorServer.language_model` share the server's HTTP clients, closed with the server; a provider
you build yourself from :meth:`VendorServer.base_url` is yours to close.
"""

from __future__ import annotations

from tests.support.vendor_server.embeddings import embed_text
from tests.support.vendor_server.schema_example import conforming_responder, example_for_schema
from tests.support.vendor_server.script import (
    Responder,
    ScriptedReply,
    ScriptedToolCall,
    SeenRequest,
    echo_last_user_text,
    reply_sequence,
)
from tests.support.vendor_server.server import DEFAULT_MODEL_IDS, FAKE_API_KEY, WIRE_FORMATS, VendorServer

__all__ = [
    "DEFAULT_MODEL_IDS",
    "FAKE_API_KEY",
    "WIRE_FORMATS",
    "Responder",
    "ScriptedReply",
    "ScriptedToolCall",
    "SeenRequest",
    "VendorServer",
    "conforming_responder",
    "echo_last_user_text",
    "embed_text",
    "example_for_schema",
    "reply_sequence",
]
