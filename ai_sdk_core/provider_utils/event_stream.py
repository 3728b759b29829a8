"""Server-sent events decoding (WHATWG rules). INTERFACE STUB: filled in by the provider_utils work."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ServerSentEvent"]


@dataclass(slots=True)
class ServerSentEvent:
    """One event: ``event`` defaults to ``"message"``; ``data`` joins multi-line data with ``\\n``."""

    data: str
    event: str = "message"
    id: str | None = None
    retry: int | None = None
