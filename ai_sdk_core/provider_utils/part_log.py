"""Keep what a stream delivered in memory proportional to its text, not to its number of chunks.

A long answer arrives as tens of thousands of tiny deltas. Code that must replay a stream (every iterator of
``stream_text`` sees it from the start) or report what arrived (``StreamInterruptedError.partial``) used to keep
each delta part, so its memory grew with the chunk count. Two pure classes, used by the sync and async paths
alike, fix that:

:class:`CoalescedParts`
    An append-only record of parts. Every ``batch`` parts it folds runs of adjacent deltas of the same kind,
    block id and provider metadata into one part: the text is the same, the parts are fewer and larger. Other
    parts (starts, ends, tool calls, errors, ...) keep their place and identity. The most recent parts (fewer
    than ``batch``) stay as they arrived, so a short stream is replayed exactly.

:class:`PartLog`
    A buffer read by several consumers at their own pace. Parts are appended to a chain of segments of
    ``segment_size`` parts. A consumer holds only the segment it is reading: once every consumer has left a
    segment, nothing references it and it is freed. A full segment is also folded into a
    :class:`CoalescedParts` history, so a consumer that starts late replays the history (same content, fewer
    deltas) and continues on the live segments where the history ends.

Joins happen once per batch over a list of strings (never ``text + delta`` on a growing string, which is
quadratic); an open run keeps one joined string per batch until it ends or is replayed.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final, Generic, TypeVar

from ai_sdk_core.spec.errors import InvalidArgumentError

__all__ = ["CoalescedParts", "DEFAULT_BATCH", "PartLog", "Segment"]

P = TypeVar("P")

DEFAULT_BATCH: Final = 256
"""Parts per compaction: large enough that compaction is rare, small enough that the uncompacted tail of a
stream stays a few tens of kilobytes."""


class CoalescedParts(Generic[P]):
    """An append-only record of parts whose adjacent deltas are merged in batches (see the module docstring).

    ``text_fields`` maps each delta class to the name of its text attribute (``{TextDelta: "delta", ...}``).
    Those classes must be dataclasses with ``id`` and ``provider_metadata`` fields; two deltas merge when they
    have the same class and ``id`` and their metadata is absent on both or equal.
    """

    __slots__ = ("_batch", "_done", "_fields", "_pending", "_run", "_run_count", "_run_field", "_run_pieces")

    def __init__(self, text_fields: Mapping[type[Any], str], *, batch: int = DEFAULT_BATCH) -> None:
        if batch < 1:
            raise InvalidArgumentError("must be at least 1", argument="batch", value=batch)
        self._fields = text_fields
        self._batch = batch
        self._done: list[P] = []  # compacted parts, every run in it closed
        self._pending: list[P] = []  # the latest parts, as they arrived
        self._run: P | None = None  # first delta of the run still open at the end of ``_done``
        self._run_field = ""
        self._run_pieces: list[str] = []  # the open run's text, one string per compacted batch
        self._run_count = 0  # deltas in the open run

    def __len__(self) -> int:
        """Parts held now (the open run counts as one): a measure of retained memory, not of the stream."""
        return len(self._done) + (self._run is not None) + len(self._pending)

    def append(self, part: P) -> None:
        """Record one part."""
        pending = self._pending
        pending.append(part)
        if len(pending) >= self._batch:
            self.compact()

    def extend(self, parts: Iterable[P]) -> None:
        """Record several parts, in order."""
        pending = self._pending
        pending += parts
        if len(pending) >= self._batch:
            self.compact()

    def compact(self) -> None:
        """Fold the pending parts into the compacted record now."""
        fields = self._fields
        done = self._done
        run: Any = self._run  # a delta dataclass (``id``, ``provider_metadata``) or None
        field = self._run_field
        count = self._run_count
        texts: list[str] = []  # the open run's deltas from this batch
        # The open run's identity in locals, and no call for the usual absent metadata: once per part.
        run_type: type[Any] | None = None
        run_id = ""
        run_metadata = None
        if run is not None:
            run_type, run_id, run_metadata = type(run), run.id, run.provider_metadata
        part: Any
        for part in self._pending:
            kind = type(part)
            if (
                kind is run_type
                and part.id == run_id
                and (part.provider_metadata is run_metadata or _same_metadata(part.provider_metadata, run_metadata))
            ):
                texts.append(getattr(part, field))
                count += 1
                continue
            if run is not None:
                done.append(self._close(run, field, count, texts))
            name = fields.get(kind)
            if name is None:
                run = run_type = None
                done.append(part)
            else:
                run, field, count, texts = part, name, 1, [getattr(part, name)]
                run_type, run_id, run_metadata = kind, part.id, part.provider_metadata
        self._pending = []
        self._run, self._run_field, self._run_count = run, field, count
        if run is not None and texts:
            self._run_pieces.append("".join(texts))

    def _close(self, run: P, field: str, count: int, texts: list[str]) -> P:
        """The part standing for a finished run (the delta itself when it was alone)."""
        pieces = self._run_pieces
        self._run_pieces = []
        if count == 1:
            return run
        pieces.append("".join(texts))
        merged: P = dataclasses.replace(run, **{field: "".join(pieces)})  # type: ignore[type-var]
        return merged

    def snapshot(self) -> list[P]:
        """Every part recorded so far, in order: merged runs, then the latest parts as they arrived."""
        parts = list(self._done)
        run = self._run
        if run is not None:
            if self._run_count == 1:
                parts.append(run)
            else:
                # Joined once here and kept joined: a later snapshot or the run's end starts from one string.
                text = "".join(self._run_pieces)
                self._run_pieces = [text]
                parts.append(dataclasses.replace(run, **{self._run_field: text}))  # type: ignore[type-var]
        parts += self._pending
        return parts


def _same_metadata(metadata: Any, expected: Any) -> bool:
    """Two deltas' provider metadata allow merging them: the same object, both absent, or equal."""
    return metadata is expected or (not metadata and not expected) or bool(metadata == expected)


