"""What every JS-client test checks on each request/response (a :class:`Turn`), whatever its scenario:

* every event of the body validates against the client major's ``uiMessageChunkSchema``, is compact JSON with
  non-ASCII as is, holds no null outside tool input/output and data, and loses no key to the schema;
* ``parse_chat_request`` reads the posted body and writes it back to exactly that JSON;
* the Python reader, on the same bytes and reading as the client's major, ends with the message the JS
  ``readUIMessageStream`` ends with;
* what ``on_finish`` received (what an app persists, assembled for the client's major) is what the chat shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ai_sdk_core.ui import UI_MESSAGE_STREAM_HEADERS, read_ui_message_stream
from tests.ui_js.app import Exchange

__all__ = ["Drive", "Run", "Turn", "check_common", "check_finish", "check_reader", "check_request"]

# Keys whose JSON null is a value (a tool's input/output, app data); anywhere else the encoder must omit the key.
_NULLABLE_KEYS = frozenset({"input", "output", "data"})


@dataclass
class Turn:
    """One request/response of a run: what the client recorded and what the server saw."""

    client: dict[str, Any]
    exchange: Exchange

    @property
    def chunk_types(self) -> list[str]:
        """The ``type`` of every chunk the body held, in order."""
        return [chunk["type"] for chunk in self.client["chunks"]]

    @property
    def assistant(self) -> dict[str, Any]:
        """The client's last message, which must be the assistant's answer."""
        message: dict[str, Any] = self.client["messages"][-1]
        assert message["role"] == "assistant", self.client["messages"]
        return message


@dataclass
class Run:
    """One driver run: its whole JSON result, and its turns."""

    client: dict[str, Any]
    turns: list[Turn]


Drive = Callable[..., Run]
"""``drive(scenario, major, compare_finish=True, compare_reader=True)``: the conftest fixture."""


def _nulls(value: Any, path: str = "") -> list[str]:
    """Paths of JSON nulls outside the keys where null is a value."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NULLABLE_KEYS:
                continue
            if item is None:
                found.append(f"{path}.{key}")
            else:
                found.extend(_nulls(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_nulls(item, f"{path}[{index}]"))
    return found


def check_common(turn: Turn, *, compare_finish: bool = True, compare_reader: bool = True) -> None:
    """The checks of the module docstring; ``compare_reader`` / ``compare_finish`` off for a scenario that
    checks them itself (a known mismatch then has its own strict xfail test)."""
    client = turn.client
    exchange = turn.exchange
    assert client["httpStatus"] == 200, client
    assert "sendError" not in client and "timedOut" not in client, client
    aborted = client["onFinish"] is not None and client["onFinish"]["isAbort"]
    assert ("rawReadError" in client) is aborted, client.get("rawReadError")
    check_request(turn)
    if exchange.scenario == "text-protocol":
        return  # plain text: no chunks, and no on_finish
    for name, value in UI_MESSAGE_STREAM_HEADERS.items():
        assert client["headers"].get(name) == value, (name, client["headers"])

    # Every event validated against the chunk schema of this major (a rejected chunk aborts a real client).
    assert client["invalidChunks"] == [], json.dumps(client["invalidChunks"], indent=1)
    events = [event for event in client["raw"].split("\n\n") if event]
    comments = [event for event in events if event.startswith(":")]
    assert set(comments) <= {": stream-open", ": keep-alive"}, comments
    events = [event for event in events if not event.startswith(":")]
    assert all(event.startswith("data: ") for event in events), events
    for chunk in client["chunks"]:
        assert _nulls(chunk) == [], chunk
    if not aborted:
        assert client["raw"].endswith("data: [DONE]\n\n")
        assert events[-1] == "data: [DONE]"
    payloads = [event.removeprefix("data: ") for event in events if event != "data: [DONE]"]
    # One compact JSON document per event, non-ASCII as is.
    sent = [json.loads(payload) for payload in payloads]
    assert payloads == [json.dumps(chunk, separators=(",", ":"), ensure_ascii=False) for chunk in sent]
    # The schema keeps every key we send: nothing the client silently drops (the schema's key order may differ).
    assert sent == client["chunks"]

    assert exchange.request is not None
    assert client["readerErrors"] == ([] if "error" not in turn.chunk_types else [f"Error: {client['error']}"])
    if turn.chunk_types[0] == "start":
        # (A reader starts a new message at a `start` with an id; the chat keeps parts written before it.)
        assert client["readerMessage"] == turn.assistant
    if compare_reader:
        check_reader(turn)
    # What on_finish received (what an app persists) is what the client shows.
    assert exchange.finish is not None
    if compare_finish:
        check_finish(turn)


def check_reader(turn: Turn) -> None:
    """The Python reader, on the same bytes and reading as the client's major, ends with the message the JS
    readUIMessageStream ends with (both continue the assistant message the client posted, if it did)."""
    posted = turn.exchange.request.messages if turn.exchange.request else []
    continued = posted[-1] if posted and posted[-1].role == "assistant" else None
    version = turn.exchange.protocol_version
    snapshots = list(read_ui_message_stream([turn.client["raw"]], message=continued, protocol_version=version))
    assert snapshots, "the Python reader produced no message"
    assert snapshots[-1].to_dict() == turn.client["readerMessage"]


def check_request(turn: Turn) -> None:
    """The request the client posted: parsed, and written back to the same JSON."""
    client = turn.client
    request = turn.exchange.request
    assert request is not None
    assert json.loads(turn.exchange.raw_body) == client["requestBody"]
    assert request.to_dict() == client["requestBody"]
    assert request.id == client["requestBody"]["id"]
    assert request.trigger == client["requestBody"]["trigger"]
    assert request.message_id == client["requestBody"].get("messageId")


def check_finish(turn: Turn) -> None:
    """What ``on_finish`` received is the conversation the chat shows."""
    finish = turn.exchange.finish
    assert finish is not None
    client = turn.client
    posted = turn.exchange.request.messages if turn.exchange.request else []
    continued = posted[-1] if posted and posted[-1].role == "assistant" else None
    assert [message.to_dict() for message in finish.messages] == client["messages"]
    assert finish.response_message.to_dict() == turn.assistant
    assert finish.is_continuation is (continued is not None)
