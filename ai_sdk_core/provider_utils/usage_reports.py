"""Where the usage a vendor reported before the end of a stream can be read, for an answer that never gets
its ``Finish`` part (the consumer stopped reading, the connection was cut, the vendor sent an error).

A provider's part stream offers ``usage_so_far() -> Usage | None`` (see
:mod:`~ai_sdk_core.provider_utils.http_model`). The core rarely holds that stream itself: the leading-error peek,
telemetry and middleware each wrap it in a generator of their own, which cannot offer the method. So the stream
registers its report when it is made, with the collector the core opens around the call that starts a stream
(:func:`collect_usage_reports`); whoever wraps it afterwards, the report reaches the core. No collector open (a
provider used outside the core's loop), nothing is registered.

Kept apart from ``http_model`` so that the core's loop can open a collector without loading the HTTP stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ai_sdk_core.spec.usage import Usage

__all__ = ["UsageReport", "collect_usage_reports", "register_usage_report"]

UsageReport = Callable[[], Usage | None]
"""Returns the usage reported so far: ``None`` if nothing, counts the vendor has not sent as ``None``."""

# The list of the collector open in this context (None: nobody listens).
_reports: ContextVar[list[UsageReport] | None] = ContextVar("ai_sdk_stream_usage_reports", default=None)


@contextmanager
def collect_usage_reports() -> Iterator[list[UsageReport]]:
    """Collect the reports of the streams made inside the block, in the order they were made: the last is the
    stream a retried call finally returned."""
    reports: list[UsageReport] = []
    token = _reports.set(reports)
    try:
        yield reports
    finally:
        _reports.reset(token)


def register_usage_report(report: UsageReport) -> None:
    """Hand ``report`` to the collector open in this context, if any (a stream calls it when it is made)."""
    reports = _reports.get()
    if reports is not None:
        reports.append(report)