class Segment(Generic[P]):
    """A run of consecutive parts of a :class:`PartLog`; ``next`` is set once the segment is full."""

    __slots__ = ("next", "parts")

    def __init__(self, parts: list[P] | None = None, following: Segment[P] | None = None) -> None:
        self.parts: list[P] = [] if parts is None else parts
        self.next: Segment[P] | None = following


class PartLog(Generic[P]):
    """A stream's parts for several consumers (see the module docstring).

    A consumer calls :meth:`start` once and then walks segments: read ``segment.parts`` from index 0; at its
    end, move to ``segment.next`` when it is set (the segment is then complete: read its length again before
    moving), else wait for the producer's next :meth:`append`. The caller serialises the ``append`` calls (one
    producer at a time); :meth:`start` may run in any thread meanwhile (a short lock, taken by ``append`` only when
    a segment fills, keeps the history and the tail consistent), so a consumer never waits for the producer's
    next part to begin. Reading never needs a lock, since a segment's list only grows.
    """

    __slots__ = ("_history", "_lock", "_segment_size", "tail")

    def __init__(self, text_fields: Mapping[type[Any], str], *, segment_size: int = DEFAULT_BATCH) -> None:
        self._history: CoalescedParts[P] = CoalescedParts(text_fields, batch=segment_size)
        self._segment_size = segment_size
        self._lock = threading.Lock()
        self.tail: Segment[P] = Segment()
        """The segment the next part is appended to."""

    def append(self, part: P) -> None:
        """Add the stream's next part."""
        tail = self.tail
        parts = tail.parts
        parts.append(part)
        if len(parts) >= self._segment_size:
            # The full segment goes into the history; this log lets go of it (consumers reading it keep it).
            # Under the lock: a start() in another thread sees the history and the tail of the same moment.
            with self._lock:
                self._history.extend(parts)
                following: Segment[P] = Segment()
                self.tail = following
                tail.next = following

    def start(self) -> Segment[P]:
        """The first segment for a new consumer: the history so far (merged), linked to the live tail. The
        history is a copy taken now, so parts appended while it is replayed cannot change it. Safe to call from
        any thread while the producer appends (parts added to the tail meanwhile are read from the tail)."""
        with self._lock:
            tail = self.tail
            replay = self._history.snapshot()
        return Segment(replay, tail) if replay else tail

    @property
    def retained(self) -> int:
        """Parts this log itself keeps (history and tail): bounded by the text, not by the chunk count."""
        return len(self._history) + len(self.tail.parts)
