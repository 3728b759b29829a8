"""The fault server now ships in :mod:`ai_sdk_core.testing.fault_server`; this module keeps the old import path.

``RecordedRequest`` is the old name of :class:`~ai_sdk_core.testing.fault_server.ReceivedRequest` (renamed so it
does not clash with the replay transport's ``RecordedRequest`` in :mod:`ai_sdk_core.testing`).
"""

from __future__ import annotations

from ai_sdk_core.testing.fault_server import (
    Behaviour,
    Connection,
    Drip,
    FaultServer,
    Flood,
    Handler,
    ReceivedRequest,
    Redirect,
    Reply,
    Silent,
    Stream,
    sse,
)

RecordedRequest = ReceivedRequest

__all__ = [
    "Behaviour",
    "Connection",
    "Drip",
    "FaultServer",
    "Flood",
    "Handler",
    "ReceivedRequest",
    "RecordedRequest",
    "Redirect",
    "Reply",
    "Silent",
    "Stream",
    "sse",
]
