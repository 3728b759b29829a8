"""OpenTelemetry tracing of ``generate_text``/``stream_text`` (and their async twins), off by default.

Enable it per call with ``experimental_telemetry={"is_enabled": True}`` (or a :class:`TelemetrySettings`).
Spans follow the AI SDK (``ai.generateText`` with ``ai.generateText.doGenerate`` per model call,
``ai.streamText`` with ``ai.streamText.doStream``, ``ai.toolCall`` per tool execution) with its ``ai.*``
attributes and the OpenTelemetry GenAI semantic conventions' ``gen_ai.*`` attributes. Only
``opentelemetry-api`` is needed (the ``otel`` extra), imported only when a call enables telemetry; without a
configured tracer provider the spans are no-ops. Headers and API keys are never recorded.
"""

from __future__ import annotations

from ai_sdk_core.telemetry.model import TelemetryLanguageModel
from ai_sdk_core.telemetry.run import RunTelemetry, instrument_run
from ai_sdk_core.telemetry.settings import TelemetryArgument, TelemetrySettings, resolve_telemetry_settings

__all__ = [
    "RunTelemetry",
    "TelemetryArgument",
    "TelemetryLanguageModel",
    "TelemetrySettings",
    "instrument_run",
    "resolve_telemetry_settings",
]
