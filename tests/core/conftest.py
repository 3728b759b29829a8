"""Fixtures of the core tests: every scenario runs through the sync API and the async API alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ai_sdk_core import (
    GenerateTextResult,
    LanguageModelUsage,
    StepResult,
    TextStreamPart,
    agenerate_text,
    astream_text,
    generate_text,
    stream_text,
)


@dataclass
class StreamOutcome:
    """Everything a stream produced, read back the way a user would."""

    parts: list[TextStreamPart]
    text: str
    steps: list[StepResult]
    total_usage: LanguageModelUsage
    finish_reason: str
    error: BaseException | None


class Api:
    """Runs ``generate_text``/``stream_text`` (mode ``sync``) or their async twins (mode ``async``).

    The sync flavour is called from inside the async test on purpose: the sync API must work in a thread
    whose event loop is running.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def generate(self, **arguments: Any) -> GenerateTextResult:
        if self.mode == "sync":
            return generate_text(**arguments)
        return await agenerate_text(**arguments)

    async def stream(self, **arguments: Any) -> StreamOutcome:
        if self.mode == "sync":
            result = stream_text(**arguments)
            parts = list(result.full_stream)
            return StreamOutcome(
                parts, result.text, result.steps, result.total_usage, result.finish_reason, result.error
            )
        async_result = astream_text(**arguments)
        async_parts = [part async for part in async_result.full_stream]
        return StreamOutcome(
            async_parts,
            await async_result.text,
            await async_result.steps,
            await async_result.total_usage,
            await async_result.finish_reason,
            await async_result.error,
        )


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest) -> Api:
    return Api(request.param)
