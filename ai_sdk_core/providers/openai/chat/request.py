"""OpenAI's additions to the Chat Completions request body (the ``transform_request_body`` hook).

Reasoning models (o-series, GPT-5 family) take ``max_completion_tokens`` instead of ``max_tokens``, reject
sampling settings, and want system messages in the ``developer`` role; the rest are OpenAI-only options
passed through from ``provider_options["openai"]``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ai_sdk_core.providers.openai.capabilities import OpenAIModelCapabilities, openai_model_capabilities
from ai_sdk_core.providers.openai_compatible.chat_model import ChatRequestContext
from ai_sdk_core.spec import CallWarning

__all__ = ["transform_openai_chat_body"]


@lru_cache(maxsize=128)
def _capabilities(model_id: str) -> OpenAIModelCapabilities:
    # A pure function of the id (a frozen value): worked out once per model, not on every call.
    return openai_model_capabilities(model_id)


def _drop(body: dict[str, Any], key: str, warning: CallWarning, warnings: list[CallWarning]) -> None:
    if body.pop(key, None) is not None:
        warnings.append(warning)


def _drop_for_reasoning(
    body: dict[str, Any], keys: tuple[str, ...], warnings: list[CallWarning], *, standard: bool
) -> None:
    # Standard call options are reported as "unsupported" features; OpenAI-only options as "other" notes.
    for key in keys:
        details = f"{key} is not supported for reasoning models"
        warning = (
            CallWarning(type="unsupported", feature=key, details=details)
            if standard
            else CallWarning(type="other", message=details)
        )
        _drop(body, key, warning, warnings)


def _apply_system_message_mode(body: dict[str, Any], mode: str, warnings: list[CallWarning]) -> None:
    if mode == "system":
        return
    messages: list[dict[str, Any]] = []
    for message in body.get("messages", []):
        if message.get("role") != "system":
            messages.append(message)
        elif mode == "developer":
            messages.append({**message, "role": "developer"})
        else:
            warnings.append(CallWarning(type="other", message="system messages are removed for this model"))
    body["messages"] = messages


def _apply_reasoning_limits(
    body: dict[str, Any], *, reasoning_effort: str | None, allows_sampling: bool, warnings: list[CallWarning]
) -> None:
    # GPT-5.1 and later take sampling settings again when reasoning is switched off.
    if reasoning_effort != "none" or not allows_sampling:
        _drop_for_reasoning(body, ("temperature", "top_p"), warnings, standard=True)
        _drop_for_reasoning(body, ("logprobs",), warnings, standard=False)
    _drop_for_reasoning(body, ("frequency_penalty", "presence_penalty"), warnings, standard=True)
    _drop_for_reasoning(body, ("logit_bias", "top_logprobs"), warnings, standard=False)
    max_tokens = body.pop("max_tokens", None)
    if max_tokens is not None and body.get("max_completion_tokens") is None:
        body["max_completion_tokens"] = max_tokens


def transform_openai_chat_body(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """Add OpenAI's options to ``body`` and strip what the model cannot take, warning for each setting dropped."""
    from ai_sdk_core.providers.openai.chat.options import OpenAIChatOptions  # loaded by the model already

    options = context.provider_options
    if not isinstance(options, OpenAIChatOptions):  # the OpenAI config always validates with OpenAIChatOptions
        return body
    warnings = context.warnings
    capabilities = _capabilities(context.model_id)
    is_reasoning_model = (
        options.force_reasoning if options.force_reasoning is not None else capabilities.is_reasoning_model
    )
    # OpenAI accepts "none" (GPT-5.1+), which the generic base leaves out.
    reasoning_effort = options.reasoning_effort or context.options.reasoning
    if not is_reasoning_model and options.reasoning_effort is None and reasoning_effort is not None:
        # The neutral setting is meant to work with any model: a model that cannot reason ignores it (with a
        # warning) rather than failing with a 400. An explicit provider option is still sent as asked.
        if reasoning_effort != "none":
            warnings.append(
                CallWarning(
                    type="unsupported",
                    feature="reasoning",
                    details=f"{context.model_id} is not a reasoning model (set force_reasoning if it is one)",
                )
            )
        reasoning_effort = None
    logprobs = options.logprobs
    body.update(
        {
            "reasoning_effort": reasoning_effort,
            "logit_bias": options.logit_bias,
            # bool before int: True is an int in Python, and means "no alternatives" here.
            "logprobs": True if logprobs is True or (type(logprobs) is int) else None,
            "top_logprobs": logprobs if type(logprobs) is int else (0 if logprobs is True else None),
            "parallel_tool_calls": options.parallel_tool_calls,
            "max_completion_tokens": options.max_completion_tokens,
            "store": options.store,
            "metadata": options.metadata,
            "prediction": options.prediction,
            "service_tier": options.service_tier,
            "prompt_cache_key": options.prompt_cache_key,
            "safety_identifier": options.safety_identifier,
        }
    )
    mode = options.system_message_mode or ("developer" if is_reasoning_model else "system")
    _apply_system_message_mode(body, mode, warnings)
    response_format = body.get("response_format")
    if options.structured_outputs is False and response_format and response_format.get("type") == "json_schema":
        body["response_format"] = {"type": "json_object"}
        warnings.append(
            CallWarning(
                type="unsupported",
                feature="response_format",
                details="JSON response format schema is only supported with structured outputs",
            )
        )
    if is_reasoning_model:
        _apply_reasoning_limits(
            body,
            reasoning_effort=reasoning_effort,
            allows_sampling=capabilities.supports_non_reasoning_parameters,
            warnings=warnings,
        )
    elif context.model_id.startswith(("gpt-4o-search-preview", "gpt-4o-mini-search-preview")):
        _drop(
            body,
            "temperature",
            CallWarning(
                type="unsupported",
                feature="temperature",
                details="temperature is not supported for the search preview models and has been removed.",
            ),
            warnings,
        )
    if options.service_tier == "flex" and not capabilities.supports_flex_processing:
        body.pop("service_tier", None)
        warnings.append(
            CallWarning(
                type="unsupported",
                feature="service_tier",
                details="flex processing is only available for o3, o4-mini, and gpt-5 models",
            )
        )
    elif options.service_tier == "priority" and not capabilities.supports_priority_processing:
        body.pop("service_tier", None)
        warnings.append(
            CallWarning(
                type="unsupported",
                feature="service_tier",
                details="priority processing is only available for gpt-4, gpt-5 (not nano), o3 and o4-mini models",
            )
        )
    return body
