"""The Chat Completions language model shared by OpenAI and every OpenAI-compatible vendor.

The model class only assembles pure pieces (message conversion, tool preparation, response and stream
decoding) and hands the request to :class:`~ai_sdk_core.provider_utils.http_model.HttpLanguageModel`, which
performs the I/O for both ``do_*`` and ``ado_*`` methods. Vendor differences are hooks in
:class:`OpenAICompatibleChatConfig`, never subclasses overriding private helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urlencode

from ai_sdk_core.provider_utils.http import HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
from ai_sdk_core.provider_utils.http_model import HttpLanguageModel, HttpRequest, PreparedCall, StreamDecoder
from ai_sdk_core.provider_utils.json_instruction import json_instruction
from ai_sdk_core.provider_utils.settings import without_trailing_slash
from ai_sdk_core.providers.openai_compatible.chat_response import (
    UsageConverter,
    get_response_metadata,
    parse_chat_response,
)
from ai_sdk_core.providers.openai_compatible.chat_stream import ChatStreamDecoder
from ai_sdk_core.providers.openai_compatible.convert_to_chat_messages import convert_to_chat_messages
from ai_sdk_core.providers.openai_compatible.errors import parse_openai_compatible_error
from ai_sdk_core.providers.openai_compatible.metadata_extractor import MetadataExtractor
from ai_sdk_core.providers.openai_compatible.prepare_tools import prepare_chat_tools
from ai_sdk_core.providers.openai_compatible.strict_schema import fits_strict_json_schema
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import (
    CallOptions,
    CallWarning,
    GenerateResult,
    RequestInfo,
    ResponseFormat,
    ResponseInfo,
)

if TYPE_CHECKING:
    # pydantic-backed; loaded by the first model (see _base_chat_options_model), not by importing this module.
    from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions

__all__ = [
    "ChatRequestContext",
    "OpenAICompatibleChatConfig",
    "OpenAICompatibleChatLanguageModel",
    "RequestBodyTransform",
    "build_url",
]


@dataclass(slots=True)
class ChatRequestContext:
    """What a request-body hook may look at: the call, its validated provider options, and the warnings so far
    (append to ``warnings`` to report a setting the vendor cannot honour)."""

    model_id: str
    options: CallOptions
    provider_options: OpenAICompatibleChatOptions
    warnings: list[CallWarning]
    stream: bool


RequestBodyTransform: TypeAlias = Callable[[dict[str, Any], ChatRequestContext], dict[str, Any]]
"""Rewrites the request body for a vendor's quirks; returns the body to send (keys set to ``None`` are dropped)."""


def _base_chat_options_model() -> type[OpenAICompatibleChatOptions]:
    # Importing pydantic and building the options models takes longer than importing httpx: it happens when the
    # first model is configured, so that importing a provider stays cheap.
    from ai_sdk_core.providers.openai_compatible.options import OpenAICompatibleChatOptions

    return OpenAICompatibleChatOptions


@dataclass(slots=True, frozen=True)
class OpenAICompatibleChatConfig:
    """How one vendor speaks Chat Completions.

    ``base_url`` may be a callable, resolved per request (OpenAI reads ``OPENAI_BASE_URL`` then). ``headers``
    is called per request too, so the API key is resolved at call time and never stored in a header dict.
    ``provider_options_name`` defaults to the part of ``provider`` before the first dot (``"groq.chat"`` ->
    ``"groq"``); it keys both ``provider_options`` and ``provider_metadata``.
    """

    provider: str
    base_url: str | Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    query_params: Mapping[str, str] | None = None
    provider_options_name: str | None = None
    include_usage: bool = False
    supports_structured_outputs: bool = False
    options_model: type[OpenAICompatibleChatOptions] = field(default_factory=_base_chat_options_model)
    transform_request_body: RequestBodyTransform | None = None
    metadata_extractor: MetadataExtractor | None = None
    convert_usage: UsageConverter = convert_openai_compatible_usage
    parse_error: ParseErrorHook = parse_openai_compatible_error
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]] = field(default_factory=dict)
    credential_headers: frozenset[str] = frozenset({"authorization"})

    @property
    def options_name(self) -> str:
        """The ``provider_options`` / ``provider_metadata`` key of this vendor."""
        return self.provider_options_name or self.provider.split(".", 1)[0].strip()


def build_url(base_url: str | Callable[[], str], path: str, query_params: Mapping[str, str] | None) -> str:
    """``base_url`` (no trailing slash) + ``path`` + the query string, if any.

    >>> build_url("https://api.example.com/v1/", "/chat/completions", {"api-version": "2025-01-01"})
    'https://api.example.com/v1/chat/completions?api-version=2025-01-01'
    """
    resolved = base_url() if callable(base_url) else base_url
    url = without_trailing_slash(resolved) + path
    return f"{url}?{urlencode(query_params)}" if query_params else url


def _strict_json_schema(requested: bool | None, response_format: ResponseFormat | None) -> bool:
    # An explicit choice wins; by default strict only where the schema meets strict mode's rules (else a 400).
    if requested is not None:
        return requested
    return response_format is not None and fits_strict_json_schema(response_format.schema)


