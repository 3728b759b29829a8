"""The Messages API language model (``POST {base_url}/messages``), sync and async.

The class only assembles pure pieces (prompt conversion, tool preparation, response and stream decoding) and
hands the request to :class:`~ai_sdk_core.provider_utils.http_model.HttpLanguageModel`, which does the I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ai_sdk_core.provider_utils.http import HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_model import HttpLanguageModel, HttpRequest, PreparedCall, StreamDecoder
from ai_sdk_core.providers.anthropic.convert_messages import convert_to_anthropic_messages
from ai_sdk_core.providers.anthropic.prepare_tools import prepare_anthropic_tools
from ai_sdk_core.providers.anthropic.response import (
    JSON_TOOL_NAME,
    DecodeContext,
    anthropic_metadata,
    convert_anthropic_usage,
    decode_content_blocks,
    map_anthropic_stop_reason,
    parse_anthropic_error,
)
from ai_sdk_core.providers.anthropic.stream import AnthropicStreamDecoder
from ai_sdk_core.spec import (
    CallOptions,
    CallWarning,
    FunctionTool,
    GenerateResult,
    InvalidResponseDataError,
    RequestInfo,
    ResponseInfo,
    ToolChoice,
    ToolDefinition,
    UnsupportedFunctionalityError,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.anthropic.options import AnthropicOptions  # pydantic: loaded on first use

__all__ = [
    "AnthropicMessagesConfig",
    "AnthropicMessagesLanguageModel",
    "MessagesRequest",
    "ModelCapabilities",
    "model_capabilities",
]

_DECODE_CONTEXT: Final = "anthropic.decode"


@dataclass(slots=True, frozen=True)
class ModelCapabilities:
    """What the request builder must know of a model: its output-token ceiling (the ``max_tokens`` default)
    and whether it takes a native JSON schema output format."""

    max_output_tokens: int
    structured_output: bool
    known: bool = True


# Most specific first: the first family contained in the model id wins.
_CAPABILITIES: Final[tuple[tuple[str, ModelCapabilities], ...]] = (
    ("claude-opus-4-6", ModelCapabilities(128000, True)),
    ("claude-sonnet-4-6", ModelCapabilities(128000, True)),
    ("claude-sonnet-4-5", ModelCapabilities(64000, True)),
    ("claude-opus-4-5", ModelCapabilities(64000, True)),
    ("claude-haiku-4-5", ModelCapabilities(64000, True)),
    ("claude-opus-4-1", ModelCapabilities(32000, True)),
    ("claude-sonnet-4", ModelCapabilities(64000, False)),
    ("claude-opus-4", ModelCapabilities(32000, False)),
    ("claude-3-7-sonnet", ModelCapabilities(64000, False)),
    ("claude-3-5", ModelCapabilities(8192, False)),
    ("claude-3", ModelCapabilities(4096, False)),
)
_UNKNOWN_MODEL: Final = ModelCapabilities(4096, False, known=False)


def model_capabilities(model_id: str) -> ModelCapabilities:
    """The capabilities of ``model_id`` (an unknown model gets a conservative 4096-token ceiling).

    >>> model_capabilities("claude-sonnet-4-5-20250929").max_output_tokens
    64000
    """
    for family, capabilities in _CAPABILITIES:
        if family in model_id:
            return capabilities
    return _UNKNOWN_MODEL


@dataclass(slots=True, frozen=True)
class AnthropicMessagesConfig:
    """How to reach the API: ``base_url`` and ``headers`` are callables resolved per request (so the API key
    is read at call time and never stored in a header dict)."""

    provider: str
    base_url: Callable[[], str]
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]]


@dataclass(slots=True)
class MessagesRequest:
    """A built Messages API call: its body, warnings, beta flags, and what decoding its answer needs."""

    body: dict[str, Any]
    warnings: list[CallWarning]
    betas: set[str]
    context: DecodeContext


def _unsupported(feature: str, details: str | None = None) -> CallWarning:
    return CallWarning(type="unsupported", feature=feature, details=details)


# Share of the model's output ceiling given to thinking for each neutral reasoning level (as the AI SDK does).
_REASONING_BUDGET_SHARES: Final = {"minimal": 0.02, "low": 0.1, "medium": 0.3, "high": 0.6, "xhigh": 0.9}
_MIN_THINKING_BUDGET: Final = 1024  # the smallest budget the API accepts


def _thinking(
    anthropic: AnthropicOptions, reasoning: str | None, capabilities: ModelCapabilities, warnings: list[CallWarning]
) -> dict[str, Any] | None:
    """The ``thinking`` object: from the provider options, else from the neutral ``reasoning`` level."""
    if anthropic.thinking is not None:
        if anthropic.thinking.type == "disabled":
            return {"type": "disabled"}
        if anthropic.thinking.budget_tokens is None:
            raise UnsupportedFunctionalityError("thinking without budget_tokens", "Thinking needs budget_tokens.")
        budget = anthropic.thinking.budget_tokens
        if budget < _MIN_THINKING_BUDGET:
            details = f"budget_tokens {budget} raised to the API minimum of {_MIN_THINKING_BUDGET}."
            warnings.append(CallWarning(type="compatibility", feature="thinking.budget_tokens", details=details))
            budget = _MIN_THINKING_BUDGET
        return {"type": "enabled", "budget_tokens": budget}
    if reasoning is None:
        return None
    if reasoning == "none":
        return {"type": "disabled"}
    share = _REASONING_BUDGET_SHARES.get(reasoning)
    if share is None:
        warnings.append(_unsupported("reasoning", f"reasoning {reasoning!r} is not supported by this model."))
        return None
    ceiling = capabilities.max_output_tokens
    return {"type": "enabled", "budget_tokens": min(ceiling, max(_MIN_THINKING_BUDGET, round(ceiling * share)))}


def _without_none(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if value is not None}


class AnthropicMessagesLanguageModel(HttpLanguageModel):
    """A Claude model over the Messages API. Usually obtained as ``anthropic("claude-sonnet-4-5")``."""

    def __init__(self, model_id: str, config: AnthropicMessagesConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.supported_urls = config.supported_urls

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_body(self, options: CallOptions, *, stream: bool) -> MessagesRequest:
        """The JSON body, warnings, ``anthropic-beta`` flags and decode context for ``options`` (pure: no I/O)."""
        from ai_sdk_core.providers.anthropic.options import parse_anthropic_options  # pydantic: on first use

        anthropic = parse_anthropic_options(options.provider_options)
        capabilities = model_capabilities(self.model_id)
        warnings: list[CallWarning] = []
        for feature, value in (
            ("frequency_penalty", options.frequency_penalty),
            ("presence_penalty", options.presence_penalty),
            ("seed", options.seed),
        ):
            if value is not None:
                warnings.append(_unsupported(feature))

        response_format = options.response_format
        json_schema = None
        if response_format is not None and response_format.type == "json":
            if response_format.schema is None:
                warnings.append(_unsupported("response_format", "JSON output needs a schema; the format is ignored."))
            else:
                json_schema = response_format.schema
        mode = anthropic.structured_output_mode
        native_json = json_schema is not None and (
            mode == "output_format" or (mode == "auto" and capabilities.structured_output)
        )
        json_tool = json_schema is not None and not native_json

        prompt = convert_to_anthropic_messages(options.prompt, send_reasoning=anthropic.send_reasoning)
        warnings.extend(prompt.warnings)

        max_tokens = options.max_output_tokens
        if max_tokens is None:
            max_tokens = capabilities.max_output_tokens
            if not capabilities.known:
                details = f"Unknown model: max_tokens set to {max_tokens}; pass max_output_tokens to change it."
                warnings.append(CallWarning(type="compatibility", feature="max_output_tokens", details=details))
        body: dict[str, Any] = {
            "model": self.model_id,
            "max_tokens": max_tokens,
            "temperature": options.temperature,
            "top_k": options.top_k,
            "top_p": options.top_p,
            "stop_sequences": list(options.stop_sequences) if options.stop_sequences else None,
            "system": prompt.system,
            "messages": prompt.messages,
        }
        thinking = _thinking(anthropic, options.reasoning, capabilities, warnings)
        if thinking is not None and thinking["type"] == "enabled" and json_tool:
            # Thinking only allows tool_choice auto/none, so the forced json tool cannot run with it.
            if capabilities.structured_output:
                native_json, json_tool = True, False
                details = "The json tool cannot be forced while thinking; the native output format is used instead."
                warnings.append(CallWarning(type="compatibility", feature="structured_output_mode", details=details))
            else:
                thinking = None
                details = "Thinking is disabled for this call: structured output needs a forced tool call."
                warnings.append(_unsupported("thinking", details))
        if thinking is not None:
            body["thinking"] = thinking
        if thinking is not None and thinking["type"] == "enabled":
            for key in ("temperature", "top_k", "top_p"):
                if body[key] is not None:
                    body[key] = None
                    warnings.append(_unsupported(key, f"{key} is not supported when thinking is enabled"))
            # Thinking counts against max_tokens: the budget comes on top of the answer's own tokens.
            body["max_tokens"] = max_tokens + thinking["budget_tokens"]
        if capabilities.known and body["max_tokens"] > capabilities.max_output_tokens:
            if options.max_output_tokens is not None:
                details = f"max_tokens limited to {self.model_id}'s {capabilities.max_output_tokens}."
                warnings.append(_unsupported("max_output_tokens", details))
            body["max_tokens"] = capabilities.max_output_tokens
        if thinking is not None and thinking["type"] == "enabled" and thinking["budget_tokens"] >= body["max_tokens"]:
            # The API requires budget_tokens < max_tokens: keep at least one token for the answer.
            budget = body["max_tokens"] - 1
            details = f"budget_tokens {thinking['budget_tokens']} reduced to {budget} to stay below max_tokens."
            warnings.append(CallWarning(type="compatibility", feature="thinking.budget_tokens", details=details))
            thinking["budget_tokens"] = budget
        if native_json:
            body["output_config"] = {"format": {"type": "json_schema", "schema": json_schema}}

        tools: Sequence[ToolDefinition] | None = options.tools
        tool_choice = options.tool_choice
        if (
            thinking is not None
            and thinking["type"] == "enabled"
            and tool_choice is not None
            and tool_choice.type in ("required", "tool")
        ):
            # With thinking on, the API only accepts tool_choice auto or none.
            details = f"tool_choice {tool_choice.type!r} is not supported with thinking; 'auto' is sent instead."
            warnings.append(_unsupported("tool_choice", details))
            tool_choice = ToolChoice("auto")
        disable_parallel = anthropic.disable_parallel_tool_use
        if json_tool:
            assert json_schema is not None
            # The answer is the input of a forced tool call: one call, no other tool.
            tools = [*(options.tools or ()), FunctionTool(JSON_TOOL_NAME, json_schema, "Respond with a JSON object.")]
            tool_choice = ToolChoice("required")
            disable_parallel = True
        prepared = prepare_anthropic_tools(tools, tool_choice, disable_parallel_tool_use=disable_parallel)
        warnings.extend(prepared.warnings)
        body["tools"] = prepared.tools
        body["tool_choice"] = prepared.tool_choice
        if stream:
            body["stream"] = True
        return MessagesRequest(
            body=_without_none(body),
            warnings=warnings,
            betas=prompt.betas | prepared.betas | set(anthropic.anthropic_beta or ()),
            context=DecodeContext(json_tool=json_tool, documents=tuple(prompt.documents)),
        )

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        """Hook of :class:`HttpLanguageModel`: the HTTP request for one call."""
        built = self.build_body(options, stream=stream)
        beta_header = {"anthropic-beta": ",".join(sorted(built.betas))} if built.betas else None
        request = HttpRequest(
            url=self.config.base_url() + "/messages",
            body=built.body,
            headers=merge_headers(self.config.headers(), beta_header, options.headers),
            credential_headers=frozenset({"authorization", "x-api-key"}),
            timeout=options.timeout,
        )
        return PreparedCall(
            request=request, warnings=built.warnings, options=options, context={_DECODE_CONTEXT: built.context}
        )

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Hook of :class:`HttpLanguageModel`: decode a whole response."""
        context: DecodeContext = call.context[_DECODE_CONTEXT]
        if not isinstance(body, Mapping) or not isinstance(body.get("content"), list):
            raise InvalidResponseDataError("The Messages API answer has no `content` list.", data=body)
        message = body
        return GenerateResult(
            content=decode_content_blocks(message.get("content"), context),
            finish_reason=map_anthropic_stop_reason(message.get("stop_reason"), json_tool=context.json_tool),
            usage=convert_anthropic_usage(message.get("usage")),
            provider_metadata=anthropic_metadata(
                message.get("usage"), message.get("stop_sequence"), message.get("container")
            ),
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(
                id=message.get("id"),
                model_id=message.get("model"),
                headers=response.headers,
                body=body,
            ),
            warnings=tuple(call.warnings),
        )

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """Hook of :class:`HttpLanguageModel`: a fresh decoder for one stream."""
        return AnthropicStreamDecoder(
            context=call.context[_DECODE_CONTEXT],
            include_raw_chunks=isinstance(call.options, CallOptions) and call.options.include_raw_chunks,
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook of :class:`HttpLanguageModel`: the message of ``{"type": "error", "error": {...}}``."""
        return parse_anthropic_error(status_code, headers, body_text)
