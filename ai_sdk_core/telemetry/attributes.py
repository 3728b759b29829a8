"""Pure functions building span attributes: the AI SDK's ``ai.*`` names and the OpenTelemetry GenAI semantic
conventions (``gen_ai.*``). Nothing here imports OpenTelemetry; values are OpenTelemetry attribute values
(str, bool, int, float or a list of one of them), ``None`` values are dropped.

Headers, the request body and the provider metadata are never read, so neither an API key nor an
``Authorization`` header can end up in a span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content, TextContent, ToolCallContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.usage import Usage
from ai_sdk_core.telemetry.settings import TelemetrySettings

__all__ = [
    "AttributeValue",
    "Attributes",
    "base_attributes",
    "call_options_attributes",
    "clean_attributes",
    "operation_attributes",
    "response_attributes",
    "to_attribute_json",
    "usage_attributes",
]

AttributeValue = str | bool | int | float | Sequence[str] | Sequence[bool] | Sequence[int] | Sequence[float]
Attributes = dict[str, AttributeValue]

# Call settings recorded as ``ai.settings.<name>`` (camelCase, as the AI SDK names them) and, for the request
# parameters the GenAI conventions name, as ``gen_ai.request.<name>``.
_SETTINGS: tuple[tuple[str, str, str | None], ...] = (
    ("max_output_tokens", "maxOutputTokens", "gen_ai.request.max_tokens"),
    ("temperature", "temperature", "gen_ai.request.temperature"),
    ("top_p", "topP", "gen_ai.request.top_p"),
    ("top_k", "topK", "gen_ai.request.top_k"),
    ("presence_penalty", "presencePenalty", "gen_ai.request.presence_penalty"),
    ("frequency_penalty", "frequencyPenalty", "gen_ai.request.frequency_penalty"),
    ("stop_sequences", "stopSequences", "gen_ai.request.stop_sequences"),
    ("seed", "seed", "gen_ai.request.seed"),
    ("reasoning", "reasoning", None),
)


def to_attribute_json(value: Any) -> str:
    """``value`` as compact JSON (dataclasses and pydantic models included, bytes as base64, anything else
    by ``str``): span attributes hold only primitives."""
    from pydantic_core import to_json

    return to_json(value, bytes_mode="base64", serialize_unknown=True, fallback=str).decode()


def _attribute_value(value: Any) -> AttributeValue | None:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Sequence) and all(isinstance(item, str) for item in value):
        return list(value)
    return to_attribute_json(value)


def clean_attributes(attributes: Mapping[str, Any]) -> Attributes:
    """Drop ``None`` values and turn anything not primitive into JSON."""
    cleaned: Attributes = {}
    for key, value in attributes.items():
        converted = _attribute_value(value)
        if converted is not None:
            cleaned[key] = converted
    return cleaned


def operation_attributes(operation_id: str, telemetry: TelemetrySettings) -> Attributes:
    """``operation.name`` (with the function id, as the AI SDK does), ``ai.operationId`` and the function id."""
    function_id = telemetry.function_id
    attributes: dict[str, Any] = {
        "operation.name": f"{operation_id} {function_id}" if function_id else operation_id,
        "ai.operationId": operation_id,
        "resource.name": function_id,
        "ai.telemetry.functionId": function_id,
    }
    return clean_attributes(attributes)


def base_attributes(
    *,
    provider: str,
    model_id: str,
    call_settings: Mapping[str, Any],
    max_retries: int | None,
    telemetry: TelemetrySettings,
) -> Attributes:
    """Model, call settings (``ai.settings.*``) and the caller's metadata (``ai.telemetry.metadata.*``)."""
    attributes: dict[str, Any] = {"ai.model.provider": provider, "ai.model.id": model_id}
    for name, camel, _ in _SETTINGS:
        attributes[f"ai.settings.{camel}"] = call_settings.get(name)
    attributes["ai.settings.maxRetries"] = max_retries
    for key, value in telemetry.metadata.items():
        attributes[f"ai.telemetry.metadata.{key}"] = value
    return clean_attributes(attributes)


def call_options_attributes(options: CallOptions, *, provider: str, model_id: str, record_inputs: bool) -> Attributes:
    """The inner (per model call) span's request attributes: GenAI request parameters always, the prompt,
    tools and tool choice only with ``record_inputs``. ``options.headers`` is never read."""
    attributes: dict[str, Any] = {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": provider,
        "gen_ai.provider.name": provider,
        "gen_ai.request.model": model_id,
    }
    for name, camel, gen_ai_name in _SETTINGS:
        value = getattr(options, name)
        attributes[f"ai.settings.{camel}"] = value
        if gen_ai_name is not None:
            attributes[gen_ai_name] = value
    if record_inputs:
        attributes["ai.prompt.messages"] = to_attribute_json(options.prompt)
        if options.tools:
            attributes["ai.prompt.tools"] = [to_attribute_json(definition) for definition in options.tools]
        if options.tool_choice is not None:
            attributes["ai.prompt.toolChoice"] = to_attribute_json(options.tool_choice)
    return clean_attributes(attributes)


def usage_attributes(usage: Usage) -> Attributes:
    """Token counts as ``ai.usage.*`` and ``gen_ai.usage.*``."""
    inputs, outputs = usage.input_tokens.total, usage.output_tokens.total
    total = inputs + outputs if inputs is not None and outputs is not None else None
    return clean_attributes(
        {
            "ai.usage.inputTokens": inputs,
            "ai.usage.outputTokens": outputs,
            "ai.usage.totalTokens": total,
            "ai.usage.reasoningTokens": usage.output_tokens.reasoning,
            "ai.usage.cachedInputTokens": usage.input_tokens.cache_read,
            "gen_ai.usage.input_tokens": inputs,
            "gen_ai.usage.output_tokens": outputs,
        }
    )


def _tool_calls_json(calls: Iterable[ToolCallContent]) -> str | None:
    listed = [
        {"toolCallId": call.tool_call_id, "toolName": call.tool_name, "input": call.input}
        for call in calls
        if not call.provider_executed
    ]
    return to_attribute_json(listed) if listed else None


def response_attributes(
    *,
    content: Sequence[Content],
    finish_reason: FinishReason | None,
    usage: Usage | None,
    response_id: str | None,
    response_model_id: str | None,
    timestamp: Any,
    record_outputs: bool,
) -> Attributes:
    """The inner span's response attributes; text and tool calls only with ``record_outputs``."""
    attributes: dict[str, Any] = {
        "ai.response.id": response_id,
        "ai.response.model": response_model_id,
        "ai.response.timestamp": timestamp.isoformat() if timestamp is not None else None,
        "gen_ai.response.id": response_id,
        "gen_ai.response.model": response_model_id,
    }
    if finish_reason is not None:
        attributes["ai.response.finishReason"] = finish_reason.unified
        attributes["gen_ai.response.finish_reasons"] = [finish_reason.unified]
    if record_outputs:
        texts = [part.text for part in content if isinstance(part, TextContent)]
        attributes["ai.response.text"] = "".join(texts) if texts else None
        attributes["ai.response.toolCalls"] = _tool_calls_json(
            part for part in content if isinstance(part, ToolCallContent)
        )
    cleaned = clean_attributes(attributes)
    if usage is not None:
        cleaned.update(usage_attributes(usage))
    return cleaned