def _response_format(
    response_format: ResponseFormat | None,
    *,
    supports_structured_outputs: bool,
    strict_json_schema: bool,
    warnings: list[CallWarning],
) -> dict[str, Any] | None:
    if response_format is None or response_format.type != "json":
        return None
    if response_format.schema is None:
        return {"type": "json_object"}
    if not supports_structured_outputs:
        warnings.append(
            CallWarning(
                type="compatibility",
                feature="response_format",
                details="this model takes no JSON schema: JSON mode is used and the schema is sent in the prompt",
            )
        )
        return {"type": "json_object"}
    json_schema: dict[str, Any] = {
        "schema": response_format.schema,
        "strict": strict_json_schema,
        "name": response_format.name or "response",
    }
    if response_format.description is not None:
        json_schema["description"] = response_format.description
    return {"type": "json_schema", "json_schema": json_schema}


def _with_json_instruction(
    messages: list[dict[str, Any]], response_format: ResponseFormat | None, supports_structured_outputs: bool
) -> list[dict[str, Any]]:
    # Without structured outputs the schema cannot go in response_format, so it goes in the prompt.
    if (
        response_format is None
        or response_format.type != "json"
        or response_format.schema is None
        or supports_structured_outputs
    ):
        return messages
    return [{"role": "system", "content": json_instruction(response_format.schema)}, *messages]


def _without_none(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if value is not None}


class OpenAICompatibleChatLanguageModel(HttpLanguageModel):
    """A Chat Completions model (``POST {base_url}/chat/completions``), sync and async.

    Usually obtained from a provider (``create_openai_compatible(...)("model-id")``); construct it directly
    only to wire a new vendor::

        model = OpenAICompatibleChatLanguageModel("llama-3.1-8b", OpenAICompatibleChatConfig(...))
        result = model.do_generate(CallOptions(prompt=[...]))
    """

    def __init__(self, model_id: str, config: OpenAICompatibleChatConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.supported_urls = config.supported_urls

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_body(self, options: CallOptions, *, stream: bool) -> tuple[dict[str, Any], list[CallWarning]]:
        """The JSON body for ``options`` and the warnings found building it (pure: no I/O)."""
        from ai_sdk_core.provider_utils.options import parse_provider_options  # pydantic: on first use

        config = self.config
        provider_options = parse_provider_options(options.provider_options, config.options_name, config.options_model)
        warnings: list[CallWarning] = []
        if options.top_k is not None:
            warnings.append(CallWarning(type="unsupported", feature="top_k"))
        messages, message_warnings = convert_to_chat_messages(options.prompt, provider_options_name=config.options_name)
        warnings.extend(message_warnings)
        tools = prepare_chat_tools(options.tools, options.tool_choice)
        warnings.extend(tools.warnings)
        reasoning_effort = provider_options.reasoning_effort
        if reasoning_effort is None and options.reasoning not in (None, "none"):
            reasoning_effort = options.reasoning
        body: dict[str, Any] = {
            "model": self.model_id,
            "user": provider_options.user,
            "max_tokens": options.max_output_tokens,
            "temperature": options.temperature,
            "top_p": options.top_p,
            "frequency_penalty": options.frequency_penalty,
            "presence_penalty": options.presence_penalty,
            "response_format": _response_format(
                options.response_format,
                supports_structured_outputs=config.supports_structured_outputs,
                strict_json_schema=_strict_json_schema(provider_options.strict_json_schema, options.response_format),
                warnings=warnings,
            ),
            "stop": list(options.stop_sequences) if options.stop_sequences else None,
            "seed": options.seed,
            "reasoning_effort": reasoning_effort,
            "verbosity": provider_options.text_verbosity,
            "messages": _with_json_instruction(messages, options.response_format, config.supports_structured_outputs),
            "tools": tools.tools,
            "tool_choice": tools.tool_choice,
        }
        if stream:
            body["stream"] = True
            if config.include_usage:
                body["stream_options"] = {"include_usage": True}
        body = _without_none(body)
        if config.transform_request_body is not None:
            context = ChatRequestContext(
                model_id=self.model_id,
                options=options,
                provider_options=provider_options,
                warnings=warnings,
                stream=stream,
            )
            body = _without_none(config.transform_request_body(body, context))
        return body, warnings

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        """Hook of :class:`HttpLanguageModel`: the HTTP request for one call."""
        body, warnings = self.build_body(options, stream=stream)
        request = HttpRequest(
            url=build_url(self.config.base_url, "/chat/completions", self.config.query_params),
            body=body,
            headers=merge_headers(self.config.headers(), options.headers),
            credential_headers=self.config.credential_headers,
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=warnings, options=options)

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Hook of :class:`HttpLanguageModel`: decode a whole response."""
        parsed = parse_chat_response(
            body,
            provider_options_name=self.config.options_name,
            convert_usage=self.config.convert_usage,
            metadata_extractor=self.config.metadata_extractor,
        )
        # parse_chat_response raised already if the body was not an object.
        response_id, timestamp, model_id = get_response_metadata(body)
        return GenerateResult(
            content=parsed.content,
            finish_reason=parsed.finish_reason,
            usage=parsed.usage,
            provider_metadata=parsed.provider_metadata,
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(
                id=response_id,
                timestamp=timestamp,
                model_id=model_id,
                headers=response.headers,
                body=body,
            ),
            warnings=tuple(call.warnings),
        )

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """Hook of :class:`HttpLanguageModel`: a fresh decoder for one stream."""
        extractor = self.config.metadata_extractor
        return ChatStreamDecoder(
            provider_options_name=self.config.options_name,
            include_raw_chunks=isinstance(call.options, CallOptions) and call.options.include_raw_chunks,
            convert_usage=self.config.convert_usage,
            metadata_extractor=extractor.create_stream_extractor() if extractor is not None else None,
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook of :class:`HttpLanguageModel`: the vendor's message from an error body."""
        return self.config.parse_error(status_code, headers, body_text)
