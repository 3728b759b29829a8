"""The neutral side of the vendor server: what a request asked for and what the script answers.

Every wire module turns its vendor's request body into a :class:`SeenRequest` and encodes a
:class:`ScriptedReply` into that vendor's JSON or event stream, so a test scripts one reply and runs it against
any provider.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "Responder",
    "apply_stop_sequences",
    "ScriptedReply",
    "ScriptedToolCall",
    "SeenRequest",
    "echo_last_user_text",
    "estimate_tokens",
    "finish_of",
    "neutral_message",
    "reply_sequence",
    "signature_for",
    "text_chunks",
    "token_counts",
    "tool_call_id",
]


@dataclass
class ScriptedToolCall:
    """A tool call the scripted model makes. ``id`` ``None`` gets a vendor-shaped id (``call_...``, ``toolu_...``)."""

    name: str
    arguments: dict[str, Any]
    id: str | None = None


@dataclass
class ScriptedReply:
    """One scripted model turn, encoded by each wire module in its vendor's shape.

    Token counts of ``0`` are estimated from the request and the reply (about four characters a token), as a
    vendor would report real numbers. ``finish`` ``None`` means ``"tool_calls"`` when there are tool calls, else
    ``"stop"``; ``"length"`` reports a cut-off. A ``status`` other than 200 answers with the vendor's error JSON
    (``error_body`` if given, else a generic one for that status).

    Example::

        ScriptedReply(tool_calls=[ScriptedToolCall("get_weather", {"city": "Paris"})])
    """

    text: str = ""
    tool_calls: list[ScriptedToolCall] = field(default_factory=list)
    reasoning: str | None = None
    reasoning_signature: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    finish: str | None = None
    status: int = 200
    error_body: dict[str, Any] | None = None
    chunk_size: int = 8


@dataclass
class SeenRequest:
    """A request as the server saw it, normalised across vendors.

    ``messages`` items: ``{"role": "user" | "assistant" | "tool", "text": str, "tool_calls": [{"id", "name",
    "arguments"}], "tool_results": [{"id", "name", "content"}], "images": int, "reasoning": str | None,
    "signature": str | None}`` (``images`` counts every attachment: images, PDFs, audio). ``tools`` items:
    ``{"name", "description", "parameters"}``. ``response_format``
    is the JSON schema asked for (``{}`` for schemaless JSON mode), else ``None``. ``body`` is the raw JSON.
    """

    wire: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    stream: bool
    model: str
    system: str | None = None
    messages: list[dict[str, Any]] = field(default_factory=list)
    tools: list[dict[str, Any]] = field(default_factory=list)
    tool_choice: Any = None
    response_format: Any = None
    max_tokens: int | None = None
    temperature: float | None = None
    stop: list[str] = field(default_factory=list)

    @property
    def last_user_text(self) -> str:
        """The text of the last user message ("" when there is none)."""
        for message in reversed(self.messages):
            if message["role"] == "user":
                return str(message["text"])
        return ""

    @property
    def tool_results(self) -> list[dict[str, Any]]:
        """Every tool result in the conversation, oldest first."""
        return [result for message in self.messages for result in message["tool_results"]]


Responder = Callable[[SeenRequest], ScriptedReply]
"""Decides the reply to one request; runs on the server's connection thread."""


def neutral_message(
    role: str,
    *,
    text: str = "",
    tool_calls: list[dict[str, Any]] | None = None,
    tool_results: list[dict[str, Any]] | None = None,
    images: int = 0,
    reasoning: str | None = None,
    signature: str | None = None,
) -> dict[str, Any]:
    """One neutral message with every key present, so tests can index without ``.get``."""
    return {
        "role": role,
        "text": text,
        "tool_calls": tool_calls or [],
        "tool_results": tool_results or [],
        "images": images,
        "reasoning": reasoning,
        "signature": signature,
    }


def echo_last_user_text(request: SeenRequest) -> ScriptedReply:
    """The default responder: answer with the last user text, so a test can see its prompt arrive."""
    return ScriptedReply(text=request.last_user_text)


def reply_sequence(*replies: ScriptedReply | Responder) -> Responder:
    """A responder that answers the n-th request with the n-th item (a reply, or a responder to call).

    Running out is a test bug: it raises, and the server answers 500 with the message.

    Example::

        server.responder = reply_sequence(
            ScriptedReply(tool_calls=[ScriptedToolCall("add", {"a": 1, "b": 2})]),
            ScriptedReply(text="3"),
        )
    """
    remaining = list(replies)
    lock = threading.Lock()

    def respond(request: SeenRequest) -> ScriptedReply:
        with lock:
            if not remaining:
                raise LookupError(f"reply_sequence ran out of replies at a {request.wire} request")
            item = remaining.pop(0)
        return item if isinstance(item, ScriptedReply) else item(request)

    return respond


def estimate_tokens(*values: Any) -> int:
    """About four characters a token, at least one: close enough to a tokenizer for usage assertions."""
    characters = sum(len(value if isinstance(value, str) else json.dumps(value, default=str)) for value in values)
    return max(1, (characters + 3) // 4)


def finish_of(reply: ScriptedReply) -> str:
    """The neutral finish reason: ``"stop"``, ``"tool_calls"`` or ``"length"`` (or whatever was scripted)."""
    if reply.finish is not None:
        return reply.finish
    return "tool_calls" if reply.tool_calls else "stop"


def text_chunks(text: str, size: int) -> Iterator[str]:
    """``text`` in pieces of ``size`` characters (one piece for a size below one)."""
    if size < 1:
        yield text
        return
    for start in range(0, len(text), size):
        yield text[start : start + size]


_counter = itertools.count(1)


def tool_call_id(call: ScriptedToolCall, prefix: str) -> str:
    """The scripted id, else a fresh vendor-shaped one (``call_0001...``)."""
    if call.id is not None:
        return call.id
    return f"{prefix}{next(_counter):04d}{hashlib.sha1(call.name.encode()).hexdigest()[:12]}"


def signature_for(reply: ScriptedReply) -> str:
    """The scripted reasoning signature, else an opaque one derived from the reasoning text."""
    if reply.reasoning_signature is not None:
        return reply.reasoning_signature
    digest = hashlib.sha256((reply.reasoning or "").encode()).hexdigest()
    return f"sig-{digest[:32]}"


def token_counts(reply: ScriptedReply, request: SeenRequest) -> tuple[int, int]:
    """``(input, output)`` tokens: the scripted numbers, else estimates from the request and the reply."""
    input_tokens = reply.input_tokens or estimate_tokens(request.system or "", request.messages, request.tools)
    output_tokens = reply.output_tokens or (
        estimate_tokens(reply.text, reply.reasoning or "", [[call.name, call.arguments] for call in reply.tool_calls])
        + reply.reasoning_tokens
    )
    return input_tokens, output_tokens


def apply_stop_sequences(reply: ScriptedReply, stop: list[str]) -> ScriptedReply:
    """The reply cut before the first stop sequence in its text, as vendors do (finish ``"stop_sequence"``,
    reported as a plain stop by every vendor but Anthropic); unchanged when none occurs."""
    positions = [reply.text.find(sequence) for sequence in stop if sequence and sequence in reply.text]
    if not positions or reply.finish not in (None, "stop"):
        return reply
    return replace(reply, text=reply.text[: min(positions)], tool_calls=[], finish="stop_sequence")
