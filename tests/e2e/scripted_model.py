"""A mock model whose streams pause at gates the test opens, so a browser can be caught mid-answer.

Each model call takes the next :class:`Script` (first in, first out) and streams its steps: a stream part is
sent, a :class:`Gate` holds the stream until the test opens it, an exception ends the stream with that error.
The server runs in a thread of the test process, so threading events connect the two sides.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from typing import Any

import anyio

from ai_sdk_core.testing import MockLanguageModel

__all__ = ["Gate", "Script", "ScriptedStreams"]

_BOUND_SECONDS = 30.0  # a gate never opened: only reached when a test is broken


class Gate:
    """A pause in a scripted stream."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def open(self) -> None:
        """Let the stream go on."""
        self._event.set()

    async def wait(self) -> None:
        """Hold the stream until the gate opens."""
        # The test opens the gate from another thread: wait for the threading event in a worker thread, which a
        # cancelled stream (client gone, stop policy) abandons.
        opened = await anyio.to_thread.run_sync(self._event.wait, _BOUND_SECONDS, abandon_on_cancel=True)
        if not opened:
            raise AssertionError("Gate: the test never opened it")


class Script:
    """The steps of one model call; ``finished`` is set once the stream is over (ended, failed or closed)."""

    def __init__(self, steps: Sequence[Any]) -> None:
        self.steps = list(steps)
        self.finished = threading.Event()

    async def stream(self) -> AsyncIterator[Any]:
        """The steps as the model's stream parts."""
        try:
            for step in self.steps:
                if isinstance(step, Gate):
                    await step.wait()
                elif isinstance(step, BaseException):
                    raise step
                else:
                    yield step
        finally:
            self.finished.set()


class ScriptedStreams:
    """Scripts queued by the test and the mock models (one per alias) that play them."""

    def __init__(self) -> None:
        self._pending: list[Script] = []
        self._lock = threading.Lock()
        self.models: dict[str, MockLanguageModel] = {}

    def add(self, *steps: Any) -> Script:
        """Queue the script of the next model call."""
        script = Script(steps)
        with self._lock:
            self._pending.append(script)
        return script

    def model(self, alias: str) -> MockLanguageModel:
        """The mock model serving ``alias`` (its ``calls`` tell which alias a request used)."""
        if alias not in self.models:
            self.models[alias] = MockLanguageModel(do_stream=self._next_stream)
        return self.models[alias]

    def reset(self) -> None:
        """Forget unplayed scripts and recorded calls (between tests)."""
        with self._lock:
            self._pending.clear()
        for model in self.models.values():
            model.calls.clear()

    def _next_stream(self, options: Any) -> AsyncIterator[Any]:
        with self._lock:
            if not self._pending:
                raise AssertionError("ScriptedStreams: a model call with no script queued")
            script = self._pending.pop(0)
        return script.stream()
