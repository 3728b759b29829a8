"""``LlamaCppLanguageModel``: a chat model running in this process through llama.cpp.

Generation is synchronous (llama.cpp computes on the calling thread). The sync methods run it directly; the
async ones pull each part through ``anyio.to_thread``, so the event loop keeps running while a token is computed,
and a cancelled consumer stops the generation at the next token. The model file is loaded on the first call and
kept for the life of the process (see :func:`~ai_sdk_core.providers.llama_cpp.runtime.load_model`).
"""

from __future__ import annotations

import contextlib
import re
import threading
import uuid
from collections.abc import AsyncIterator, Generator, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from ai_sdk_core.provider_utils.options import parse_provider_options
from ai_sdk_core.providers.llama_cpp.convert import (
    convert_to_chat_messages,
    response_format_instruction,
    tools_instruction,
)
from ai_sdk_core.providers.llama_cpp.grammar import json_grammar, tool_grammar
from ai_sdk_core.providers.llama_cpp.options import LlamaCppOptions
from ai_sdk_core.providers.llama_cpp.paths import resolve_model_path
from ai_sdk_core.providers.llama_cpp.runtime import (
    GenerationOutcome,
    GenerationRequest,
    LoadedModel,
    LoadSettings,
    generate_text_deltas,
    load_model,
)
from ai_sdk_core.providers.llama_cpp.stream import collect_generate_result, content_parts, finish_reason, usage
from ai_sdk_core.providers.llama_cpp.tool_calls import PreparedTools, prepare_tools
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import ToolCallContent
from ai_sdk_core.spec.language_model import AsyncStreamResult, GenerateResult, StreamResult, SyncStreamResult
from ai_sdk_core.spec.shared import CallWarning, RequestInfo
from ai_sdk_core.spec.stream_parts import Finish, ResponseMetadata, StreamPart, StreamStart

__all__ = ["AsyncLocalPartStream", "LlamaCppLanguageModel", "LocalPartStream"]

PROVIDER_OPTIONS_NAME: Final = "llama-cpp"


class LocalPartStream(Iterator[StreamPart]):
    """The parts of one local generation. ``close()`` stops it at the next token, from any thread."""

    def __init__(self, parts: Generator[StreamPart, None, None], cancel: threading.Event) -> None:
        self._parts = parts
        self._cancel = cancel

    def __iter__(self) -> LocalPartStream:
        return self

    def __next__(self) -> StreamPart:
        return next(self._parts)

    def close(self) -> None:
        """Stop generating and release the model for the next call."""
        self._cancel.set()
        # Running in another thread right now (ValueError): the cancel flag stops it at its next token.
        with contextlib.suppress(ValueError):
            self._parts.close()


_DONE: Final = object()


class AsyncLocalPartStream(AsyncIterator[StreamPart]):
    """Async twin of :class:`LocalPartStream`: each part is computed in a worker thread."""

    def __init__(self, parts: LocalPartStream) -> None:
        self._parts = parts

    def __aiter__(self) -> AsyncLocalPartStream:
        return self

    def _next_or_done(self) -> object:
        return next(self._parts, _DONE)

    async def __anext__(self) -> StreamPart:
        import anyio.to_thread

        try:
            # Not abandoned on cancellation: the worker finishes the token it is on, then the stream closes, so
            # the model is never left generating for a consumer that is gone.
            part = await anyio.to_thread.run_sync(self._next_or_done)
        except BaseException:
            self._parts.close()
            raise
        if part is _DONE:
            raise StopAsyncIteration
        return part  # type: ignore[return-value]

    async def aclose(self) -> None:
        """Stop generating and release the model for the next call."""
        self._parts.close()


