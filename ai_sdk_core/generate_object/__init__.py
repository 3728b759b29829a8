"""Structured generation: ``generate_object``/``agenerate_object`` and ``stream_object``/``astream_object``."""

from __future__ import annotations

from ai_sdk_core.generate_object.generate_object import (
    GenerateObjectOptions,
    GenerateObjectResult,
    agenerate_object,
    generate_object,
)
from ai_sdk_core.generate_object.stream_object import (
    AsyncStreamObjectResult,
    StreamObjectOptions,
    StreamObjectResult,
    astream_object,
    stream_object,
)

__all__ = [
    "AsyncStreamObjectResult",
    "GenerateObjectOptions",
    "GenerateObjectResult",
    "StreamObjectOptions",
    "StreamObjectResult",
    "agenerate_object",
    "astream_object",
    "generate_object",
    "stream_object",
]
