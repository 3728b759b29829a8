"""Time budgets of one call, tracked by us: httpx's per-read timeout alone never stops a server that drips bytes.

:class:`TimeBudget` is pure bookkeeping over a clock (injectable, so tests need no sleeping). The transport asks
it which timeout to give httpx (the smallest remaining budget of the current phase), tells it when bytes and
events arrive, and calls :meth:`TimeBudget.check` after every read.

Phases: until the first body bytes arrive, ``first_chunk`` runs (from the start of the call); afterwards
``between_chunks`` runs from the first bytes or the last event, whichever is later. ``total`` runs throughout.
Only events reset ``between_chunks``: keep-alive comments are bytes, not progress.

``first_chunk`` and ``between_chunks`` measure the server's silence, so the time the consumer spends away from
the stream (between :meth:`TimeBudget.pause` and :meth:`TimeBudget.resume`: handling a part, or not iterating
yet) does not count; bytes waiting in a buffer are not the server's fault. ``total`` counts everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ai_sdk_core.spec.call_options import TimeoutConfig
from ai_sdk_core.spec.errors import TimeoutBudgetError

__all__ = ["TimeBudget"]


@dataclass(slots=True)
class TimeBudget:
    """The deadlines of one call. Create it when the call starts: ``TimeBudget(config)``."""

    config: TimeoutConfig
    clock: Callable[[], float] = time.monotonic
    started_at: float = field(default=0.0)
    first_chunk_at: float | None = None
    last_progress_at: float | None = None
    # Where first_chunk counts from: the start, moved on by the time the consumer was away.
    waiting_since: float = field(default=0.0)
    paused_at: float | None = None
    # No total, first_chunk nor between_chunks (only ``connect``, the default): nothing can run out, so the
    # checks on the per-call and per-read paths return at once.
    unbounded: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self.started_at = self.waiting_since = self.clock()
        config = self.config
        self.unbounded = config.total is None and config.first_chunk is None and config.between_chunks is None

    def pause(self) -> None:
        """The consumer holds a chunk (or has not started reading): silence budgets stop counting."""
        if self.paused_at is None:
            self.paused_at = self.clock()

    def resume(self) -> None:
        """The consumer reads again: silence budgets go on, shifted by the time it was away."""
        if self.paused_at is None:
            return
        away = self.clock() - self.paused_at
        self.paused_at = None
        if self.last_progress_at is None:
            self.waiting_since += away
        else:
            self.last_progress_at += away

    @property
    def received_first_chunk(self) -> bool:
        """Whether body bytes have arrived (the ``first_chunk`` phase is over)."""
        return self.first_chunk_at is not None

    def mark_bytes(self) -> None:
        """Body bytes arrived: the first ones end the ``first_chunk`` phase and start ``between_chunks``."""
        if self.first_chunk_at is None:
            now = self.clock()
            self.first_chunk_at = now
            self.last_progress_at = now

    def after_read(self) -> None:
        """A read returned body bytes: :meth:`mark_bytes`, :meth:`check` the budgets, then :meth:`pause`.

        The sync and async body readers share this sequence; the pause means the consumer's time with the chunk
        is not counted as the server's silence.
        """
        self.mark_bytes()
        self.check()
        self.pause()

    def mark_progress(self) -> None:
        """An event (or, for a plain body, a chunk) arrived: restart the ``between_chunks`` budget."""
        now = self.clock()
        if self.first_chunk_at is None:
            self.first_chunk_at = now
        self.last_progress_at = now

    def _deadlines(self) -> list[tuple[float, str, float]]:
        """(deadline, budget name, budget seconds) of every budget running now."""
        config = self.config
        deadlines: list[tuple[float, str, float]] = []
        if config.total is not None:
            deadlines.append((self.started_at + config.total, "total", config.total))
        if self.last_progress_at is None:
            if config.first_chunk is not None:
                deadlines.append((self.waiting_since + config.first_chunk, "first_chunk", config.first_chunk))
        elif config.between_chunks is not None:
            deadlines.append((self.last_progress_at + config.between_chunks, "between_chunks", config.between_chunks))
        return deadlines

    def remaining(self) -> float | None:
        """Seconds until the nearest running deadline (never negative), or ``None`` when no budget runs."""
        if self.unbounded:
            return None
        deadlines = self._deadlines()
        if not deadlines:
            return None
        return max(0.0, min(deadline for deadline, _, _ in deadlines) - self.clock())

    def body_read_timeout(self) -> float | None:
        """One socket timeout for every read of a body, for a client that cannot change it between reads.

        It is never shorter than the silence budget that may be running (``first_chunk`` left, or
        ``between_chunks``), so it never cuts a server that is within its budgets, and never longer than what is
        left of ``total``. ``None`` when no budget is set.
        """
        if self.unbounded:
            return None
        config = self.config
        now = self.clock()
        silence: list[float] = []
        if self.last_progress_at is None and config.first_chunk is not None:
            silence.append(self.waiting_since + config.first_chunk - now)
        if config.between_chunks is not None:
            silence.append(config.between_chunks)
        candidates: list[float] = []
        if silence:
            candidates.append(max(silence))
        if config.total is not None:
            candidates.append(self.started_at + config.total - now)
        if not candidates:
            return None
        # Zero would make the socket non-blocking (an error, not a timeout); callers check() before reading.
        return max(min(candidates), 0.001)

    def connect_timeout(self) -> float | None:
        """The timeout for connecting: ``connect``, cut to what remains of the running budgets."""
        remaining = self.remaining()
        connect = self.config.connect
        if connect is None:
            return remaining
        return connect if remaining is None else min(connect, remaining)

    def check(self) -> None:
        """Raise :class:`TimeoutBudgetError` if a running budget has run out."""
        if self.unbounded:
            return
        now = self.clock()
        for deadline, name, seconds in sorted(self._deadlines()):
            if now >= deadline:
                raise self.error(name, seconds)

    def expired_error(self, cause: BaseException | None = None) -> TimeoutBudgetError:
        """The error for a read that timed out: the budget with the nearest deadline is the one that ran out."""
        deadlines = sorted(self._deadlines())
        if not deadlines:
            between_chunks = self.config.between_chunks
            if between_chunks is not None:
                # The sync path's socket timeout falls back to between_chunks before the first bytes.
                return self.error("between_chunks", between_chunks, cause=cause)
            # Only an httpx timeout we did not set (an injected client's default) can get here.
            return TimeoutBudgetError("The request timed out.", budget="read", seconds=0.0, cause=cause)
        _, name, seconds = deadlines[0]
        return self.error(name, seconds, cause=cause)

    @staticmethod
    def error(name: str, seconds: float, cause: BaseException | None = None) -> TimeoutBudgetError:
        """Build the error for budget ``name``; the message says which setting to raise."""
        return TimeoutBudgetError(
            f"The {name} time budget of {seconds:g} s ran out (raise TimeoutConfig.{name} to wait longer).",
            budget=name,
            seconds=seconds,
            cause=cause,
        )
