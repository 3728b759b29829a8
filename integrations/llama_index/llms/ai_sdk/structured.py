"""Structured output the AI SDK way: the model answers in JSON matching the pydantic model (``output=
Output.object(...)``, each provider's native JSON mode), instead of LlamaIndex's forced tool call.

``AISDK`` uses :class:`NativeOutputProgram` for ``structured_predict``, ``as_structured_llm`` and the streaming
variants while ``pydantic_program_mode`` is ``DEFAULT``; ``PydanticProgramMode.FUNCTION`` (and an explicit
``FunctionCallingProgram``) keeps the forced tool call.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import Any

from llama_index.core.base.llms.types import ChatMessage, ChatResponse
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.program.streaming_utils import process_streaming_content_incremental
from llama_index.core.prompts import BasePromptTemplate
from llama_index.core.types import BasePydanticProgram, Model
from pydantic import ValidationError

from ai_sdk_core import NoObjectGeneratedError, Output

__all__ = ["NativeOutputProgram"]


class NativeOutputProgram(BasePydanticProgram[Model]):
    """``output_cls`` from one call of ``llm`` asked to answer in JSON of that schema; the call goes through the
    LLM's ``chat``/``stream_chat``, so callbacks, instrumentation and token counting see it as usual."""

    def __init__(self, llm: FunctionCallingLLM, output_cls: type[Model], prompt: BasePromptTemplate) -> None:
        self._llm = llm
        self._output_cls = output_cls
        self._prompt = prompt

    @property
    def output_cls(self) -> type[Model]:
        """The pydantic model produced."""
        return self._output_cls

    def _request(
        self, llm_kwargs: dict[str, Any] | None, prompt_args: dict[str, Any]
    ) -> tuple[list[ChatMessage], dict[str, Any]]:
        messages = self._llm._extend_messages(self._prompt.format_messages(llm=self._llm, **prompt_args))
        arguments = dict(llm_kwargs or {})
        # A forced tool choice (what LlamaIndex passes to function-calling programs) has no tool to point at here.
        arguments.pop("tool_choice", None)
        arguments.pop("tool_required", None)
        arguments["output"] = Output.object(self._output_cls, name=self._output_cls.__name__)
        return messages, arguments

    def _parse(self, response: ChatResponse) -> Model:
        text = response.message.content or ""
        try:
            return self._output_cls.model_validate_json(text)
        except ValidationError as error:
            raise NoObjectGeneratedError(
                f"The answer is not a valid {self._output_cls.__name__}.",
                text=text,
                finish_reason=(response.raw or {}).get("finish_reason") if isinstance(response.raw, dict) else None,
                cause=error,
            ) from error

    def __call__(self, *args: Any, llm_kwargs: dict[str, Any] | None = None, **prompt_args: Any) -> Model:
        """The object (blocking)."""
        messages, arguments = self._request(llm_kwargs, prompt_args)
        return self._parse(self._llm.chat(messages, **arguments))

    async def acall(self, *args: Any, llm_kwargs: dict[str, Any] | None = None, **prompt_args: Any) -> Model:
        """Async twin of ``__call__``."""
        messages, arguments = self._request(llm_kwargs, prompt_args)
        return self._parse(await self._llm.achat(messages, **arguments))

    def stream_call(
        self, *args: Any, llm_kwargs: dict[str, Any] | None = None, **prompt_args: Any
    ) -> Generator[Any, None, None]:
        """Partial objects as the JSON streams in (LlamaIndex's ``FlexibleModel`` until it validates)."""
        messages, arguments = self._request(llm_kwargs, prompt_args)
        current: Any = None
        for response in self._llm.stream_chat(messages, **arguments):
            current = process_streaming_content_incremental(response, self._output_cls, current)
            yield current

    async def astream_call(
        self, *args: Any, llm_kwargs: dict[str, Any] | None = None, **prompt_args: Any
    ) -> AsyncGenerator[Any, None]:
        """Async twin of :meth:`stream_call`."""
        messages, arguments = self._request(llm_kwargs, prompt_args)
        stream = await self._llm.astream_chat(messages, **arguments)

        async def generate() -> AsyncGenerator[Any, None]:
            current: Any = None
            async for response in stream:
                current = process_streaming_content_incremental(response, self._output_cls, current)
                yield current

        return generate()
