"""Helpers of the structured-output tests: every scenario runs through the sync API and the async API."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core.generate_object import (
    GenerateObjectResult,
    agenerate_object,
    astream_object,
    generate_object,
    stream_object,
)
from ai_sdk_core.generate_text import (
    GenerateTextResult,
    agenerate_text,
    astream_text,
    generate_text,
    stream_text,
)


class Flavour:
    """Calls the sync functions (from inside the async test, on purpose: a sync call must work in a thread
    whose loop runs) or their async twins, and reads stream views the way a user would."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def generate_text(self, **arguments: Any) -> GenerateTextResult:
        if self.mode == "sync":
            return generate_text(**arguments)
        return await agenerate_text(**arguments)

    async def generate_object(self, **arguments: Any) -> GenerateObjectResult:
        if self.mode == "sync":
            return generate_object(**arguments)
        return await agenerate_object(**arguments)

    async def text_view(self, view: str, **arguments: Any) -> tuple[list[Any], Any]:
        """Values of ``view`` of ``stream_text`` and then its ``output`` (the error it raises, if any)."""
        if self.mode == "sync":
            result = stream_text(**arguments)
            values = list(getattr(result, view))
            try:
                return values, result.output
            except Exception as error:
                return values, error
        async_result = astream_text(**arguments)
        async_values = [value async for value in getattr(async_result, view)]
        try:
            return async_values, await async_result.output
        except Exception as error:
            return async_values, error

    async def object_view(self, view: str, **arguments: Any) -> tuple[list[Any], Any]:
        """Values of ``view`` of ``stream_object`` and then its ``object`` (the error it raises, if any)."""
        if self.mode == "sync":
            result = stream_object(**arguments)
            values = list(getattr(result, view))
            try:
                return values, result.object
            except Exception as error:
                return values, error
        async_result = astream_object(**arguments)
        async_values = [value async for value in getattr(async_result, view)]
        try:
            return async_values, await async_result.object
        except Exception as error:
            return async_values, error


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Flavour:
    return Flavour(request.param)
