"""``AISDK``: every AI SDK language model as a LlamaIndex ``FunctionCallingLLM``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseAsyncGen,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
    ToolCallBlock,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr, SecretStr
from llama_index.core.constants import DEFAULT_CONTEXT_WINDOW, DEFAULT_NUM_OUTPUTS
from llama_index.core.instrumentation import get_dispatcher  # type: ignore[attr-defined]  # re-exported
from llama_index.core.instrumentation.events.llm import LLMStructuredPredictEndEvent, LLMStructuredPredictStartEvent
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.llms.llm import ToolSelection
from llama_index.core.prompts import PromptTemplate
from llama_index.core.tools.types import BaseTool
from llama_index.core.types import Model, PydanticProgramMode

from ai_sdk_core import (
    LanguageModel,
    Tool,
    agenerate_text,
    astream_text,
    generate_text,
    resolve_language_model,
    stream_text,
)

from .convert import to_ai_sdk_messages, to_ai_sdk_tool, to_ai_sdk_tool_choice
from .model_limits import known_limits
from .responses import StreamAccumulator, chat_response_from_result
from .structured import NativeOutputProgram
from .tool_calls import SINGLE_TOOL_CALL_OPTIONS, force_single_tool_call, merge_provider_options, partial_arguments

__all__ = ["AISDK"]

_dispatcher = get_dispatcher(__name__)

# LlamaIndex names of call settings -> the AI SDK's.
_SETTING_ALIASES: Final = {"max_tokens": "max_output_tokens", "stop": "stop_sequences"}
# ``generate_text`` arguments a call may pass through ``chat(..., **kwargs)`` besides the settings above.
_PASS_THROUGH: Final = frozenset(
    {
        "max_output_tokens",
        "temperature",
        "top_p",
        "top_k",
        "presence_penalty",
        "frequency_penalty",
        "stop_sequences",
        "seed",
        "reasoning",
        "max_retries",
        "timeout",
        "headers",
        "output",
        "active_tools",
        "download",
        "experimental_telemetry",
    }
)


class AISDK(FunctionCallingLLM):
    """Any AI SDK language model as a LlamaIndex LLM with native tool calling.

    Example::

        from llama_index.llms.ai_sdk import AISDK

        llm = AISDK("google:gemini-2.5-flash", temperature=0)
        print(llm.complete("Name a colour.").text)

    ``model`` is a ``"provider:model"`` string or a model object (``openai("gpt-4o")``, a ``MockLanguageModel``).
    A string's provider reads its key from its environment variable, or uses ``api_key=``/``base_url=`` when given.
    ``provider_options`` are sent with every call (``{"anthropic": {"thinking": {...}}}``); per call,
    ``chat(messages, temperature=..., provider_options=...)`` overrides them.

    ``structured_predict``, ``as_structured_llm`` and their streaming twins ask the model for JSON of the schema
    (the provider's own structured output); ``pydantic_program_mode=PydanticProgramMode.FUNCTION`` makes them force
    a tool call instead, as ``FunctionCallingProgram`` always does. Tool outputs may hold images and documents
    (``ImageBlock``/``DocumentBlock`` returned by a tool): they reach the model with the tool's result.
    """

    model: str = Field(description="The model: 'provider:model', or '<provider>:<model id>' of a model object.")
    temperature: float | None = Field(default=None, description="Sampling temperature (provider default if None).")
    max_tokens: int | None = Field(default=None, description="Maximum output tokens per answer.", gt=0)
    top_p: float | None = Field(default=None, description="Nucleus sampling.")
    top_k: int | None = Field(default=None, description="Top-k sampling.")
    seed: int | None = Field(default=None, description="Sampling seed, where the provider supports one.")
    stop: list[str] | None = Field(default=None, description="Stop sequences.")
    reasoning: str | None = Field(default=None, description="Reasoning effort ('low', 'medium', 'high', ...).")
    context_window: int | None = Field(
        default=None, description="Context window in tokens; known for common models, else LlamaIndex's default."
    )
    is_function_calling: bool = Field(default=True, description="Whether the model supports tool calling.")
    max_retries: int = Field(default=2, description="Retries per model call.", ge=0)
    timeout: float | None = Field(default=None, description="Total seconds per model call.")
    strict: bool | None = Field(default=None, description="Strict JSON schema for tools, where supported.")
    provider_options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Provider options sent with every call."
    )
    headers: dict[str, str] | None = Field(default=None, description="Extra request headers.", exclude=True, repr=False)
    api_key: SecretStr | None = Field(
        default=None,
        description="API key for a 'provider:model' string (else the provider's environment variable).",
        exclude=True,
        repr=False,
    )
    base_url: str | None = Field(default=None, description="Base URL for a 'provider:model' string (a proxy, ...).")
    additional_kwargs: dict[str, Any] = Field(
        default_factory=dict,
        description="More generate_text arguments for every call (presence_penalty, ...); per-call kwargs win.",
    )

    _language_model: LanguageModel = PrivateAttr()
    # (the fields the payload depends on, the payload): see ``to_payload``.
    _payload: tuple[tuple[Any, ...], dict[str, Any]] | None = PrivateAttr(default=None)

    def __init__(self, model: str | LanguageModel, **kwargs: Any) -> None:
        name = model if isinstance(model, str) else f"{model.provider}:{model.model_id}"
        super().__init__(model=name, **kwargs)
        api_key = self.api_key.get_secret_value() if self.api_key is not None else None
        self._language_model = resolve_language_model(model, api_key=api_key, base_url=self.base_url)

    @classmethod
    def class_name(cls) -> str:
        """LlamaIndex's serialisation name of this class."""
        return "ai_sdk_llm"

    @property
    def language_model(self) -> LanguageModel:
        """The AI SDK model behind this LLM."""
        return self._language_model

    @property
    def metadata(self) -> LLMMetadata:
        """Context window and output limit (given, known for the model, else LlamaIndex's defaults); always a
        chat model; a function-calling model unless ``is_function_calling=False``."""
        model = self._language_model
        limits = known_limits(model.provider, model.model_id)
        return LLMMetadata(
            context_window=self.context_window or (limits[0] if limits else DEFAULT_CONTEXT_WINDOW),
            num_output=self.max_tokens or (limits[1] if limits else DEFAULT_NUM_OUTPUTS),
            is_chat_model=True,
            is_function_calling_model=self.is_function_calling,
            model_name=self.model,
        )

    def to_payload(self) -> dict[str, Any]:
        """What LlamaIndex's callbacks and events carry about this LLM: its class name and metadata (never the key).

        LlamaIndex asks for it at every call; it is rebuilt only when a field it depends on has changed."""
        key = (self.model, self.context_window, self.max_tokens, self.is_function_calling)
        cached = self._payload
        if cached is None or cached[0] != key:
            cached = self._payload = (key, super().to_payload())
        return dict(cached[1])  # a copy: a handler that edits its event must not edit the next one

    # --- arguments ----------------------------------------------------------------------------------------------

    def _arguments(self, messages: Sequence[ChatMessage], kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The ``generate_text``/``stream_text`` arguments of one call (checked before anything is sent)."""
        instructions, model_messages = to_ai_sdk_messages(messages)
        arguments: dict[str, Any] = {"messages": model_messages, "max_retries": self.max_retries}
        if instructions:
            arguments["instructions"] = "\n\n".join(instructions)
        for name, value in (
            ("temperature", self.temperature),
            ("max_output_tokens", self.max_tokens),
            ("top_p", self.top_p),
            ("top_k", self.top_k),
            ("seed", self.seed),
            ("stop_sequences", self.stop),
            ("reasoning", self.reasoning),
            ("timeout", self.timeout),
            ("headers", self.headers),
        ):
            if value is not None:
                arguments[name] = value
        options = {**self.additional_kwargs, **kwargs}
        tools = options.pop("tools", None)
        tool_choice = options.pop("tool_choice", None)
        allow_parallel = options.pop("allow_parallel_tool_calls", True)
        call_provider_options = options.pop("provider_options", None)
        unknown = []
        for key, value in options.items():
            name = _SETTING_ALIASES.get(key, key)
            if name in _PASS_THROUGH:
                arguments[name] = value
            else:
                unknown.append(key)
        if unknown:
            raise TypeError(f"AISDK got unexpected keyword arguments: {', '.join(sorted(unknown))}")
        provider_options = merge_provider_options(self.provider_options, call_provider_options)
        if tools:
            arguments["tools"] = [item if isinstance(item, Tool) else to_ai_sdk_tool(item) for item in tools]
            arguments["tool_choice"] = to_ai_sdk_tool_choice(tool_choice, False) if tool_choice else "auto"
            if not allow_parallel:
                provider_options = merge_provider_options(SINGLE_TOOL_CALL_OPTIONS, provider_options)
        if provider_options:
            arguments["provider_options"] = provider_options
        return arguments

    # --- chat -----------------------------------------------------------------------------------------------------

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        """Answer the conversation (blocking)."""
        arguments = self._arguments(messages, kwargs)
        return chat_response_from_result(generate_text(model=self._language_model, **arguments))

    @llm_chat_callback()
    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        """Async twin of :meth:`chat`."""
        arguments = self._arguments(messages, kwargs)
        return chat_response_from_result(await agenerate_text(model=self._language_model, **arguments))

    def _stream(self, messages: Sequence[ChatMessage], kwargs: Mapping[str, Any]) -> ChatResponseGen:
        arguments = self._arguments(messages, kwargs)
        model = self._language_model

        def generate() -> ChatResponseGen:
            result = stream_text(model=model, **arguments)
            accumulator = StreamAccumulator()
            try:
                for part in result.full_stream:
                    response = accumulator.add(part)
                    if response is not None:
                        yield response
            finally:
                result.close()
            yield accumulator.finish()

        return generate()

    def _astream(self, messages: Sequence[ChatMessage], kwargs: Mapping[str, Any]) -> ChatResponseAsyncGen:
        arguments = self._arguments(messages, kwargs)
        model = self._language_model

        async def generate() -> ChatResponseAsyncGen:
            result = astream_text(model=model, **arguments)
            accumulator = StreamAccumulator()
            try:
                async for part in result.full_stream:
                    response = accumulator.add(part)
                    if response is not None:
                        yield response
            finally:
                await result.aclose()
            yield accumulator.finish()

        return generate()

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        """Stream the answer: each response holds the whole message so far and the new text in ``delta``."""
        return self._stream(messages, kwargs)

    @llm_chat_callback()
    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        """Async twin of :meth:`stream_chat`."""
        return self._astream(messages, kwargs)

    # --- completion -----------------------------------------------------------------------------------------------

    @staticmethod
    def _prompt_messages(prompt: str) -> list[ChatMessage]:
        return [ChatMessage(role=MessageRole.USER, content=prompt)]

    @staticmethod
    def _completion(response: ChatResponse) -> CompletionResponse:
        return CompletionResponse.model_construct(
            text=response.message.content or "",
            delta=response.delta,
            raw=response.raw,
            logprobs=None,
            additional_kwargs=response.additional_kwargs,
        )

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        """Complete ``prompt`` (sent as one user message)."""
        arguments = self._arguments(self._prompt_messages(prompt), kwargs)
        return self._completion(chat_response_from_result(generate_text(model=self._language_model, **arguments)))

    @llm_completion_callback()
    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        """Async twin of :meth:`complete`."""
        arguments = self._arguments(self._prompt_messages(prompt), kwargs)
        result = await agenerate_text(model=self._language_model, **arguments)
        return self._completion(chat_response_from_result(result))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        """Stream the completion of ``prompt``: ``text`` accumulates, ``delta`` is the new text."""
        stream = self._stream(self._prompt_messages(prompt), kwargs)

        def generate() -> CompletionResponseGen:
            for response in stream:
                yield self._completion(response)

        return generate()

    @llm_completion_callback()
    async def astream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseAsyncGen:
        """Async twin of :meth:`stream_complete`."""
        stream = self._astream(self._prompt_messages(prompt), kwargs)

        async def generate() -> CompletionResponseAsyncGen:
            async for response in stream:
                yield self._completion(response)

        return generate()

    # --- structured output ----------------------------------------------------------------------------------

    def _native_program(self, output_cls: type[Model], prompt: PromptTemplate) -> NativeOutputProgram[Model] | None:
        """The JSON-mode program, unless ``pydantic_program_mode`` asks for another (``FUNCTION``: a forced tool)."""
        if self.pydantic_program_mode != PydanticProgramMode.DEFAULT:
            return None
        return NativeOutputProgram(self, output_cls, prompt)

    @_dispatcher.span
    def structured_predict(
        self,
        output_cls: type[Model],
        prompt: PromptTemplate,
        llm_kwargs: dict[str, Any] | None = None,
        **prompt_args: Any,
    ) -> Model:
        """An ``output_cls`` instance from the model's JSON answer (its native structured output)."""
        program = self._native_program(output_cls, prompt)
        if program is None:
            forced: Model = super().structured_predict(output_cls, prompt, llm_kwargs, **prompt_args)
            return forced
        _dispatcher.event(
            LLMStructuredPredictStartEvent(output_cls=output_cls, template=prompt, template_args=prompt_args)
        )
        result = program(llm_kwargs=llm_kwargs, **prompt_args)
        _dispatcher.event(LLMStructuredPredictEndEvent(output=result))
        return result

    @_dispatcher.span
    async def astructured_predict(
        self,
        output_cls: type[Model],
        prompt: PromptTemplate,
        llm_kwargs: dict[str, Any] | None = None,
        **prompt_args: Any,
    ) -> Model:
        """Async twin of :meth:`structured_predict`."""
        program = self._native_program(output_cls, prompt)
        if program is None:
            forced: Model = await super().astructured_predict(output_cls, prompt, llm_kwargs, **prompt_args)
            return forced
        _dispatcher.event(
            LLMStructuredPredictStartEvent(output_cls=output_cls, template=prompt, template_args=prompt_args)
        )
        result = await program.acall(llm_kwargs=llm_kwargs, **prompt_args)
        _dispatcher.event(LLMStructuredPredictEndEvent(output=result))
        return result

    def _structured_stream_call(
        self,
        output_cls: type[Model],
        prompt: PromptTemplate,
        llm_kwargs: dict[str, Any] | None = None,
        **prompt_args: Any,
    ) -> Any:
        program = self._native_program(output_cls, prompt)
        if program is None:
            return super()._structured_stream_call(output_cls, prompt, llm_kwargs, **prompt_args)
        return program.stream_call(llm_kwargs=llm_kwargs, **prompt_args)

    async def _structured_astream_call(
        self,
        output_cls: type[Model],
        prompt: PromptTemplate,
        llm_kwargs: dict[str, Any] | None = None,
        **prompt_args: Any,
    ) -> Any:
        program = self._native_program(output_cls, prompt)
        if program is None:
            return await super()._structured_astream_call(output_cls, prompt, llm_kwargs, **prompt_args)
        return await program.astream_call(llm_kwargs=llm_kwargs, **prompt_args)

    # --- tools ----------------------------------------------------------------------------------------------------

    def _prepare_chat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        tool_choice: str | dict[str, Any] | None = None,
        strict: bool | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """The ``chat`` arguments offering ``tools`` to the model (LlamaIndex runs the calls)."""
        messages = list(chat_history or [])
        if isinstance(user_msg, str):
            user_msg = ChatMessage(role=MessageRole.USER, content=user_msg)
        if user_msg is not None:
            messages.append(user_msg)
        prepared: dict[str, Any] = {"messages": messages, **kwargs}
        if tools:
            use_strict = self.strict if strict is None else strict
            prepared["tools"] = [to_ai_sdk_tool(item, strict=use_strict) for item in tools]
            prepared["tool_choice"] = to_ai_sdk_tool_choice(tool_choice, tool_required)
            prepared["allow_parallel_tool_calls"] = allow_parallel_tool_calls
        return prepared

    def _validate_chat_with_tools_response(
        self,
        response: ChatResponse,
        tools: Sequence[BaseTool],
        allow_parallel_tool_calls: bool = False,
        **kwargs: Any,
    ) -> ChatResponse:
        """Keep only the first tool call when parallel calls were not allowed (whatever the provider did)."""
        if not allow_parallel_tool_calls:
            force_single_tool_call(response)
        return response

    def get_tool_calls_from_response(
        self,
        response: ChatResponse,
        error_on_no_tool_call: bool = True,
        **kwargs: Any,
    ) -> list[ToolSelection]:
        """The tool calls of ``response`` (its ``ToolCallBlock``s; partial JSON while streaming)."""
        selections: list[ToolSelection] = []
        for block in response.message.blocks:
            if isinstance(block, ToolCallBlock):
                arguments = partial_arguments(block.tool_kwargs)
                selections.append(
                    ToolSelection(tool_id=block.tool_call_id or "", tool_name=block.tool_name, tool_kwargs=arguments)
                )
        if not selections and error_on_no_tool_call:
            raise ValueError("Expected at least one tool call, but got 0 tool calls.")
        return selections
