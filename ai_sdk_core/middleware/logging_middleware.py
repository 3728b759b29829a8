"""A logging middleware over stdlib :mod:`logging`: a request summary, then usage, finish reason and duration.

It never logs headers, the prompt text or provider options (they may hold secrets or personal data): only
counts, settings and outcome.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Sequence
from typing import Any

from ai_sdk_core.middleware.core import (
    CallKind,
    LanguageModelMiddleware,
    ModelRequest,
    StreamReply,
    call_generate,
    call_stream,
)
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import Finish, StreamPart
from ai_sdk_core.spec.usage import Usage

__all__ = ["LoggingMiddleware", "logging_middleware"]

_SETTINGS = (
    "max_output_tokens",
    "temperature",
    "top_p",
    "top_k",
    "presence_penalty",
    "frequency_penalty",
    "seed",
    "reasoning",
)


def _summary(options: CallOptions) -> str:
    settings = {name: getattr(options, name) for name in _SETTINGS if getattr(options, name) is not None}
    tools = [getattr(tool, "name", "?") for tool in options.tools or ()]
    response_format = options.response_format.type if options.response_format else "text"
    return f"messages={len(options.prompt)} tools={tools} response_format={response_format} settings={settings}"


def _usage(usage: Usage) -> str:
    return f"input_tokens={usage.input_tokens.total} output_tokens={usage.output_tokens.total}"


class _LoggingStreamTransform:
    def __init__(self, middleware: LoggingMiddleware, model: LanguageModel, started: float) -> None:
        self.middleware = middleware
        self.model = model
        self.started = started
        self.finish: Finish | None = None

    def feed(self, part: StreamPart) -> Sequence[StreamPart]:
        if isinstance(part, Finish):
            self.finish = part
        return [part]

    def on_error(self, error: Exception) -> None:
        self.middleware.log_error(self.model, "stream", self.started, error)

    def flush(self) -> Sequence[StreamPart]:
        self.middleware.log_end(
            self.model,
            "stream",
            self.started,
            usage=self.finish.usage if self.finish else None,
            finish_reason=self.finish.finish_reason if self.finish else None,
        )
        return []


class LoggingMiddleware(LanguageModelMiddleware):
    """See :func:`logging_middleware`."""

    def __init__(self, logger: logging.Logger | None = None, level: int = logging.INFO) -> None:
        self.logger = logger or logging.getLogger("ai_sdk_core.middleware")
        self.level = level

    def log_start(self, model: LanguageModel, kind: CallKind, options: CallOptions) -> float:
        """Log the request summary; returns the start time."""
        self.logger.log(self.level, "%s %s:%s %s", kind, model.provider, model.model_id, _summary(options))
        return time.perf_counter()

    def log_end(
        self,
        model: LanguageModel,
        kind: CallKind,
        started: float,
        *,
        usage: Usage | None,
        finish_reason: FinishReason | None,
    ) -> None:
        """Log the outcome of a call."""
        self.logger.log(
            self.level,
            "%s %s:%s done finish_reason=%s %s duration_ms=%.1f",
            kind,
            model.provider,
            model.model_id,
            finish_reason.unified if finish_reason else None,
            _usage(usage) if usage else "usage=unknown",
            (time.perf_counter() - started) * 1000,
        )

    def log_error(self, model: LanguageModel, kind: CallKind, started: float, error: Exception) -> None:
        """Log a failed call: the error's type and status only, since messages may quote a response body."""
        self.logger.log(
            logging.WARNING,
            "%s %s:%s failed error=%s status_code=%s duration_ms=%.1f",
            kind,
            model.provider,
            model.model_id,
            type(error).__name__,
            getattr(error, "status_code", None),
            (time.perf_counter() - started) * 1000,
        )

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        """Logs around a generate call."""
        started = self.log_start(model, "generate", options)
        try:
            result = yield from call_generate(options)
        except Exception as error:
            self.log_error(model, "generate", started, error)
            raise
        self.log_end(model, "generate", started, usage=result.usage, finish_reason=result.finish_reason)
        return result

    def wrap_stream(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, StreamReply]:
        """Logs the start of a stream call, and its outcome when the stream ends."""
        started = self.log_start(model, "stream", options)
        try:
            inner = yield from call_stream(options)
        except Exception as error:
            self.log_error(model, "stream", started, error)
            raise
        return inner.reply(_LoggingStreamTransform(self, model, started))


def logging_middleware(logger: logging.Logger | None = None, level: int = logging.INFO) -> LoggingMiddleware:
    """Logs each call to ``logger`` (default ``ai_sdk_core.middleware``) at ``level``; never headers or secrets."""
    return LoggingMiddleware(logger, level)
