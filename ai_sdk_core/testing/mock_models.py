"""Test doubles for models: script what a model returns, then assert on what it was sent.

Example::

    from ai_sdk_core import generate_text
    from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, text_stream_parts

    model = MockLanguageModel(do_generate=mock_text_result("Hello!"))
    assert generate_text(model=model, prompt="Hi").text == "Hello!"
    assert model.calls[0].prompt[0].content[0].text == "Hi"

    streaming = MockLanguageModel(do_stream=text_stream_parts("Hel", "lo"))

``do_generate``/``do_stream`` accept a fixed value, a callable receiving the ``CallOptions``, or a list (one
entry per call, in order). The same script serves the sync and async methods.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import Any, Literal

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content, TextContent, ToolCallContent
from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingResult, EmbeddingUsage
from ai_sdk_core.spec.finish_reason import FinishReason, UnifiedFinishReason
from ai_sdk_core.spec.image_model import ImageCallOptions, ImageResult
from ai_sdk_core.spec.language_model import AsyncStreamResult, GenerateResult, StreamResult, SyncStreamResult
from ai_sdk_core.spec.reranking_model import RerankCallOptions, RerankResult
from ai_sdk_core.spec.shared import ProviderMetadata, RequestInfo, ResponseInfo
from ai_sdk_core.spec.speech_model import SpeechCallOptions, SpeechResult
from ai_sdk_core.spec.stream_parts import (
    Finish,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ai_sdk_core.spec.transcription_model import TranscriptionCallOptions, TranscriptionResult
from ai_sdk_core.spec.usage import InputTokens, OutputTokens, Usage

__all__ = [
    "MockEmbeddingModel",
    "MockImageModel",
    "MockLanguageModel",
    "MockRerankingModel",
    "MockSpeechModel",
    "MockStream",
    "MockTranscriptionModel",
    "mock_text_result",
    "mock_tool_call_result",
    "mock_usage",
    "simulate_stream",
    "text_stream_parts",
    "tool_call_stream_parts",
]


def mock_usage(input_tokens: int | None = 3, output_tokens: int | None = 10) -> Usage:
    """A spec ``Usage`` with the given totals."""
    return Usage(input_tokens=InputTokens(total=input_tokens), output_tokens=OutputTokens(total=output_tokens))


def _finish(reason: UnifiedFinishReason) -> FinishReason:
    return FinishReason(unified=reason, raw=reason)


def mock_text_result(
    text: str,
    *,
    usage: Usage | None = None,
    finish_reason: UnifiedFinishReason = "stop",
    provider_metadata: ProviderMetadata | None = None,
    response: ResponseInfo | None = None,
) -> GenerateResult:
    """A ``GenerateResult`` with one text part: ``mock_text_result("hi", usage=mock_usage(1, 2))``."""
    return GenerateResult(
        content=[TextContent(text=text, provider_metadata=provider_metadata)],
        finish_reason=_finish(finish_reason),
        usage=usage or mock_usage(),
        response=response or ResponseInfo(),
    )


def mock_tool_call_result(
    *calls: tuple[str, str, Any],
    text: str | None = None,
    usage: Usage | None = None,
    provider_metadata: ProviderMetadata | None = None,
) -> GenerateResult:
    """A ``GenerateResult`` calling tools: each call is ``(tool_call_id, tool_name, input)``; ``input`` is a
    JSON string, or any value (it is serialised)."""
    from ai_sdk_core.provider_utils.json import to_json_str

    content: list[Content] = [TextContent(text=text)] if text else []
    for tool_call_id, tool_name, tool_input in calls:
        content.append(
            ToolCallContent(
                tool_call_id=tool_call_id,
                tool_name=tool_name,
                input=tool_input if isinstance(tool_input, str) else to_json_str(tool_input),
                provider_metadata=provider_metadata,
            )
        )
    return GenerateResult(content=content, finish_reason=_finish("tool-calls"), usage=usage or mock_usage())


def text_stream_parts(
    *deltas: str, usage: Usage | None = None, finish_reason: UnifiedFinishReason = "stop"
) -> list[StreamPart]:
    """Parts of a stream answering ``"".join(deltas)``: start, text-start/delta.../end, finish."""
    parts: list[StreamPart] = [StreamStart(), TextStart(id="text-1")]
    parts.extend(TextDelta(id="text-1", delta=delta) for delta in deltas)
    parts.append(TextEnd(id="text-1"))
    parts.append(Finish(usage=usage or mock_usage(), finish_reason=_finish(finish_reason)))
    return parts


def tool_call_stream_parts(*calls: tuple[str, str, Any], usage: Usage | None = None) -> list[StreamPart]:
    """Parts of a stream calling tools (``(tool_call_id, tool_name, input)`` each), input streamed in one delta."""
    from ai_sdk_core.provider_utils.json import to_json_str

    parts: list[StreamPart] = [StreamStart()]
    for tool_call_id, tool_name, tool_input in calls:
        text = tool_input if isinstance(tool_input, str) else to_json_str(tool_input)
        parts.append(ToolInputStart(id=tool_call_id, tool_name=tool_name))
        parts.append(ToolInputDelta(id=tool_call_id, delta=text))
        parts.append(ToolInputEnd(id=tool_call_id))
        parts.append(ToolCallContent(tool_call_id=tool_call_id, tool_name=tool_name, input=text))
    parts.append(Finish(usage=usage or mock_usage(), finish_reason=_finish("tool-calls")))
    return parts


class MockStream:
    """Iterates parts (sync and async); an exception instance among the parts is raised when reached.

    ``closed`` tells whether the consumer closed it, ``consumed`` how many parts were handed out.
    """

    def __init__(self, parts: Sequence[StreamPart | BaseException], delay: float | None = None) -> None:
        self._parts = list(parts)
        self._delay = delay
        self.closed = False
        self.consumed = 0

    def _next(self) -> StreamPart:
        if self.closed or self.consumed >= len(self._parts):
            raise IndexError
        item = self._parts[self.consumed]
        self.consumed += 1
        if isinstance(item, BaseException):
            raise item
        return item

    def __iter__(self) -> Iterator[StreamPart]:
        return self

    def __next__(self) -> StreamPart:
        if self._delay:
            time.sleep(self._delay)
        try:
            return self._next()
        except IndexError:
            raise StopIteration from None

    def __aiter__(self) -> AsyncIterator[StreamPart]:
        return self

    async def __anext__(self) -> StreamPart:
        if self._delay:
            import anyio

            await anyio.sleep(self._delay)
        try:
            return self._next()
        except IndexError:
            raise StopAsyncIteration from None

    def close(self) -> None:
        """Mark closed (a real stream would release its HTTP response)."""
        self.closed = True

    async def aclose(self) -> None:
        """Async twin of :meth:`close`."""
        self.closed = True


def simulate_stream(parts: Sequence[StreamPart | BaseException], delay: float | None = None) -> MockStream:
    """A stream of ``parts`` usable with ``for`` and ``async for``; ``delay`` seconds before each part.

    Put an exception among the parts to simulate a connection cut at that point.
    """
    return MockStream(parts, delay)


Script = Any  # a value, a callable of the CallOptions, or a list of those (one per call)


class MockLanguageModel:
    """A scripted language model implementing the four spec methods; ``calls`` records each ``CallOptions``.

    ``do_generate``: a ``GenerateResult`` (or an exception to raise), a callable returning one, or a list of
    those consumed one per call. ``do_stream``: a list of parts, a ``MockStream``, a callable, or a list of
    those per call (a list whose first item is itself a list, a stream or an exception counts as per-call; an
    exception there is raised by the call itself). A callable may return any iterator or async iterator of
    parts. ``streams`` keeps each stream handed out, so tests can check it was closed.
    """

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        *,
        do_generate: Script = None,
        do_stream: Script = None,
        provider: str = "mock-provider",
        model_id: str = "mock-model-id",
        supported_urls: Mapping[str, Sequence[re.Pattern[str]]] | None = None,
    ) -> None:
        self.do_generate_script = do_generate
        self.do_stream_script = do_stream
        self.provider = provider
        self.model_id = model_id
        self.supported_urls = supported_urls or {}
        self.calls: list[CallOptions] = []
        self.streams: list[Any] = []
        self._generate_index = 0
        self._stream_index = 0

    def _generate(self, options: CallOptions) -> GenerateResult:
        self.calls.append(options)
        script = self.do_generate_script
        if isinstance(script, list):
            if self._generate_index >= len(script):
                raise AssertionError(f"MockLanguageModel: no scripted result for generate call {self._generate_index}")
            script = script[self._generate_index]
        self._generate_index += 1
        value = script(options) if callable(script) and not isinstance(script, GenerateResult) else script
        if isinstance(value, BaseException):
            raise value
        if not isinstance(value, GenerateResult):
            raise AssertionError("MockLanguageModel: do_generate is not scripted")
        return value

    def _is_per_call(self, script: Any) -> bool:
        return isinstance(script, list) and bool(script) and isinstance(script[0], list | MockStream | BaseException)

    def _stream(self, options: CallOptions) -> Any:
        self.calls.append(options)
        script = self.do_stream_script
        if self._is_per_call(script):
            if self._stream_index >= len(script):
                raise AssertionError(f"MockLanguageModel: no scripted stream for call {self._stream_index}")
            script = script[self._stream_index]
        self._stream_index += 1
        value = script(options) if callable(script) else script
        if isinstance(value, BaseException):
            raise value
        if value is None:
            raise AssertionError("MockLanguageModel: do_stream is not scripted")
        # A ready-made iterator (sync or async) is used as is; anything else is a sequence of parts.
        is_iterator = hasattr(value, "__next__") or hasattr(value, "__anext__")
        stream = value if is_iterator else MockStream(value)
        self.streams.append(stream)
        return stream

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """The scripted result for this call."""
        return self._generate(options)

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """The scripted result for this call."""
        return self._generate(options)

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """The scripted stream for this call."""
        return StreamResult(stream=self._stream(options), request=RequestInfo(body={"mock": True}))

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """The scripted stream for this call."""
        return StreamResult(stream=self._stream(options), request=RequestInfo(body={"mock": True}))


class MockEmbeddingModel:
    """A scripted embedding model. ``embed`` maps one value to its vector (default: a vector from its length);
    ``calls`` records each ``EmbeddingCallOptions``."""

    specification_version: Literal["v4"] = "v4"

    def __init__(
        self,
        *,
        embed: Callable[[str], list[float]] | None = None,
        provider: str = "mock-provider",
        model_id: str = "mock-embedding-model-id",
        max_embeddings_per_call: int | None = None,
        supports_parallel_calls: bool = True,
    ) -> None:
        self._embed = embed or (lambda value: [float(len(value)), 1.0])
        self.provider = provider
        self.model_id = model_id
        self.max_embeddings_per_call = max_embeddings_per_call
        self.supports_parallel_calls = supports_parallel_calls
        self.calls: list[EmbeddingCallOptions] = []

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """One vector per value, in order."""
        self.calls.append(options)
        if self.max_embeddings_per_call is not None and len(options.values) > self.max_embeddings_per_call:
            raise ValueError(f"too many values: {len(options.values)} > {self.max_embeddings_per_call}")
        return EmbeddingResult(
            embeddings=[self._embed(value) for value in options.values],
            usage=EmbeddingUsage(tokens=sum(len(value.split()) for value in options.values)),
        )

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Async twin of :meth:`do_embed`."""
        return self.do_embed(options)


