"""The effects the text-generation loop yields to its driver (DESIGN §5).

The loop is a plain generator: it never does I/O itself. It yields one of these, and the sync driver
(``drivers.run_sync``) or the async driver (``drivers.run_async``) performs it and sends back the result
(or throws the error into the loop). :class:`Emit` is the exception: it hands a ``full_stream`` part to the
consumer and expects nothing back.

Stream parts do not travel through the generator one by one: :class:`PumpStream` lets the driver feed the
open model stream straight into a pure, synchronous per-part processor (the step's ``StepBuilder.feed``) and
hand what it returns to the consumer. Only the parts the processor cannot handle alone (tool calls, stream
errors, parts a callback must see) come back to the loop.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from ai_sdk_core.generate_text.stream_parts import TextStreamPart
from ai_sdk_core.generate_text.tool_execution import ToolInvocation
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import AsyncStreamResult, GenerateResult, LanguageModel, SyncStreamResult

__all__ = [
    "HAND_BACK",
    "STREAM_END",
    "CallModel",
    "CloseStream",
    "Download",
    "Effect",
    "Emit",
    "ExecuteTools",
    "Invoke",
    "OpenStream",
    "PumpStream",
]


class _StreamEnd:
    """Sent back for :class:`PumpStream` when the model stream is exhausted."""

    def __repr__(self) -> str:
        return "STREAM_END"


STREAM_END: Final = _StreamEnd()


class _HandBack:
    """Returned by a :class:`PumpStream` processor for a part the loop must handle itself."""

    def __repr__(self) -> str:
        return "HAND_BACK"


HAND_BACK: Final = _HandBack()


@dataclass(slots=True, frozen=True)
class Emit:
    """Hand ``part`` to the ``full_stream`` consumer. No reply."""

    part: TextStreamPart


def _options_for_attempt(options: CallOptions, deadline: float | None) -> CallOptions:
    """``options`` with ``timeout.total`` cut to what is left until ``deadline`` (computed at each attempt)."""
    if deadline is None or options.timeout is None:
        return options
    # Never zero: the retry driver only starts an attempt before the deadline, a late wake-up is milliseconds.
    remaining = max(deadline - time.monotonic(), 0.001)
    return dataclasses.replace(options, timeout=dataclasses.replace(options.timeout, total=remaining))


@dataclass(slots=True, frozen=True)
class CallModel:
    """``model.do_generate(options)`` wrapped in retries. Reply: the ``GenerateResult``.

    ``deadline`` (monotonic) ends the run's ``total`` budget of ``total_budget`` seconds: each attempt gets what
    is left as its ``timeout.total``, and no retry waits past it.
    """

    model: LanguageModel
    options: CallOptions
    max_retries: int
    deadline: float | None = None
    total_budget: float | None = None

    def attempt_options(self) -> CallOptions:
        """The options of one attempt: ``timeout.total`` is what is left of the run's total budget now."""
        return _options_for_attempt(self.options, self.deadline)

    def generate(self) -> GenerateResult:
        """One attempt, blocking."""
        return self.model.do_generate(self.attempt_options())

    async def agenerate(self) -> GenerateResult:
        """One attempt, awaited."""
        return await self.model.ado_generate(self.attempt_options())


@dataclass(slots=True, frozen=True)
class OpenStream:
    """``model.do_stream(options)`` wrapped in retries (it returns once headers arrived, so no delivered
    content is ever retried). The driver keeps the stream open. Reply: the stream result.

    ``deadline``/``total_budget``: as for :class:`CallModel`."""

    model: LanguageModel
    options: CallOptions
    max_retries: int
    deadline: float | None = None
    total_budget: float | None = None

    def attempt_options(self) -> CallOptions:
        """The options of one attempt: ``timeout.total`` is what is left of the run's total budget now."""
        return _options_for_attempt(self.options, self.deadline)

    def open(self) -> SyncStreamResult:
        """One attempt, blocking. An error event before any content fails the attempt (retryable)."""
        from ai_sdk_core.generate_text.leading_error import peek_leading_error

        return peek_leading_error(self.model.do_stream(self.attempt_options()))

    async def aopen(self) -> AsyncStreamResult:
        """One attempt, awaited. An error event before any content fails the attempt (retryable)."""
        from ai_sdk_core.generate_text.leading_error import apeek_leading_error

        return await apeek_leading_error(await self.model.ado_stream(self.attempt_options()))


@dataclass(slots=True, frozen=True)
class PumpStream:
    """Read the open stream, passing each part to ``feed`` (pure and synchronous): a part it returns goes to
    the consumer, ``None`` means nothing to hand out, :data:`HAND_BACK` stops the reading. Reply: the part
    handed back, or :data:`STREAM_END` when the stream is exhausted."""

    # Typed loosely on purpose: the drivers compare the result with ``is`` on the hot path, per stream part.
    feed: Callable[[Any], Any]


@dataclass(slots=True, frozen=True)
class CloseStream:
    """Close the open stream (idempotent). No meaningful reply."""


@dataclass(slots=True, frozen=True)
class Invoke:
    """Call a user callback (sync, or async: awaited). Reply: its return value."""

    function: Callable[..., Any]
    argument: Any


@dataclass(slots=True, frozen=True)
class ExecuteTools:
    """Run the tools of one step concurrently. Reply: a list of ``ToolResult | ToolError`` in call order."""

    invocations: Sequence[ToolInvocation]


@dataclass(slots=True, frozen=True)
class Download:
    """Download URLs a model cannot fetch itself. Reply: ``{url: DownloadedFile}``."""

    urls: Sequence[str]
    config: DownloadConfig


Effect: TypeAlias = Emit | CallModel | OpenStream | PumpStream | CloseStream | Invoke | ExecuteTools | Download
