"""Stop sequences over streamed text (pure): text is released only once it cannot be the start of a stop."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["StopSequenceScanner"]


class StopSequenceScanner:
    """Feed text deltas; get back what is safe to show, and whether a stop sequence was reached.

    >>> scanner = StopSequenceScanner(["END"])
    >>> scanner.feed("Hello E"), scanner.feed("ND and more")
    (('Hello ', False), ('', True))
    """

    __slots__ = ("_held", "_longest", "_stops", "stopped")

    def __init__(self, stop_sequences: Sequence[str]) -> None:
        self._stops = tuple(stop for stop in stop_sequences if stop)
        self._longest = max((len(stop) for stop in self._stops), default=0)
        self._held = ""
        self.stopped = False

    def feed(self, delta: str) -> tuple[str, bool]:
        """``(text to release, stopped)``; after a stop, the rest of the text is dropped."""
        if self.stopped:
            return "", True
        if not self._stops:
            return delta, False
        text = self._held + delta
        positions = [index for stop in self._stops if (index := text.find(stop)) != -1]
        if positions:
            self.stopped = True
            self._held = ""
            return text[: min(positions)], True
        # Hold back the longest tail that is a prefix of some stop sequence.
        keep = 0
        for length in range(min(len(text), self._longest - 1), 0, -1):
            tail = text[-length:]
            if any(stop.startswith(tail) for stop in self._stops):
                keep = length
                break
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep], False

    def flush(self) -> str:
        """The held-back text, once the generation ended without reaching a stop sequence."""
        held, self._held = self._held, ""
        return "" if self.stopped else held