class _ScriptedModel:
    """Shared by the media mocks: a fixed result (or exception), a callable of the options, or a list per call."""

    specification_version: Literal["v4"] = "v4"

    def __init__(self, script: Any, *, provider: str, model_id: str) -> None:
        self.script = script
        self.provider = provider
        self.model_id = model_id
        self.calls: list[Any] = []

    def _next(self, options: Any) -> Any:
        index = len(self.calls)
        self.calls.append(options)
        script = self.script
        if isinstance(script, list):
            if index >= len(script):
                raise AssertionError(f"{type(self).__name__}: no scripted result for call {index}")
            script = script[index]
        value = script(options) if callable(script) and not isinstance(script, BaseException) else script
        if isinstance(value, BaseException):
            raise value
        if value is None:
            raise AssertionError(f"{type(self).__name__}: not scripted")
        return value


class MockImageModel(_ScriptedModel):
    """A scripted image model. ``do_generate``: an ``ImageResult``, an exception, a callable of the
    ``ImageCallOptions``, or a list of those per call; by default one tiny PNG per requested image."""

    def __init__(
        self,
        *,
        do_generate: Any = None,
        provider: str = "mock-provider",
        model_id: str = "mock-image-model-id",
        max_images_per_call: int | None = 1,
    ) -> None:
        super().__init__(
            do_generate
            or (
                lambda options: ImageResult(
                    images=[b"\x89PNG\r\n\x1a\n" + bytes([index]) for index in range(options.n)]
                )
            ),
            provider=provider,
            model_id=model_id,
        )
        self.max_images_per_call = max_images_per_call

    def do_generate(self, options: ImageCallOptions) -> ImageResult:
        """The scripted result for this call."""
        result: ImageResult = self._next(options)
        return result

    async def ado_generate(self, options: ImageCallOptions) -> ImageResult:
        """The scripted result for this call."""
        return self.do_generate(options)


