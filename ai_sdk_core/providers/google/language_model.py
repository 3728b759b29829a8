"""The Gemini language model over the Generative Language API (``generateContent`` and
``streamGenerateContent?alt=sse``).

Only request building and decoding live here, as pure pieces; :class:`HttpLanguageModel` does the sync and async
I/O, time budgets and the ``StreamStart`` part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from ai_sdk_core.provider_utils.http import HttpTransport, merge_headers
from ai_sdk_core.provider_utils.http_model import HttpLanguageModel, HttpRequest, PreparedCall, StreamDecoder
from ai_sdk_core.providers.google.convert_messages import convert_to_google_messages
from ai_sdk_core.providers.google.errors import parse_google_error
from ai_sdk_core.providers.google.prepare_tools import prepare_google_tools
from ai_sdk_core.providers.google.response import (
    JSON_RESPONSE_TOOL_NAME,
    IdGenerator,
    generate_id,
    parse_google_response,
)
from ai_sdk_core.providers.google.schema import convert_json_schema_to_openapi_schema
from ai_sdk_core.providers.google.stream import GoogleStreamDecoder
from ai_sdk_core.spec import (
    CallOptions,
    CallWarning,
    FunctionTool,
    GenerateResult,
    RequestInfo,
    ResponseInfo,
    ToolChoice,
    ToolDefinition,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.google.options import GoogleLanguageModelOptions

__all__ = [
    "GoogleGenerativeAIConfig",
    "GoogleGenerativeAILanguageModel",
    "json_response_tool_name",
    "model_path",
    "thinking_config_for",
    "uses_json_response_tool",
]

# CallOptions.reasoning (provider-neutral effort) to Gemini 3's thinkingLevel, and to a 2.5 thinkingBudget.
_THINKING_LEVELS: Final = {"none": "minimal", "minimal": "minimal", "low": "low", "medium": "medium", "high": "high"}
_THINKING_BUDGETS: Final = {"none": 0, "minimal": 512, "low": 1024, "medium": 8192, "high": 24576, "xhigh": 32768}


@dataclass(slots=True, frozen=True)
class GoogleGenerativeAIConfig:
    """What a Gemini model needs from its provider. ``headers`` is called per request (the key is read then)."""

    provider: str
    base_url: str
    headers: Callable[[], Mapping[str, str]]
    transport: HttpTransport
    new_id: IdGenerator = generate_id
    supported_urls: Mapping[str, Sequence[re.Pattern[str]]] = field(default_factory=dict)


def model_path(model_id: str) -> str:
    """``models/<id>``, unless the id already is a resource path (``tunedModels/...``).

    >>> model_path("gemini-2.5-flash"), model_path("tunedModels/my-model")
    ('models/gemini-2.5-flash', 'tunedModels/my-model')
    """
    return model_id if "/" in model_id else f"models/{model_id}"


@dataclass(slots=True, frozen=True)
class _ThinkingLimits:
    """What a model family accepts in ``thinkingConfig``: Gemini 3 takes one of ``levels``; 2.5 a budget in
    ``[min_budget, max_budget]`` (``0`` turns thinking off where ``can_disable``); ``levels`` and budget both
    ``None``: the model does not think at all."""

    levels: tuple[str, ...] | None = None
    min_budget: int | None = None
    max_budget: int | None = None
    can_disable: bool = True


_LEVEL_ORDER: Final = ("minimal", "low", "medium", "high")
# From Google's "Gemini thinking" documentation. Most specific first: the first family in the model id wins.
_THINKING_FAMILIES: Final[tuple[tuple[str, _ThinkingLimits], ...]] = (
    ("gemini-3.1-pro", _ThinkingLimits(levels=("low", "medium", "high"))),
    ("gemini-3-pro", _ThinkingLimits(levels=("low", "high"))),
    ("gemini-3", _ThinkingLimits(levels=_LEVEL_ORDER)),
    ("gemini-2.5-flash-lite", _ThinkingLimits(min_budget=512, max_budget=24576)),
    ("gemini-2.5-flash", _ThinkingLimits(min_budget=1, max_budget=24576)),
    ("gemini-2.5-pro", _ThinkingLimits(min_budget=128, max_budget=32768, can_disable=False)),
    ("gemini-2.0", _ThinkingLimits()),
    ("gemini-1.", _ThinkingLimits()),
)


def _thinking_limits(model_id: str) -> _ThinkingLimits | None:
    lowered = model_id.lower()
    for family, limits in _THINKING_FAMILIES:
        if family in lowered:
            return limits
    return None


def _clamp_warning(details: str) -> CallWarning:
    return CallWarning(type="compatibility", feature="reasoning", details=details)


def _thinking_level(reasoning: str, levels: tuple[str, ...], warnings: list[CallWarning]) -> dict[str, Any]:
    wanted = _THINKING_LEVELS.get(reasoning, "high")
    if wanted in levels:
        return {"thinkingLevel": wanted}
    # The nearest level at or above the wanted one, else the model's highest.
    above = [level for level in _LEVEL_ORDER[_LEVEL_ORDER.index(wanted) :] if level in levels]
    level = above[0] if above else levels[-1]
    warnings.append(_clamp_warning(f"reasoning {reasoning!r} sent as thinkingLevel {level!r}, the nearest supported."))
    return {"thinkingLevel": level}


def _thinking_budget(budget: int, reasoning: str, limits: _ThinkingLimits, warnings: list[CallWarning]) -> int:
    assert limits.min_budget is not None and limits.max_budget is not None
    if budget == 0:
        if limits.can_disable:
            return 0
        warnings.append(
            _clamp_warning(f"thinking cannot be turned off; the minimum budget {limits.min_budget} is sent.")
        )
        return limits.min_budget
    clamped = min(limits.max_budget, max(limits.min_budget, budget))
    if clamped != budget:
        warnings.append(_clamp_warning(f"reasoning {reasoning!r} budget {budget} limited to {clamped} for this model."))
    return clamped


def thinking_config_for(
    model_id: str, reasoning: str | None, warnings: list[CallWarning] | None = None
) -> dict[str, Any] | None:
    """The ``thinkingConfig`` for the neutral ``CallOptions.reasoning`` effort (``None``: leave the default).

    Gemini 3 takes a level; earlier thinking models a token budget (``0`` turns thinking off). Levels and
    budgets are brought within what the model family accepts, with a warning appended to ``warnings``; models
    that do not think (2.0 and older) get no config.

    >>> thinking_config_for("gemini-3-pro-preview", "xhigh"), thinking_config_for("gemini-2.5-flash", "none")
    ({'thinkingLevel': 'high'}, {'thinkingBudget': 0})
    """
    if reasoning is None:
        return None
    sink: list[CallWarning] = warnings if warnings is not None else []
    limits = _thinking_limits(model_id)
    if limits is not None and limits.levels is None and limits.max_budget is None:
        sink.append(CallWarning(type="unsupported", feature="reasoning", details=f"{model_id} does not think."))
        return None
    if limits is not None and limits.levels is not None:
        return _thinking_level(reasoning, limits.levels, sink)
    if limits is None and model_id.lower().startswith("gemini-3"):
        return {"thinkingLevel": _THINKING_LEVELS.get(reasoning, "high")}
    budget = _THINKING_BUDGETS.get(reasoning)
    if budget is None:
        return None
    if limits is not None:
        budget = _thinking_budget(budget, reasoning, limits, sink)
    return {"thinkingBudget": budget}


def _options_model() -> type[GoogleLanguageModelOptions]:
    # pydantic loads with the first call, not with the provider import.
    from ai_sdk_core.providers.google.options import GoogleLanguageModelOptions

    return GoogleLanguageModelOptions


def uses_json_response_tool(options: CallOptions) -> bool:
    """Structured output with tools: Gemini refuses JSON mode with function calling, so a ``json`` tool that
    the model is made to call carries the answer instead (as in the AI SDK)."""
    response_format = options.response_format
    return (
        response_format is not None
        and response_format.type == "json"
        and response_format.schema is not None
        and bool(options.tools)
    )


def json_response_tool_name(tools: Sequence[ToolDefinition] | None) -> str:
    """The name of the synthetic tool that carries structured output: ``json``, unless a tool of the caller
    already has that name.

    >>> json_response_tool_name([FunctionTool("json", {})]), json_response_tool_name(None)
    ('json_response', 'json')
    """
    taken = {tool.name for tool in tools or ()}
    name = JSON_RESPONSE_TOOL_NAME
    if name not in taken:
        return name
    suffix = 1
    name = f"{JSON_RESPONSE_TOOL_NAME}_response"
    while name in taken:
        suffix += 1
        name = f"{JSON_RESPONSE_TOOL_NAME}_response_{suffix}"
    return name


def _tools_and_choice(
    options: CallOptions, warnings: list[CallWarning]
) -> tuple[list[ToolDefinition] | None, ToolChoice | None]:
    if not uses_json_response_tool(options) or options.response_format is None:
        return (list(options.tools) if options.tools else None), options.tool_choice
    json_tool = FunctionTool(
        name=json_response_tool_name(options.tools),
        input_schema=options.response_format.schema or {},
        description="Respond with a JSON object.",
    )
    tools = list(options.tools or ())
    choice = options.tool_choice
    if choice is not None and choice.type == "none":
        # No tool may be called, yet the answer comes as a json tool call: only that tool stays.
        tools = [tool for tool in tools if not isinstance(tool, FunctionTool)]
        details = "tool_choice 'none' with structured output: function tools are not sent."
        warnings.append(CallWarning(type="compatibility", feature="tool_choice", details=details))
    elif choice is not None and choice.type == "tool":
        details = f"tool_choice {choice.tool_name!r} is replaced by 'required': structured output needs its tool."
        warnings.append(CallWarning(type="compatibility", feature="tool_choice", details=details))
    return [*tools, json_tool], ToolChoice("required")


def _without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


class GoogleGenerativeAILanguageModel(HttpLanguageModel):
    """A Gemini model, sync and async. Usually obtained from a provider: ``google("gemini-2.5-flash")``.

    Gemini-only settings go in ``provider_options["google"]`` (see
    :class:`~ai_sdk_core.providers.google.options.GoogleLanguageModelOptions`), e.g.
    ``{"google": {"thinkingConfig": {"thinkingBudget": 2048, "includeThoughts": True}}}``.
    """

    def __init__(self, model_id: str, config: GoogleGenerativeAIConfig) -> None:
        self.model_id = model_id
        self.config = config
        self.provider = config.provider
        self.transport = config.transport
        self.supported_urls = config.supported_urls

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, model_id={self.model_id!r})"

    def build_body(self, options: CallOptions) -> tuple[dict[str, Any], list[CallWarning]]:
        """The JSON body for ``options`` and the warnings found building it (pure: no I/O)."""
        from ai_sdk_core.providers.openai_compatible.options import parse_provider_options  # pydantic: on first use

        google_options = parse_provider_options(options.provider_options, "google", _options_model())
        prompt = convert_to_google_messages(options.prompt, model_id=self.model_id)
        warnings = list(prompt.warnings)
        tools = prepare_google_tools(*_tools_and_choice(options, warnings))
        warnings.extend(tools.warnings)
        body: dict[str, Any] = {
            "generationConfig": self._generation_config(options, google_options, warnings),
            "contents": prompt.contents,
            "systemInstruction": prompt.system_instruction,
            "safetySettings": (
                [setting.model_dump() for setting in google_options.safetySettings]
                if google_options.safetySettings is not None
                else None
            ),
            "tools": tools.tools,
            "toolConfig": tools.tool_config,
            "cachedContent": google_options.cachedContent,
            "labels": google_options.labels,
        }
        return _without_none({key: value for key, value in body.items() if value != {}}), warnings

    def _generation_config(
        self, options: CallOptions, google_options: GoogleLanguageModelOptions, warnings: list[CallWarning]
    ) -> dict[str, Any]:
        response_format = options.response_format
        wants_json = (
            response_format is not None and response_format.type == "json" and not uses_json_response_tool(options)
        )
        response_schema = None
        if wants_json and response_format is not None and google_options.structuredOutputs is not False:
            response_schema = convert_json_schema_to_openapi_schema(response_format.schema)
        thinking_config = (
            google_options.thinkingConfig.model_dump(exclude_none=True)
            if google_options.thinkingConfig is not None
            else thinking_config_for(self.model_id, options.reasoning, warnings)
        )
        return _without_none(
            {
                "maxOutputTokens": options.max_output_tokens,
                "temperature": options.temperature,
                "topK": options.top_k,
                "topP": options.top_p,
                "frequencyPenalty": options.frequency_penalty,
                "presencePenalty": options.presence_penalty,
                "stopSequences": list(options.stop_sequences) if options.stop_sequences else None,
                "seed": options.seed,
                "responseMimeType": "application/json" if wants_json else None,
                "responseSchema": response_schema,
                "responseModalities": google_options.responseModalities,
                "thinkingConfig": thinking_config,
                "mediaResolution": google_options.mediaResolution,
                "audioTimestamp": google_options.audioTimestamp,
            }
        )

    def build_request(self, options: CallOptions, *, stream: bool) -> PreparedCall:
        """Hook of :class:`HttpLanguageModel`: the HTTP request for one call."""
        body, warnings = self.build_body(options)
        method = "streamGenerateContent?alt=sse" if stream else "generateContent"
        request = HttpRequest(
            url=f"{self.config.base_url}/{model_path(self.model_id)}:{method}",
            body=body,
            headers=merge_headers(self.config.headers(), options.headers),
            # The key travels in this header, never in the URL, so no error or log line can show it.
            credential_headers=frozenset({"x-goog-api-key"}),
            timeout=options.timeout,
        )
        return PreparedCall(request=request, warnings=warnings, options=options)

    def parse_response(self, body: Any, call: PreparedCall, response: ResponseInfo) -> GenerateResult:
        """Hook of :class:`HttpLanguageModel`: decode a whole response."""
        uses_json_tool = isinstance(call.options, CallOptions) and uses_json_response_tool(call.options)
        parsed = parse_google_response(
            body,
            new_id=self.config.new_id,
            uses_json_response_tool=uses_json_tool,
            json_tool_name=json_response_tool_name(
                call.options.tools if isinstance(call.options, CallOptions) else None
            ),
        )
        return GenerateResult(
            content=parsed.content,
            finish_reason=parsed.finish_reason,
            usage=parsed.usage,
            provider_metadata=parsed.provider_metadata,
            request=RequestInfo(body=call.request.body),
            response=ResponseInfo(
                id=body.get("responseId"),
                model_id=body.get("modelVersion"),
                headers=response.headers,
                body=body,
            ),
            warnings=tuple(call.warnings),
        )

    def create_stream_decoder(self, call: PreparedCall) -> StreamDecoder:
        """Hook of :class:`HttpLanguageModel`: a fresh decoder for one stream."""
        options = call.options if isinstance(call.options, CallOptions) else None
        return GoogleStreamDecoder(
            new_id=self.config.new_id,
            include_raw_chunks=options is not None and options.include_raw_chunks,
            uses_json_response_tool=options is not None and uses_json_response_tool(options),
            json_tool_name=json_response_tool_name(options.tools if options is not None else None),
        )

    def parse_error(self, status_code: int, headers: Mapping[str, str], body_text: str) -> tuple[str, Any] | None:
        """Hook of :class:`HttpLanguageModel`: Google's message from an error body."""
        return parse_google_error(status_code, headers, body_text)
