"""Calls a spec model through its sync or its async methods, so every test runs both flavours.

The sync methods are called from inside the async test on purpose: they must work where a loop is running.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.prompt import TextPart, UserMessage
from ai_sdk_core.spec.stream_parts import StreamPart


def options(text: str = "Hi", **settings: Any) -> CallOptions:
    """Call options with one user message."""
    return CallOptions(prompt=[UserMessage(content=[TextPart(text=text)])], **settings)


@dataclass
class Streamed:
    """A consumed stream: its parts, the error that ended it (if any), and the result's response info."""

    parts: list[StreamPart]
    error: BaseException | None = None
    result: Any = field(default=None)

    @property
    def text(self) -> str:
        return "".join(getattr(part, "delta", "") for part in self.parts if part.type == "text-delta")

    @property
    def types(self) -> list[str]:
        return [part.type for part in self.parts]


class Driver:
    """``generate``/``stream`` over ``do_*`` (mode ``sync``) or ``ado_*`` (mode ``async``)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def generate(self, model: Any, call: CallOptions) -> GenerateResult:
        if self.mode == "sync":
            result: GenerateResult = model.do_generate(call)
            return result
        async_result: GenerateResult = await model.ado_generate(call)
        return async_result

    async def stream(self, model: Any, call: CallOptions, *, limit: int | None = None) -> Streamed:
        """Start a stream and read it (at most ``limit`` parts, then close it); errors are caught."""
        parts: list[StreamPart] = []
        if self.mode == "sync":
            result = model.do_stream(call)
            iterator = iter(result.stream)
            try:
                for part in iterator:
                    parts.append(part)
                    if limit is not None and len(parts) >= limit:
                        iterator.close()
                        break
            except Exception as error:
                return Streamed(parts, error, result)
            return Streamed(parts, None, result)
        result = await model.ado_stream(call)
        async_iterator = aiter(result.stream)
        try:
            async for part in async_iterator:
                parts.append(part)
                if limit is not None and len(parts) >= limit:
                    await async_iterator.aclose()
                    break
        except Exception as error:
            return Streamed(parts, error, result)
        return Streamed(parts, None, result)


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    """Each test using it runs once per flavour."""
    return Driver(request.param)