class MockSpeechModel(_ScriptedModel):
    """A scripted speech model (``do_generate`` as for :class:`MockImageModel`; default: a few MP3 bytes)."""

    def __init__(
        self, *, do_generate: Any = None, provider: str = "mock-provider", model_id: str = "mock-speech-model-id"
    ) -> None:
        super().__init__(
            do_generate or SpeechResult(audio=b"ID3\x04\x00mock-audio"), provider=provider, model_id=model_id
        )

    def do_generate(self, options: SpeechCallOptions) -> SpeechResult:
        """The scripted result for this call."""
        result: SpeechResult = self._next(options)
        return result

    async def ado_generate(self, options: SpeechCallOptions) -> SpeechResult:
        """The scripted result for this call."""
        return self.do_generate(options)


class MockTranscriptionModel(_ScriptedModel):
    """A scripted transcription model (``do_generate`` as for :class:`MockImageModel`; default: "mock")."""

    def __init__(
        self,
        *,
        do_generate: Any = None,
        provider: str = "mock-provider",
        model_id: str = "mock-transcription-model-id",
    ) -> None:
        super().__init__(do_generate or TranscriptionResult(text="mock"), provider=provider, model_id=model_id)

    def do_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult:
        """The scripted result for this call."""
        result: TranscriptionResult = self._next(options)
        return result

    async def ado_generate(self, options: TranscriptionCallOptions) -> TranscriptionResult:
        """The scripted result for this call."""
        return self.do_generate(options)


class MockRerankingModel(_ScriptedModel):
    """A scripted reranking model. ``do_rerank``: a ``RerankResult``, an exception, a callable of the
    ``RerankCallOptions``, or a list of those per call."""

    def __init__(
        self, *, do_rerank: Any = None, provider: str = "mock-provider", model_id: str = "mock-reranking-model-id"
    ) -> None:
        super().__init__(do_rerank, provider=provider, model_id=model_id)

    def do_rerank(self, options: RerankCallOptions) -> RerankResult:
        """The scripted result for this call."""
        result: RerankResult = self._next(options)
        return result

    async def ado_rerank(self, options: RerankCallOptions) -> RerankResult:
        """The scripted result for this call."""
        return self.do_rerank(options)
