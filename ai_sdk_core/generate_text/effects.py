"""The effects the text-generation loop yields to its driver (DESIGN §5).

The loop is a plain generator: it never does I/O itself. It yields one of these, and the sync driver
(``drivers.run_sync``) or the async driver (``drivers.run_async``) performs it and sends back the result
(or throws the error into the loop). :class:`Emit` is the exception: it hands a ``full_stream`` part to the
consumer and expects nothing back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from ai_sdk_core.generate_text.stream_parts import TextStreamPart
from ai_sdk_core.generate_text.tool_execution import ToolInvocation
from ai_sdk_core.prompt.download import DownloadConfig
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = [
    "STREAM_END",
    "CallModel",
    "CloseStream",
    "Download",
    "Effect",
    "Emit",
    "ExecuteTools",
    "Invoke",
    "NextPart",
    "OpenStream",
]


class _StreamEnd:
    """Sent back for :class:`NextPart` when the model stream is exhausted."""

    def __repr__(self) -> str:
        return "STREAM_END"


STREAM_END: Final = _StreamEnd()


@dataclass(slots=True, frozen=True)
class Emit:
    """Hand ``part`` to the ``full_stream`` consumer. No reply."""

    part: TextStreamPart


@dataclass(slots=True, frozen=True)
class CallModel:
    """``model.do_generate(options)`` wrapped in retries. Reply: the ``GenerateResult``."""

    model: LanguageModel
    options: CallOptions
    max_retries: int


@dataclass(slots=True, frozen=True)
class OpenStream:
    """``model.do_stream(options)`` wrapped in retries (it returns once headers arrived, so no delivered
    content is ever retried). The driver keeps the stream open. Reply: the stream result."""

    model: LanguageModel
    options: CallOptions
    max_retries: int


@dataclass(slots=True, frozen=True)
class NextPart:
    """The next part of the open stream. Reply: the part, or :data:`STREAM_END`."""


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


Effect: TypeAlias = Emit | CallModel | OpenStream | NextPart | CloseStream | Invoke | ExecuteTools | Download
