"""The OpenAI Responses API language model (``POST {base_url}/responses``), sync and async.

Only pure pieces live here and in the sibling modules (input conversion, tool preparation, response and stream
decoding); :class:`~ai_sdk_core.provider_utils.http_model.HttpLanguageModel` performs the I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ai_sdk_core.provider_utils import HttpTransport, ParseErrorHook, merge_headers
from ai_sdk_core.provider_utils.http_model import HttpLanguageModel, HttpRequest, PreparedCall, StreamDecoder
from ai_sdk_core.providers.openai.capabilities import openai_model_capabilities
from ai_sdk_core.providers.openai.responses.convert_input import ResponsesInputSettings, convert_to_responses_input
from ai_sdk_core.providers.openai.responses.prepare_tools import prepare_responses_tools
from ai_sdk_core.providers.openai.responses.response import parse_responses_response, response_metadata
from ai_sdk_core.providers.openai.responses.stream import ResponsesStreamDecoder
from ai_sdk_core.providers.openai_compatible.chat_model import build_url
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.providers.openai_compatible.strict_schema import fits_strict_json_schema
from ai_sdk_core.spec import (
    CallOptions,
    CallWarning,
    GenerateResult,
    RequestInfo,
    ResponseFormat,
    ResponseInfo,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai.responses.options import OpenAIResponsesOptions

__all__ = ["OpenAIResponsesConfig", "OpenAIResponsesLanguageModel"]

_ENCRYPTED_REASONING = "reasoning.encrypted_content"


@dataclass(slots=True, frozen=True)
class OpenAIResponsesConfig:
    """How to reach the Responses API: the same settings the chat model's config holds.

    ``base_url`` may be a callable resolved per request; ``headers`` is called per request, so the API key is
    resolved at call time. ``provider_options`` and ``provider_metadata`` are keyed ``"openai"``.
    """

    provider: str
    base_url: str | Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    query_params: Mapping[str, str] | None = None
    parse_error: ParseErrorHook = parse_openai_compatible_error
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]] = field(default_factory=dict)
    credential_headers: frozenset[str] = frozenset({"authorization"})


def _text_settings(
    response_format: ResponseFormat | None, provider_options: OpenAIResponsesOptions
) -> dict[str, Any] | None:
    text: dict[str, Any] = {}
    if response_format is not None and response_format.type == "json":
        if response_format.schema is None:
            text["format"] = {"type": "json_object"}
        else:
            text_format: dict[str, Any] = {
                "type": "json_schema",
                "name": response_format.name or "response",
                "schema": response_format.schema,
                # An explicit choice wins; by default strict only where the schema meets strict mode's rules.
                "strict": provider_options.strict_json_schema
                if provider_options.strict_json_schema is not None
                else fits_strict_json_schema(response_format.schema),
            }
            if response_format.description is not None:
                text_format["description"] = response_format.description
            text["format"] = text_format
    if provider_options.text_verbosity is not None:
        text["verbosity"] = provider_options.text_verbosity
    return text or None


def _unsupported_settings(options: CallOptions) -> list[CallWarning]:
    settings = {
        "top_k": options.top_k,
        "seed": options.seed,
        "presence_penalty": options.presence_penalty,
        "frequency_penalty": options.frequency_penalty,
        "stop_sequences": options.stop_sequences,
    }
    return [CallWarning(type="unsupported", feature=name) for name, value in settings.items() if value is not None]


class OpenAIResponsesLanguageModel(HttpLanguageModel):
    """A Responses API model. Usually from the OpenAI provider; built directly it takes a config::

        model = OpenAIResponsesLanguageModel("gpt-5-mini", OpenAIResponsesConfig(provider="openai.responses", ...))
        result = model.do_generate(CallOptions(prompt=[...]))

    Content parts carry ``provider_metadata["openai"]["item_id"]`` (and reasoning parts
    ``reasoning_encrypted_content``); the core sends them back, so the next request references the same items.
    """

    def __init__(self, model_id: str, config: OpenAIResponsesConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.supported_urls = config.supported_urls

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_body(
        self, options: CallOptions, *, stream: bool
    ) -> tuple[dict[str, Any], list[CallWarning], dict[str, str]]:
        """The JSON body, the warnings, and built-in tool type -> tool name (pure: no I/O)."""
        from ai_sdk_core.providers.openai.responses.options import OpenAIResponsesOptions  # pydantic: on first use
        from ai_sdk_core.providers.openai_compatible.options import parse_provider_options

        openai_options = parse_provider_options(options.provider_options, "openai", OpenAIResponsesOptions)
        capabilities = openai_model_capabilities(self.model_id)
        is_reasoning_model = (
            openai_options.force_reasoning
            if openai_options.force_reasoning is not None
            else capabilities.is_reasoning_model
        )
        warnings = _unsupported_settings(options)
        store = openai_options.store is not False
        input_items, input_warnings = convert_to_responses_input(
            options.prompt,
            ResponsesInputSettings(
                system_message_mode=openai_options.system_message_mode
                or ("developer" if is_reasoning_model else "system"),
                store=store,
            ),
        )
        warnings += input_warnings
        tools = prepare_responses_tools(options.tools, options.tool_choice)
        warnings += tools.warnings

        effort = openai_options.reasoning_effort
        # "none" is a setting only GPT-5.1 and later know; elsewhere leaving reasoning out means the same.
        if (
            effort is None
            and options.reasoning is not None
            and (options.reasoning != "none" or capabilities.supports_non_reasoning_parameters)
        ):
            effort = options.reasoning  # type: ignore[assignment]
        reasoning: dict[str, Any] | None = None
        if effort is not None or openai_options.reasoning_summary is not None:
            if is_reasoning_model:
                reasoning = {"effort": effort, "summary": openai_options.reasoning_summary}
                reasoning = {key: value for key, value in reasoning.items() if value is not None}
            else:
                warnings.append(CallWarning(type="unsupported", feature="reasoning", details="not a reasoning model"))
        temperature, top_p = options.temperature, options.top_p
        sampling_allowed = effort == "none" and capabilities.supports_non_reasoning_parameters
        if is_reasoning_model and not sampling_allowed:
            for name, value in (("temperature", temperature), ("top_p", top_p)):
                if value is not None:
                    warnings.append(
                        CallWarning(type="unsupported", feature=name, details="not supported for reasoning models")
                    )
            temperature = top_p = None

        include = list(openai_options.include or [])
        if not store and is_reasoning_model and _ENCRYPTED_REASONING not in include:
            # Without stored items, reasoning can only be sent back with its encrypted content.
            include.append(_ENCRYPTED_REASONING)

        body: dict[str, Any] = {
            "model": self.model_id,
            "input": input_items,
            "instructions": openai_options.instructions,
            "temperature": temperature,
            "top_p": top_p,
            "max_output_tokens": options.max_output_tokens,
            "text": _text_settings(options.response_format, openai_options),
            "reasoning": reasoning,
            "tools": tools.tools,
            "tool_choice": tools.tool_choice,
            "parallel_tool_calls": openai_options.parallel_tool_calls,
            "max_tool_calls": openai_options.max_tool_calls,
            "include": include or None,
            "previous_response_id": openai_options.previous_response_id,
            "store": openai_options.store,
            "metadata": openai_options.metadata,
            "user": openai_options.user,
            "safety_identifier": openai_options.safety_identifier,
            "prompt_cache_key": openai_options.prompt_cache_key,
            "service_tier": openai_options.service_tier,
            "truncation": openai_options.truncation,
            "stream": True if stream else None,
        }
        return {key: value for key, value in body.items() if value is not None}, warnings, tools.tool_names

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        """Hook of :class:`HttpLanguageModel`: the HTTP request for one call."""
        body, warnings, tool_names = self.build_body(options, stream=stream)
        request = HttpRequest(
            url=build_url(self.config.base_url, "/responses", self.config.query_params),
            body=body,
            headers=merge_headers(self.config.headers(), options.headers),
            credential_headers=self.config.credential_headers,
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=warnings, options=options, context={"tool_names": tool_names})

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Hook of :class:`HttpLanguageModel`: decode a whole response."""
        parsed = parse_responses_response(body, tool_names=call.context.get("tool_names", {}))
        response_id, timestamp, model_id = response_metadata(body)
        return GenerateResult(
            content=parsed.content,
            finish_reason=parsed.finish_reason,
            usage=parsed.usage,
            provider_metadata=parsed.provider_metadata,
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(
                id=response_id, timestamp=timestamp, model_id=model_id, headers=response.headers, body=body
            ),
            warnings=tuple(call.warnings),
        )

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """Hook of :class:`HttpLanguageModel`: a fresh decoder for one stream."""
        return ResponsesStreamDecoder(
            tool_names=call.context.get("tool_names", {}),
            include_raw_chunks=isinstance(call.options, CallOptions) and call.options.include_raw_chunks,
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook of :class:`HttpLanguageModel`: OpenAI's message from an error body."""
        return self.config.parse_error(status_code, headers, body_text)
