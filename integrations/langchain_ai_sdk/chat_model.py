"""``ChatAISDK``: any AI SDK language model as a LangChain chat model.

Example::

    from langchain_ai_sdk import ChatAISDK

    llm = ChatAISDK(model="anthropic:claude-sonnet-4-5", temperature=0, max_tokens=1024)
    llm.invoke("Hello!")

    # A provider object configures keys and endpoints; ``model`` is then the provider's model id:
    from ai_sdk_core.providers.anthropic import create_anthropic
    llm = ChatAISDK(provider=create_anthropic(api_key="..."), model="claude-sonnet-4-5")

Only LangChain's hooks are implemented; the sync hooks call ``generate_text``/``stream_text`` (no event loop is
started, so ``invoke`` works inside a running loop too) and the async hooks ``agenerate_text``/``astream_text``.
Retries and timeouts are the SDK's (``max_retries``, ``timeout``): LangChain adds no retry layer of its own.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LangSmithParams, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from pydantic import ConfigDict, Field, PrivateAttr, SecretStr, model_validator

from ai_sdk_core import (
    InvalidArgumentError,
    LanguageModel,
    TimeoutConfig,
    agenerate_text,
    astream_text,
    generate_text,
    resolve_language_model,
    stream_text,
)
from langchain_ai_sdk.convert import to_core_messages, to_core_tool_choice, to_core_tools, to_openai_tool
from langchain_ai_sdk.response import ChunkBuilder, to_ai_message
from langchain_ai_sdk.structured import output_of_response_format, structured_output_runnable

__all__ = ["ChatAISDK"]

# Call options that may also be given per call (``llm.invoke(..., temperature=0.2)`` or ``llm.bind(...)``).
_SAMPLING = (
    "temperature",
    "max_tokens",
    "top_p",
    "top_k",
    "presence_penalty",
    "frequency_penalty",
    "seed",
    "reasoning",
)
_PER_CALL = (*_SAMPLING, "headers", "provider_options")
_SDK_NAMES = {"max_tokens": "max_output_tokens"}
_IGNORED_KWARGS = frozenset({"ls_structured_output_format", "stream"})


class ChatAISDK(BaseChatModel):
    """A LangChain chat model backed by an AI SDK language model.

    ``model`` is a ``"provider:model"`` string (``"openai:gpt-4.1"``, ``"anthropic:claude-sonnet-4-5"``,
    ``"llama-cpp:..."``), a model object, or, with ``provider``, that provider's model id. Keys come from the
    provider's environment variable, from ``api_key=``, or from ``provider=create_<name>(api_key=...)``.
    """

    # An unknown setting (a typo, or a ``ChatOpenAI`` argument this class does not have) is an error rather than
    # silently dropped: a user porting ``max_completion_tokens=...`` must learn it had no effect.
    model_config = ConfigDict(arbitrary_types_allowed=True, populate_by_name=True, extra="forbid")

    model: Any = Field(description="A 'provider:model' string, a model id of `provider`, or a model object.")
    provider: Any = Field(default=None, exclude=True, description="A provider whose `language_model(id)` is used.")
    temperature: float | None = None
    max_tokens: int | None = Field(default=None, alias="max_output_tokens")
    top_p: float | None = None
    top_k: int | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    seed: int | None = None
    stop: list[str] | None = Field(default=None, alias="stop_sequences")
    reasoning: str | None = Field(default=None, description="Reasoning effort where the provider supports it.")
    max_retries: int | None = Field(default=2, description="Retries of the SDK (the only retry layer).")
    timeout: float | TimeoutConfig | None = Field(
        default=None,
        alias="request_timeout",
        description="Total seconds for one call, retries included, or a TimeoutConfig (connect, first chunk, ...).",
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="Kept secret; used for a 'provider:model' string instead of the provider's environment variable.",
    )
    base_url: str | None = Field(
        default=None, description="The API's base URL for a 'provider:model' string (a proxy, a gateway, a mirror)."
    )
    headers: dict[str, str] | None = Field(default=None, exclude=True, repr=False)
    provider_options: dict[str, dict[str, Any]] | None = None
    download: Any = Field(
        default=False,
        description="Let the SDK download URLs the provider cannot fetch itself: True or a DownloadConfig.",
    )
    streaming: bool = False

    _resolved: dict[str, LanguageModel] = PrivateAttr(default_factory=dict)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @model_validator(mode="after")
    def _check_model(self) -> ChatAISDK:
        if not isinstance(self.model, str) and not hasattr(self.model, "do_generate"):
            raise InvalidArgumentError("expected a 'provider:model' string or a language model", argument="model")
        return self

    @classmethod
    def is_lc_serializable(cls) -> bool:
        """``False``: langchain-core's ``load`` revives only classes on its fixed allowlist of known packages
        (even with ``allowed_objects="all"``), so a dump of this class could never be loaded back."""
        return False

    @property
    def model_name(self) -> str:
        """The model id (``"claude-sonnet-4-5"``), as LangChain's usage callbacks expect."""
        return _model_id(self.model)

    @property
    def _llm_type(self) -> str:
        return "ai-sdk-chat"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"model": _label(self.model), "provider": self._provider_label(self.model)}
        for name in (*_SAMPLING, "stop", "max_retries", "timeout"):
            value = getattr(self, name)
            if value is not None:
                params[name] = value
        return params

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> LangSmithParams:
        model = kwargs.get("model", self.model)
        params = LangSmithParams(
            ls_provider=self._provider_label(model),
            ls_model_name=_model_id(model),
            ls_model_type="chat",
        )
        temperature = kwargs.get("temperature", self.temperature)
        if temperature is not None:
            params["ls_temperature"] = temperature
        max_tokens = kwargs.get("max_tokens", self.max_tokens)
        if max_tokens is not None:
            params["ls_max_tokens"] = max_tokens
        stop_sequences = stop or kwargs.get("stop") or self.stop
        if stop_sequences:
            params["ls_stop"] = list(stop_sequences)
        return params

    def _provider_label(self, model: Any) -> str:
        """``"anthropic"`` for ``"anthropic:..."``, for a model of provider ``"anthropic.messages"``, and for a model
        id of an Anthropic provider object."""
        if isinstance(model, str) and ":" not in model:
            name = getattr(self.provider, "name", None)
            if isinstance(name, str) and name:
                return name.split(".", 1)[0]
            if not isinstance(self.model, str) or ":" in self.model:
                return _provider_name(self.model)
        return _provider_name(model)

    def _language_model(self, model: Any) -> LanguageModel:
        if not isinstance(model, str):
            return model  # type: ignore[no-any-return]
        with self._lock:
            if model in self._resolved:
                return self._resolved[model]
        if self.provider is not None:
            resolved: LanguageModel = self.provider.language_model(model)
        elif self.api_key is not None or self.base_url is not None:
            # Settings of this instance: a provider made with them (shared by every instance with the same ones),
            # so the key never reaches the shared default provider.
            if ":" not in model:
                raise InvalidArgumentError(
                    "api_key/base_url need a 'provider:model' string (or pass provider=create_<name>(api_key=...))",
                    argument="model",
                )
            api_key = self.api_key.get_secret_value() if self.api_key is not None else None
            resolved = resolve_language_model(model, api_key=api_key, base_url=self.base_url)
        else:
            resolved = resolve_language_model(model)
        with self._lock:
            self._resolved[model] = resolved
        return resolved

    def _arguments(
        self, messages: Sequence[BaseMessage], stop: list[str] | None, kwargs: Mapping[str, Any]
    ) -> tuple[LanguageModel, dict[str, Any]]:
        """The model and the keyword arguments of one ``generate_text``/``stream_text`` call."""
        options = {key: value for key, value in kwargs.items() if key not in _IGNORED_KWARGS}
        model = self._language_model(options.pop("model", self.model))
        arguments: dict[str, Any] = {"messages": to_core_messages(messages)}
        for name in _PER_CALL:
            value = options.pop(name, getattr(self, name))
            if value is not None:
                arguments[_SDK_NAMES.get(name, name)] = value
        stop_sequences = stop if stop is not None else options.pop("stop", None)
        stop_sequences = stop_sequences if stop_sequences is not None else self.stop
        if stop_sequences:
            arguments["stop_sequences"] = list(stop_sequences)
        arguments["max_retries"] = options.pop("max_retries", self.max_retries)
        timeout = options.pop("timeout", self.timeout)
        if timeout is not None:
            arguments["timeout"] = timeout
        tools = options.pop("tools", None)
        tool_choice = options.pop("tool_choice", None)
        if tools:
            core_tools = to_core_tools(tools)
            arguments["tools"] = core_tools
            choice = to_core_tool_choice(tool_choice, list(core_tools))
            if choice is not None:
                arguments["tool_choice"] = choice
        parallel = options.pop("parallel_tool_calls", None)
        if parallel is not None:
            arguments["provider_options"] = _with_parallel_tool_calls(arguments.get("provider_options"), parallel)
        if self.download:
            arguments["download"] = self.download
        response_format = options.pop("response_format", None)
        if response_format is not None:
            arguments["output"] = output_of_response_format(response_format)
            strict = (response_format.get("json_schema") or {}).get("strict")
            if strict is not None:  # ``with_structured_output(..., strict=...)``: OpenAI's strict schema mode
                arguments["provider_options"] = _with_provider_option(
                    arguments.get("provider_options"), "openai", "strict_json_schema", strict
                )
        if options:
            raise TypeError(f"ChatAISDK got unexpected call arguments: {', '.join(sorted(options))}")
        return model, arguments

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        model, arguments = self._arguments(messages, stop, kwargs)
        result = generate_text(model=model, **arguments)
        return _chat_result(to_ai_message(result, model.model_id))

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        model, arguments = self._arguments(messages, stop, kwargs)
        result = await agenerate_text(model=model, **arguments)
        return _chat_result(to_ai_message(result, model.model_id))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        model, arguments = self._arguments(messages, stop, kwargs)
        builder = ChunkBuilder(model_name=model.model_id)
        with stream_text(model=model, **arguments) as result:
            for part in result.full_stream:
                message = builder.feed(part)
                if message is None:
                    continue
                chunk = ChatGenerationChunk(message=message)
                if run_manager is not None:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        model, arguments = self._arguments(messages, stop, kwargs)
        builder = ChunkBuilder(model_name=model.model_id)
        async with astream_text(model=model, **arguments) as result:
            async for part in result.full_stream:
                message = builder.feed(part)
                if message is None:
                    continue
                chunk = ChatGenerationChunk(message=message)
                if run_manager is not None:
                    await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: dict[str, Any] | str | bool | None = None,
        strict: bool | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Offer ``tools`` to the model (LangChain tools, ``@tool`` functions, pydantic models, TypedDicts,
        OpenAI or Anthropic dicts). ``tool_choice``: ``"auto"``, ``"none"``, ``"any"``/``"required"``, a tool
        name, or ``True`` (the only tool). ``strict`` asks providers that support it for exact schemas."""
        formatted = [to_openai_tool(item) for item in tools]
        if strict is not None:
            for item in formatted:
                item["function"]["strict"] = strict
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return super().bind(tools=formatted, **kwargs)

    def with_structured_output(
        self,
        schema: dict[str, Any] | type,
        *,
        method: Literal["function_calling", "json_mode", "json_schema"] = "json_schema",
        include_raw: bool = False,
        strict: bool | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, dict[str, Any] | Any]:
        """Answers parsed into ``schema`` (a pydantic model, a TypedDict or a JSON Schema dict; any JSON for
        ``json_mode`` without a schema). ``method``: ``"json_schema"`` (the provider's structured output mode),
        ``"function_calling"`` (a forced tool call) or ``"json_mode"``. ``include_raw=True`` returns
        ``{"raw", "parsed", "parsing_error"}`` instead of raising when parsing fails."""
        if kwargs:
            raise TypeError(f"with_structured_output got unexpected arguments: {', '.join(sorted(kwargs))}")
        return structured_output_runnable(self, schema, method=method, include_raw=include_raw, strict=strict)


def _with_provider_option(
    provider_options: Mapping[str, Any] | None, provider: str, name: str, value: Any
) -> dict[str, Any]:
    """``provider_options`` with ``value`` under ``provider``/``name`` unless the caller set that option already
    (an explicit provider option wins; a provider reads only its own key)."""
    merged = {key: dict(item) for key, item in (provider_options or {}).items()}
    merged.setdefault(provider, {}).setdefault(name, value)
    return merged


def _with_parallel_tool_calls(provider_options: Mapping[str, Any] | None, parallel: bool) -> dict[str, Any]:
    """``parallel_tool_calls`` (as ``ChatOpenAI`` takes it) in the option of each provider that has one."""
    merged = _with_provider_option(provider_options, "openai", "parallel_tool_calls", parallel)
    return _with_provider_option(merged, "anthropic", "disable_parallel_tool_use", not parallel)


def _chat_result(message: AIMessage) -> ChatResult:
    return ChatResult(
        generations=[ChatGeneration(message=message)],
        llm_output={"model_name": message.response_metadata.get("model_name")},
    )


def _model_id(model: Any) -> str:
    if isinstance(model, str):
        return model.split(":", 1)[1] if ":" in model else model
    return str(model.model_id)


def _provider_name(model: Any) -> str:
    """``"anthropic"`` for ``"anthropic:claude-..."`` and for a model whose provider is ``"anthropic.messages"``."""
    if isinstance(model, str):
        return model.split(":", 1)[0] if ":" in model else "ai-sdk"
    return str(model.provider).split(".", 1)[0]


def _label(model: Any) -> str:
    return model if isinstance(model, str) else f"{_provider_name(model)}:{model.model_id}"
