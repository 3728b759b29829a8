"""What ``experimental_telemetry=`` accepts: a :class:`TelemetrySettings` or the same fields as a dict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.spec.errors import InvalidArgumentError

__all__ = ["TelemetryArgument", "TelemetrySettings", "resolve_telemetry_settings"]


@dataclass(slots=True, frozen=True)
class TelemetrySettings:
    """OpenTelemetry tracing of one call (off unless ``is_enabled``).

    ``record_inputs``/``record_outputs`` (both on by default) say whether prompts, tool arguments, generated
    text and tool results go into span attributes. ``function_id`` names the calling function
    (``ai.telemetry.functionId``); ``metadata`` becomes ``ai.telemetry.metadata.<key>`` attributes. ``tracer``
    is an OpenTelemetry ``Tracer`` (default: the global tracer provider's ``"ai"`` tracer). Headers and API keys
    are never recorded.
    """

    is_enabled: bool = False
    record_inputs: bool = True
    record_outputs: bool = True
    function_id: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    tracer: Any = None


TelemetryArgument = TelemetrySettings | Mapping[str, Any] | None

_KEYS = frozenset({"is_enabled", "record_inputs", "record_outputs", "function_id", "metadata", "tracer"})


def resolve_telemetry_settings(value: TelemetryArgument) -> TelemetrySettings | None:
    """The enabled settings, or ``None`` when telemetry is off (not given, or ``is_enabled`` false)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - _KEYS)
        if unknown:
            raise InvalidArgumentError(
                f"unknown keys {', '.join(unknown)}; expected some of {', '.join(sorted(_KEYS))}",
                argument="experimental_telemetry",
                value=dict(value),
            )
        value = TelemetrySettings(**value)
    if not isinstance(value, TelemetrySettings):
        raise InvalidArgumentError(
            "expected a TelemetrySettings or a dict like {'is_enabled': True}",
            argument="experimental_telemetry",
            value=value,
        )
    return value if value.is_enabled else None
