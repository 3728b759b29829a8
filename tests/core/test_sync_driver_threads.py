"""The sync driver's threads: tools in parallel keep the caller's contextvars, async callbacks share one loop."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import Any

import pytest

from ai_sdk_core import step_count_is, stream_text, tool
from ai_sdk_core.testing.mock_models import (
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
    text_stream_parts,
    tool_call_stream_parts,
)
from tests.core.conftest import Api

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")


@pytest.mark.anyio
async def test_parallel_tools_see_the_callers_context_variables(api: Api) -> None:
    seen: dict[str, str] = {}
    both_started = threading.Barrier(2, timeout=10)

    @tool
    def first(city: str) -> str:
        """First tool."""
        both_started.wait()  # proves the two tools really run at once, in two threads
        seen["first"] = request_id.get()
        return "a"

    @tool
    def second(city: str) -> str:
        """Second tool."""
        both_started.wait()
        seen["second"] = request_id.get()
        return "b"

    model = MockLanguageModel(
        do_generate=[
            mock_tool_call_result(("c1", "first", {"city": "x"}), ("c2", "second", {"city": "y"})),
            mock_text_result("done"),
        ]
    )
    token = request_id.set("request-42")
    try:
        result = await api.generate(
            model=model, prompt="go", tools={"first": first, "second": second}, stop_when=step_count_is(2)
        )
    finally:
        request_id.reset(token)
    assert result.text == "done"
    assert seen == {"first": "request-42", "second": "request-42"}


def test_async_callbacks_and_tools_of_one_sync_run_share_one_loop() -> None:
    loops: list[asyncio.AbstractEventLoop] = []
    threads: list[int] = []

    def record() -> None:
        loops.append(asyncio.get_running_loop())  # kept alive: no id reuse can fake equality
        threads.append(threading.get_ident())

    async def on_chunk(event: Any) -> None:
        record()

    async def on_step_end(step: Any) -> None:
        record()

    async def lookup(city: str) -> str:
        """Look a city up."""
        record()
        return "sunny"

    model = MockLanguageModel(
        do_stream=[tool_call_stream_parts(("c1", "lookup", {"city": "x"})), text_stream_parts("a", "b", "c")]
    )
    result = stream_text(
        model=model,
        prompt="go",
        tools={"lookup": tool(lookup)},
        stop_when=step_count_is(2),
        on_chunk=on_chunk,
        on_step_end=on_step_end,
    )
    assert "".join(result.text_stream) == "abc"
    assert len(loops) >= 6  # chunks of both steps, the tool, two step ends
    assert all(loop is loops[0] for loop in loops)
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()
    # The run ended: its private loop is closed and its thread is gone.
    assert loops[0].is_closed()
    assert threads[0] not in {thread.ident for thread in threading.enumerate()}


def test_sync_run_without_async_callbacks_starts_no_thread() -> None:
    before = {thread.ident for thread in threading.enumerate()}
    chunks: list[Any] = []
    model = MockLanguageModel(do_stream=text_stream_parts("a", "b"))
    result = stream_text(model=model, prompt="go", on_chunk=chunks.append)
    assert "".join(result.text_stream) == "ab"
    assert len(chunks) == 2
    assert {thread.ident for thread in threading.enumerate()} <= before
