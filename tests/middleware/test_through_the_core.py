"""Wrapped and fallback models used through the public ``generate_text``/``stream_text`` API."""

from __future__ import annotations

import pytest

from ai_sdk_core import agenerate_text, astream_text, generate_text, stream_text
from ai_sdk_core.fallback import fallback_model
from ai_sdk_core.middleware import extract_reasoning_middleware, simulate_streaming_middleware, wrap_language_model
from ai_sdk_core.spec.errors import APICallError
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, simulate_stream, text_stream_parts
from tests.middleware.drive import Driver

pytestmark = pytest.mark.anyio


async def test_reasoning_middleware_feeds_reasoning_text(driver: Driver) -> None:
    model = wrap_language_model(
        MockLanguageModel(do_stream=text_stream_parts("<think>pl", "an</think>Ans", "wer")),
        extract_reasoning_middleware(),
    )
    if driver.mode == "sync":
        result = stream_text(model=model, prompt="q")
        text, reasoning = result.text, result.reasoning_text
    else:
        async_result = astream_text(model=model, prompt="q")
        text, reasoning = await async_result.text, await async_result.reasoning_text
    assert (text, reasoning) == ("Answer", "plan")


async def test_simulated_streaming_through_stream_text(driver: Driver) -> None:
    model = wrap_language_model(
        MockLanguageModel(do_generate=mock_text_result("whole")), simulate_streaming_middleware()
    )
    if driver.mode == "sync":
        chunks = list(stream_text(model=model, prompt="q").text_stream)
    else:
        chunks = [chunk async for chunk in astream_text(model=model, prompt="q").text_stream]
    assert chunks == ["whole"]


async def test_fallback_model_through_generate_text(driver: Driver) -> None:
    primary = MockLanguageModel(do_generate=APICallError("busy", url="https://x", status_code=429))
    secondary = MockLanguageModel(model_id="backup", do_generate=mock_text_result("from backup"))
    model = fallback_model([primary, secondary])
    if driver.mode == "sync":
        result = generate_text(model=model, prompt="q", max_retries=0)
    else:
        result = await agenerate_text(model=model, prompt="q", max_retries=0)
    assert result.text == "from backup"
    assert result.response.model_id == "backup"
    assert result.provider_metadata is not None and result.provider_metadata["fallback"]["model_index"] == 1


async def test_fallback_model_through_stream_text(driver: Driver) -> None:
    primary = MockLanguageModel(do_stream=lambda _: simulate_stream([APICallError("busy", url="https://x")]))
    secondary = MockLanguageModel(model_id="backup", do_stream=text_stream_parts("str", "eamed"))
    model = fallback_model([primary, secondary])
    if driver.mode == "sync":
        text = stream_text(model=model, prompt="q", max_retries=0).text
    else:
        text = await astream_text(model=model, prompt="q", max_retries=0).text
    assert text == "streamed"
