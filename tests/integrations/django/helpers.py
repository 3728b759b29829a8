"""Shared pieces of the view tests: chat bodies, a gated mock stream, and reading SSE bodies."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

from ai_sdk_core.testing import MockLanguageModel, mock_usage, text_stream_parts

__all__ = ["GatedModel", "chat_body", "parse_events", "user_message"]

WAIT = 20.0  # seconds an event may take before a test fails instead of hanging


def user_message(text: str, message_id: str = "u1") -> dict[str, Any]:
    return {"id": message_id, "role": "user", "parts": [{"type": "text", "text": text}]}


def chat_body(chat_id: str = "chat-1", *messages: dict[str, Any], **extra: Any) -> bytes:
    body = {"id": chat_id, "messages": list(messages) or [user_message("Hello")], "trigger": "submit-message"}
    body.update(extra)
    return json.dumps(body).encode()


def parse_events(raw: bytes) -> list[Any]:
    """The JSON chunks of an SSE body (``[DONE]`` kept as the string)."""
    events: list[Any] = []
    for block in raw.decode().split("\n\n"):
        if block.startswith("data: "):
            payload = block.removeprefix("data: ")
            events.append(payload if payload == "[DONE]" else json.loads(payload))
    return events


class GatedModel:
    """A mock model that streams ``first`` and then waits for :attr:`release` before streaming ``rest``.

    :attr:`first_sent` is set once the first delta was handed to the SDK, :attr:`finished` once the stream
    ended; both are threading events, so a test on another thread (or loop) can wait for them.
    """

    def __init__(self, first: str = "Hello", rest: tuple[str, ...] = (" there", "!")) -> None:
        self.parts = text_stream_parts(first, *rest, usage=mock_usage(7, 3))
        self.release = threading.Event()
        self.first_sent = threading.Event()
        self.finished = threading.Event()
        self.mock = MockLanguageModel(do_stream=self._stream, model_id="gated")

    def _sync_parts(self) -> Iterator[Any]:
        for index, part in enumerate(self.parts):
            if index == 3:  # after stream-start, text-start and the first delta
                self.first_sent.set()
                if not self.release.wait(WAIT):
                    raise TimeoutError("the test never released the stream")
            yield part
        self.finished.set()

    async def _async_parts(self) -> AsyncIterator[Any]:
        for index, part in enumerate(self.parts):
            if index == 3:
                self.first_sent.set()
                # Off the loop: the event is set from the test's thread.
                if not await asyncio.to_thread(self.release.wait, WAIT):
                    raise TimeoutError("the test never released the stream")
            yield part
        self.finished.set()

    def _stream(self, options: Any) -> Any:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._sync_parts()
        return self._async_parts()
