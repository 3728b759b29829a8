"""What a wire module provides: request normalisation, reply encoding (JSON and SSE) and vendor error JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from tests.support.vendor_server.script import ScriptedReply, SeenRequest

__all__ = ["WireFormat", "as_text", "load_arguments", "sse_event"]


@dataclass(frozen=True)
class WireFormat:
    """One vendor's wire format.

    ``parse(path, headers, body)`` -> :class:`SeenRequest`; ``encode_json(reply, request)`` -> the response body;
    ``encode_events(reply, request)`` -> the SSE events, each a complete ``data: ...\\n\\n`` block;
    ``error_body(status, message)`` -> the vendor's error JSON; ``validate(headers, body)`` -> ``(status,
    message)`` for a request the vendor would reject (missing key, missing required field), else ``None``.
    """

    name: str
    parse: Callable[[str, dict[str, str], dict[str, Any]], SeenRequest]
    encode_json: Callable[[ScriptedReply, SeenRequest], dict[str, Any]]
    encode_events: Callable[[ScriptedReply, SeenRequest], Iterator[str]]
    error_body: Callable[[int, str], dict[str, Any]]
    validate: Callable[[dict[str, str], dict[str, Any]], tuple[int, str] | None]


def sse_event(data: Mapping[str, Any] | str, event: str | None = None) -> str:
    """One server-sent event: an optional ``event:`` line, one ``data:`` line, a blank line."""
    payload = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    head = f"event: {event}\n" if event is not None else ""
    return f"{head}data: {payload}\n\n"


def as_text(content: Any) -> str:
    """Text of a content value that may be a string, a list of text parts, or any JSON value."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        pieces = [as_text(item.get("text")) if isinstance(item, dict) and "text" in item else "" for item in content]
        if any(pieces):
            return "".join(pieces)
    return json.dumps(content, separators=(",", ":"))


def load_arguments(arguments: Any) -> Any:
    """Tool call arguments sent as a JSON string, decoded; a string that is not JSON is kept as it came."""
    if not isinstance(arguments, str):
        return arguments if arguments is not None else {}
    try:
        return json.loads(arguments or "{}")
    except ValueError:
        return arguments