class LlamaCppLanguageModel:
    """A local chat model. Built by :class:`~ai_sdk_core.providers.llama_cpp.LlamaCppProvider`; the file is
    found (and loaded) on the first call, so building one never fails nor costs anything.

    Example::

        from ai_sdk_core import generate_text
        from ai_sdk_core.providers.llama_cpp import llama_cpp

        result = generate_text(model=llama_cpp("default"), prompt="Say hello", temperature=0)
    """

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        model_id: str,
        *,
        model_path: str | Path | None = None,
        settings: LoadSettings | None = None,
        provider: str = "llama-cpp",
    ) -> None:
        self._model_id = model_id
        self._model_path = model_path
        self._settings = settings or LoadSettings()
        self._provider = provider

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model_id={self._model_id!r})"

    @property
    def provider(self) -> str:
        """``"llama-cpp"``."""
        return self._provider

    @property
    def model_id(self) -> str:
        """The id the model was asked for (``"default"``, ``"smollm2-135m-instruct"`` or a GGUF path)."""
        return self._model_id

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]:
        """None: a local model fetches nothing."""
        return {}

    @property
    def model_path(self) -> Path:
        """The GGUF file this model runs (raises when it does not exist)."""
        return resolve_model_path(self._model_id, self._model_path)

    def load(self) -> LoadedModel:
        """Load the model now (it is otherwise loaded by the first call); cached for the process."""
        return load_model(self.model_path, self._settings)

    def _prepare(self, options: CallOptions) -> tuple[GenerationRequest, PreparedTools | None, list[CallWarning]]:
        local_options = parse_provider_options(options.provider_options, PROVIDER_OPTIONS_NAME, LlamaCppOptions)
        prepared, warnings = prepare_tools(options.tools, options.tool_choice)
        if options.reasoning not in (None, "none"):
            warnings.append(CallWarning(type="unsupported", feature="reasoning"))
        instructions: list[str] = []
        grammar: str | None = None
        json_format = options.response_format is not None and options.response_format.type == "json"
        if prepared is not None:
            instructions.append(tools_instruction(prepared.tools, required=prepared.required))
            grammar = tool_grammar(prepared)
            if json_format:
                warnings.append(CallWarning(type="unsupported", feature="responseFormat", details="with tools"))
        elif json_format and options.response_format is not None:
            instructions.append(response_format_instruction(options.response_format) or "")
            grammar = json_grammar(options.response_format.schema)
        request = GenerationRequest(
            messages=convert_to_chat_messages(options.prompt, instructions=instructions),
            max_tokens=options.max_output_tokens,
            temperature=options.temperature,
            top_p=options.top_p,
            top_k=options.top_k,
            min_p=local_options.min_p,
            typical_p=local_options.typical_p,
            repeat_penalty=local_options.repeat_penalty,
            presence_penalty=options.presence_penalty,
            frequency_penalty=options.frequency_penalty,
            stop_sequences=tuple(options.stop_sequences or ()),
            seed=options.seed,
            grammar=grammar,
        )
        return request, prepared, warnings

    def _request_info(self, request: GenerationRequest) -> RequestInfo:
        body: dict[str, Any] = {"messages": request.messages, **request.sampling_arguments()}
        body.update(max_tokens=request.max_tokens, stop=list(request.stop_sequences), seed=request.seed)
        if request.grammar is not None:
            body["grammar"] = request.grammar
        return RequestInfo(body=body)

    def _parts(
        self,
        loaded: LoadedModel,
        request: GenerationRequest,
        prepared: PreparedTools | None,
        warnings: list[CallWarning],
        cancel: threading.Event,
    ) -> Generator[StreamPart, None, None]:
        outcome = GenerationOutcome()
        calls: list[ToolCallContent] = []
        yield StreamStart(warnings=tuple(warnings))
        yield ResponseMetadata(
            id=f"local-{uuid.uuid4().hex[:24]}", timestamp=datetime.now(UTC), model_id=loaded.path.name
        )
        deltas = generate_text_deltas(loaded, request, cancel, outcome)
        try:
            yield from content_parts(deltas, prepared, calls)
        finally:
            deltas.close()
        if outcome.finish_reason == "cancelled":
            return
        yield Finish(
            usage=usage(outcome.prompt_tokens, outcome.completion_tokens),
            finish_reason=finish_reason(outcome.finish_reason, called_tool=bool(calls)),
        )

    def _open(self, options: CallOptions, loaded: LoadedModel) -> SyncStreamResult:
        request, prepared, warnings = self._prepare(options)
        cancel = threading.Event()
        stream = LocalPartStream(self._parts(loaded, request, prepared, warnings, cancel), cancel)
        return StreamResult(stream=stream, request=self._request_info(request))

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """Stream the answer: returns once the model is loaded; iterating generates token by token."""
        return self._open(options, self.load())

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """The whole answer (a collected stream)."""
        result = self.do_stream(options)
        stream = result.stream
        try:
            parts = list(stream)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        return collect_generate_result(parts, result.request)

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """Async twin of :meth:`do_stream`: loading and each token run in a worker thread."""
        import anyio.to_thread

        loaded = await anyio.to_thread.run_sync(self.load)
        result = self._open(options, loaded)
        stream = result.stream
        assert isinstance(stream, LocalPartStream)
        return StreamResult(stream=AsyncLocalPartStream(stream), request=result.request)

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """Async twin of :meth:`do_generate`; cancelling it stops the generation at the next token."""
        result = await self.ado_stream(options)
        stream = result.stream
        parts: list[StreamPart] = []
        try:
            async for part in stream:
                parts.append(part)
        finally:
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                await aclose()
        return collect_generate_result(parts, result.request)
