"""The logging middleware (what it logs, and that it never logs secrets) and ``wrap_embedding_model``."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Generator
from typing import Any

import pytest

from ai_sdk_core.middleware import (
    EmbeddingModelMiddleware,
    call_embed,
    logging_middleware,
    wrap_embedding_model,
    wrap_language_model,
)
from ai_sdk_core.middleware.embedding import EmbedRequest
from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingModel, EmbeddingResult
from ai_sdk_core.spec.errors import APICallError, InvalidArgumentError
from ai_sdk_core.spec.tools import FunctionTool
from ai_sdk_core.testing.mock_models import (
    MockEmbeddingModel,
    MockLanguageModel,
    mock_text_result,
    mock_usage,
    simulate_stream,
    text_stream_parts,
)
from tests.middleware.drive import Driver, options

pytestmark = pytest.mark.anyio

SECRET = "sk-live-very-secret"


def _call() -> Any:
    return options(
        "private prompt text",
        temperature=0.3,
        tools=[FunctionTool(name="weather", input_schema={"type": "object"})],
        headers={"Authorization": f"Bearer {SECRET}", "x-api-key": SECRET},
        provider_options={"acme": {"api_key": SECRET}},
    )


async def test_generate_is_logged_without_secrets(driver: Driver, caplog: pytest.LogCaptureFixture) -> None:
    model = MockLanguageModel(do_generate=mock_text_result("x", usage=mock_usage(7, 11)), model_id="m1")
    logger = logging.getLogger("tests.middleware.calls")
    with caplog.at_level(logging.INFO, logger="tests.middleware.calls"):
        await driver.generate(wrap_language_model(model, logging_middleware(logger)), _call())
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert "generate mock-provider:m1" in messages[0]
    assert "messages=1" in messages[0] and "'weather'" in messages[0] and "'temperature': 0.3" in messages[0]
    assert "finish_reason=stop" in messages[1] and "input_tokens=7 output_tokens=11" in messages[1]
    assert "duration_ms=" in messages[1]
    logged = "\n".join(messages)
    assert SECRET not in logged and "private prompt text" not in logged and "Authorization" not in logged


async def test_stream_outcome_is_logged_when_it_ends(driver: Driver, caplog: pytest.LogCaptureFixture) -> None:
    model = MockLanguageModel(do_stream=text_stream_parts("a", usage=mock_usage(2, 3)))
    with caplog.at_level(logging.DEBUG, logger="ai_sdk_core.middleware"):
        streamed = await driver.stream(wrap_language_model(model, logging_middleware(level=logging.DEBUG)), _call())
    assert streamed.text == "a"
    messages = [record.getMessage() for record in caplog.records]
    assert [record.levelno for record in caplog.records] == [logging.DEBUG, logging.DEBUG]
    assert messages[0].startswith("stream ") and "input_tokens=2 output_tokens=3" in messages[1]
    assert SECRET not in "\n".join(messages)


async def test_errors_are_logged_by_type_and_status(driver: Driver, caplog: pytest.LogCaptureFixture) -> None:
    error = APICallError(f"rejected key {SECRET}", url="https://x", status_code=401, response_body=SECRET)
    model = MockLanguageModel(do_generate=error)
    with caplog.at_level(logging.INFO, logger="ai_sdk_core.middleware"), pytest.raises(APICallError):
        await driver.generate(wrap_language_model(model, logging_middleware()), _call())
    last = caplog.records[-1]
    assert last.levelno == logging.WARNING
    assert "error=APICallError status_code=401" in last.getMessage() and SECRET not in last.getMessage()


async def test_a_stream_failing_midway_is_logged(driver: Driver, caplog: pytest.LogCaptureFixture) -> None:
    parts = [*text_stream_parts("a")[:3], APICallError("reset", url="https://x", status_code=502)]
    model = MockLanguageModel(do_stream=lambda _: simulate_stream(parts))
    with caplog.at_level(logging.INFO, logger="ai_sdk_core.middleware"):
        streamed = await driver.stream(wrap_language_model(model, logging_middleware()), _call())
    assert isinstance(streamed.error, APICallError) and streamed.text == "a"
    last = caplog.records[-1]
    assert last.levelno == logging.WARNING and "stream" in last.getMessage()
    assert "error=APICallError status_code=502" in last.getMessage()


class Prefix(EmbeddingModelMiddleware):
    """Adds a prefix to every value and doubles the reported tokens."""

    def transform_params(self, options: EmbeddingCallOptions, *, model: EmbeddingModel) -> EmbeddingCallOptions:
        return dataclasses.replace(options, values=[f"query: {value}" for value in options.values])

    def wrap_embed(
        self, options: EmbeddingCallOptions, model: EmbeddingModel
    ) -> Generator[EmbedRequest, Any, EmbeddingResult]:
        result = yield from call_embed(options)
        assert result.usage is not None
        return dataclasses.replace(
            result, usage=dataclasses.replace(result.usage, tokens=(result.usage.tokens or 0) * 2)
        )


async def test_embedding_middleware_sync_and_async(driver: Driver) -> None:
    model = MockEmbeddingModel(max_embeddings_per_call=8)
    wrapped = wrap_embedding_model(model, Prefix(), model_id="renamed")
    call = EmbeddingCallOptions(values=["a", "bb"])
    result = wrapped.do_embed(call) if driver.mode == "sync" else await wrapped.ado_embed(call)
    assert [options.values for options in model.calls] == [["query: a", "query: bb"]]
    assert result.embeddings == [[8.0, 1.0], [9.0, 1.0]]
    assert result.usage is not None and result.usage.tokens == 8
    assert (wrapped.model_id, wrapped.provider, wrapped.max_embeddings_per_call) == ("renamed", "mock-provider", 8)
    assert isinstance(wrapped, EmbeddingModel)
    with pytest.raises(InvalidArgumentError):
        wrap_embedding_model(model, [])
