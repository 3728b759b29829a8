"""``timeout=`` (total) spans the whole run: retries get what is left, and no backoff sleeps past the deadline."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ai_sdk_core import agenerate_text, generate_text
from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.spec import APICallError, CallOptions, RetryError, TimeoutBudgetError, TimeoutConfig
from ai_sdk_core.testing.fault_server import FaultServer, Reply
from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, text_stream_parts
from tests.core.conftest import Api

pytestmark = pytest.mark.anyio


def _failing(asks: list[str], totals: list[float | None]) -> Any:
    """A model call that fails with a retryable 500 asking ``retry-after-ms`` ``asks[n]`` on the n-th attempt."""

    def call(options: CallOptions) -> Any:
        totals.append(options.timeout.total if options.timeout is not None else None)
        ask = asks[min(len(totals) - 1, len(asks) - 1)]
        return APICallError(
            "server error", url="http://127.0.0.1/x", status_code=500, response_headers={"retry-after-ms": ask}
        )

    return call


@pytest.mark.parametrize("flavour", ["generate", "stream"])
async def test_retry_waits_count_against_the_total_budget(api: Api, flavour: str) -> None:
    totals: list[float | None] = []
    script = _failing(["10", "20000"], totals)
    model = MockLanguageModel(do_generate=script, do_stream=script)
    arguments: dict[str, Any] = {"model": model, "prompt": "hi", "timeout": 5.0, "max_retries": 3}
    if flavour == "generate":
        with pytest.raises(TimeoutBudgetError) as caught:
            await api.generate(**arguments)
        error: BaseException | None = caught.value
    else:
        error = (await api.stream(**arguments)).error
    # Second attempt asked for 20 s with less than 5 s left: give up now instead of sleeping then failing.
    assert isinstance(error, TimeoutBudgetError)
    assert error.budget == "total" and error.seconds == 5.0
    assert isinstance(error.__cause__, APICallError)
    assert len(totals) == 2
    # Each attempt is told what is left of the run's budget, not the whole budget again.
    first, second = totals
    assert first is not None and second is not None
    assert first <= 5.0 and second < first


async def test_successful_retry_within_the_budget_still_succeeds(api: Api) -> None:
    totals: list[float | None] = []
    failing = _failing(["10"], totals)
    model = MockLanguageModel(do_generate=[failing, mock_text_result("ok")], do_stream=text_stream_parts("ok"))
    result = await api.generate(model=model, prompt="hi", timeout=5.0)
    assert result.text == "ok"
    assert len(model.calls) == 2


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_slow_failing_server_ends_with_the_total_budget(mode: str) -> None:
    # The reviewer's repro: 500 after 0.3 s asking for 0.7 s more, with 1 s in total.
    with FaultServer() as server:
        answer = Reply(500, json={"error": {"message": "busy"}}, headers={"retry-after-ms": "700"}, delay=0.3)
        server.script(answer, answer, answer)
        with httpx.Client() as client:
            async with httpx.AsyncClient() as async_client:
                provider = create_openai(
                    api_key="sk-test", base_url=server.url("/v1"), http_client=client, async_http_client=async_client
                )
                with pytest.raises(TimeoutBudgetError) as caught:
                    if mode == "sync":
                        generate_text(model=provider("gpt-4o-mini"), prompt="hi", timeout=1.0)
                    else:
                        await agenerate_text(model=provider("gpt-4o-mini"), prompt="hi", timeout=1.0)
        assert not isinstance(caught.value, RetryError)
        assert caught.value.budget == "total"
        assert len(server.requests) == 1
    assert not server.failures, server.failures


def test_timeout_config_total_is_honoured_like_seconds() -> None:
    totals: list[float | None] = []
    model = MockLanguageModel(do_generate=_failing(["20000"], totals))
    with pytest.raises(TimeoutBudgetError):
        generate_text(model=model, prompt="hi", timeout=TimeoutConfig(total=3.0))
    assert len(totals) == 1
