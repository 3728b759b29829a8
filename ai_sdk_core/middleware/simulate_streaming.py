"""``simulate_streaming_middleware``: answers stream calls with one generate call, replayed as stream parts."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from ai_sdk_core.middleware.core import LanguageModelMiddleware, ModelRequest, StreamReply, call_generate
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import ReasoningContent, TextContent
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import (
    Finish,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseMetadata,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
)

__all__ = ["SimulateStreamingMiddleware", "generate_result_to_stream_parts", "simulate_streaming_middleware"]


def generate_result_to_stream_parts(result: GenerateResult) -> list[StreamPart]:
    """The parts a stream of ``result`` would have produced: start, metadata, each content part, finish."""
    parts: list[StreamPart] = [
        StreamStart(warnings=result.warnings),
        ResponseMetadata(id=result.response.id, timestamp=result.response.timestamp, model_id=result.response.model_id),
    ]
    for index, content in enumerate(result.content):
        if isinstance(content, TextContent):
            part_id = f"text-{index}"
            parts.append(TextStart(id=part_id, provider_metadata=content.provider_metadata))
            parts.append(TextDelta(id=part_id, delta=content.text))
            parts.append(TextEnd(id=part_id))
        elif isinstance(content, ReasoningContent):
            part_id = f"reasoning-{index}"
            parts.append(ReasoningStart(id=part_id, provider_metadata=content.provider_metadata))
            parts.append(ReasoningDelta(id=part_id, delta=content.text))
            parts.append(ReasoningEnd(id=part_id))
        else:
            parts.append(content)
    parts.append(
        Finish(usage=result.usage, finish_reason=result.finish_reason, provider_metadata=result.provider_metadata)
    )
    return parts


class SimulateStreamingMiddleware(LanguageModelMiddleware):
    """See :func:`simulate_streaming_middleware`."""

    def wrap_stream(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, StreamReply]:
        """One generate call, its result as a stream."""
        result = yield from call_generate(options)
        return StreamReply(
            parts=generate_result_to_stream_parts(result), request=result.request, response=result.response
        )


def simulate_streaming_middleware() -> SimulateStreamingMiddleware:
    """For models (or gateways) that cannot stream: ``stream_text`` still works, delivering the answer at once."""
    return SimulateStreamingMiddleware()
