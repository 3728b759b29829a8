"""Runs a model's I/O methods in one flavour, so each provider test body is written once for sync and async.

Provider test packages use the ``io`` fixture below (re-exported from their ``conftest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ai_sdk_core.spec import CallOptions, EmbeddingCallOptions, EmbeddingResult, GenerateResult, StreamPart

__all__ = ["Driver", "io"]


@dataclass(slots=True)
class Driver:
    """``mode`` is ``"sync"`` (the blocking methods) or ``"async"`` (their awaitable twins)."""

    mode: str

    async def generate(self, model: Any, options: CallOptions) -> GenerateResult:
        if self.mode == "sync":
            result: GenerateResult = model.do_generate(options)
            return result
        result = await model.ado_generate(options)
        return result

    async def stream(self, model: Any, options: CallOptions) -> list[StreamPart]:
        if self.mode == "sync":
            return list(model.do_stream(options).stream)
        result = await model.ado_stream(options)
        return [part async for part in result.stream]

    async def embed(self, model: Any, options: EmbeddingCallOptions) -> EmbeddingResult:
        if self.mode == "sync":
            embedded: EmbeddingResult = model.do_embed(options)
            return embedded
        embedded = await model.ado_embed(options)
        return embedded


@pytest.fixture(params=["sync", "async"])
def io(request: pytest.FixtureRequest) -> Driver:
    """Each test using it runs twice: once through the sync methods, once through the async ones."""
    return Driver(request.param)
