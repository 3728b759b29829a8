"""Shared pieces of the FastAPI tests: a mock model that pauses mid-answer until the test lets it go on."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import anyio

from ai_sdk_core.testing import MockLanguageModel, text_stream_parts

# Index of the first text delta in text_stream_parts(...): stream-start, text-start, then the deltas.
_FIRST_DELTA = 2


@dataclass
class GatedModel:
    """A mock model answering ``"".join(deltas)``; it sends the first delta, then waits for ``gate``.

    ``first_delta_sent``, ``completed`` and ``closed`` are threading events, so tests in another thread (the
    TestClient caller, an httpx client of a real server) can wait on them without timing assumptions.
    """

    deltas: Sequence[str]
    gate: threading.Event = field(default_factory=threading.Event)
    first_delta_sent: threading.Event = field(default_factory=threading.Event)
    completed: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)
    model: MockLanguageModel = field(init=False)

    def __post_init__(self) -> None:
        self.model = MockLanguageModel(do_stream=self._stream)

    def _stream(self, options: Any) -> AsyncIterator[Any]:
        return self._parts()

    async def _parts(self) -> AsyncIterator[Any]:
        try:
            for index, part in enumerate(text_stream_parts(*self.deltas)):
                if index == _FIRST_DELTA + 1:
                    self.first_delta_sent.set()
                    # Polled: the signal comes from a thread without an event loop; the sleep keeps it cancellable.
                    while not self.gate.is_set():  # noqa: ASYNC110
                        await anyio.sleep(0.005)
                yield part
            self.completed.set()
        finally:
            self.closed.set()
