"""Small types shared by every model kind: JSON values, provider metadata and options, warnings, HTTP info."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeAlias

__all__ = [
    "CallWarning",
    "JSONValue",
    "ProviderMetadata",
    "ProviderOptions",
    "RequestInfo",
    "ResponseInfo",
]

JSONValue: TypeAlias = bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None

# Keyed by provider name ("openai", "anthropic", ...), each value a JSON object that only that provider reads.
ProviderMetadata: TypeAlias = dict[str, dict[str, Any]]
ProviderOptions: TypeAlias = Mapping[str, Mapping[str, Any]]


@dataclass(slots=True, frozen=True)
class CallWarning:
    """Something the provider could not honour exactly (an unsupported setting, a tool it cannot use, ...).

    ``type`` is ``"unsupported"`` (``feature`` names it), ``"compatibility"`` (``feature`` was emulated) or
    ``"other"`` (``message`` says what).
    """

    type: Literal["unsupported", "compatibility", "other"]
    feature: str | None = None
    details: str | None = None
    message: str | None = None


@dataclass(slots=True)
class RequestInfo:
    """What was sent: ``body`` is the JSON body as a Python value (never headers: they may hold secrets)."""

    body: Any = None


@dataclass(slots=True)
class ResponseInfo:
    """What came back: response id, model id and timestamp as the provider reported them, headers, raw body."""

    id: str | None = None
    timestamp: datetime | None = None
    model_id: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
