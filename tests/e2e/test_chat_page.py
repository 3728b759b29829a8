"""The React chat page (example_projects/chat_frontend, useChat + DefaultChatTransport) in headless Chromium,
against each example backend: a streamed answer seen mid-stream, reasoning and a tool call with the model picked
in the page, stop, reload from history, an error with retry. Screenshots go to tests/e2e/artifacts/."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("playwright", reason="the e2e tox env installs playwright")
pytest.importorskip("django", reason="the e2e tox env installs the django extra")
pytest.importorskip("fastapi", reason="the e2e tox env installs the fastapi extra")

from playwright.sync_api import Locator, Page, expect

from ai_sdk_core.spec.content import ToolCallContent, ToolResultContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.stream_parts import (
    Finish,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk_core.testing import mock_usage
from tests.e2e.scripted_model import Gate, ScriptedStreams
from tests.e2e.servers import Backend

expect.set_options(timeout=20_000)  # a loaded 2-core machine; only reached when something is broken
BOUND_SECONDS = 20.0  # waits on the server side; only reached when something is broken


def finish(reason: str = "stop") -> Finish:
    return Finish(usage=mock_usage(), finish_reason=FinishReason(unified=reason, raw=reason))  # type: ignore[arg-type]


def text(*deltas: str | Gate) -> list[Any]:
    """A text block whose deltas may be interrupted by gates."""
    return [
        TextStart(id="t"),
        *(delta if isinstance(delta, Gate) else TextDelta(id="t", delta=delta) for delta in deltas),
        TextEnd(id="t"),
    ]


def open_chat(page: Page, backend: Backend) -> str:
    chat_id = uuid.uuid4().hex
    page.goto(f"{backend.url}/?chat={chat_id}")
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "ready")
    return chat_id


def send(page: Page, message: str) -> None:
    page.get_by_test_id("input").fill(message)
    page.get_by_test_id("send").click()


def assistant(page: Page) -> Locator:
    return page.locator("[data-testid=message][data-role=assistant]").last


def wait_for(event: threading.Event, what: str) -> None:
    if not event.wait(BOUND_SECONDS):
        raise AssertionError(f"never happened: {what}")


def wait_until_saved(page: Page, backend: Backend, chat_id: str, answer: str) -> None:
    """The server stores the conversation once the answer is over; poll its history endpoint for it (the page's
    cookies, so Django's session owns the chat)."""
    for _ in range(int(BOUND_SECONDS / 0.1)):
        response = page.request.get(backend.history_url(chat_id))
        if response.ok and answer in json.dumps(response.json()):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{backend.name} never saved the answer {answer!r}")


def test_answer_streams_incrementally_then_reloads_from_history(
    page: Page, backend: Backend, streams: ScriptedStreams, screenshot: Callable[[str], Any]
) -> None:
    pause = Gate()
    streams.add(StreamStart(), *text("The sky ", "looks ", pause, "blue by day."), finish())
    chat_id = open_chat(page, backend)
    send(page, "What colour is the sky?")

    # The model is paused after two deltas: the page shows them while the answer is still streaming.
    expect(assistant(page).get_by_test_id("text")).to_have_text("The sky looks")
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "streaming")
    expect(page.get_by_test_id("stop")).to_be_visible()
    screenshot("streaming")

    pause.open()
    expect(assistant(page).get_by_test_id("text")).to_have_text("The sky looks blue by day.")
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "ready")
    expect(page.get_by_test_id("send")).to_be_visible()
    screenshot("finished")
    assert streams.model("default").calls, "the picker's default alias answers"

    wait_until_saved(page, backend, chat_id, "blue by day.")
    page.reload()
    messages = page.get_by_test_id("message")
    expect(messages).to_have_count(2)
    expect(messages.first).to_have_text("What colour is the sky?")
    expect(messages.last).to_have_text("The sky looks blue by day.")
    assert f"chat={chat_id}" in page.url
    screenshot("reloaded")


def test_reasoning_and_tool_call_render_with_the_picked_model(
    page: Page, backend: Backend, streams: ScriptedStreams, screenshot: Callable[[str], Any]
) -> None:
    tool_running = Gate()
    streams.add(
        StreamStart(),
        ReasoningStart(id="r"),
        ReasoningDelta(id="r", delta="The user asks about the weather: search for it first."),
        ReasoningEnd(id="r"),
        # A tool the provider runs (web search): the page shows its input, then its output.
        ToolCallContent(
            tool_call_id="call-1",
            tool_name="web_search",
            input=json.dumps({"query": "weather in Paris today"}),
            provider_executed=True,
        ),
        tool_running,
        ToolResultContent(tool_call_id="call-1", tool_name="web_search", result={"forecast": "sunny", "high_c": 24}),
        *text("It is sunny in Paris today, ", "up to 24 °C."),
        finish(),
    )
    open_chat(page, backend)
    expect(page.get_by_test_id("model").locator("option")).to_have_text(["default", "other"])
    page.get_by_test_id("model").select_option("other")
    send(page, "What's the weather in Paris?")

    tool = assistant(page).get_by_test_id("tool")
    expect(tool).to_have_attribute("data-state", "input-available")
    expect(tool).to_have_attribute("data-tool", "web_search")
    expect(tool.get_by_test_id("tool-input")).to_contain_text('"query": "weather in Paris today"')
    expect(tool.get_by_test_id("tool-output")).to_have_count(0)
    screenshot("tool-running")

    tool_running.open()
    expect(tool).to_have_attribute("data-state", "output-available")
    expect(tool.get_by_test_id("tool-output")).to_contain_text('"forecast": "sunny"')
    expect(assistant(page).get_by_test_id("text")).to_have_text("It is sunny in Paris today, up to 24 °C.")
    reasoning = assistant(page).get_by_test_id("reasoning")
    expect(reasoning).not_to_have_attribute("open", "")  # collapsed once it is complete
    reasoning.locator("summary").click()
    expect(reasoning).to_contain_text("search for it first")
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "ready")
    screenshot("tool-finished")
    # The request carried the picked alias as `model`: only that alias's model was called.
    assert len(streams.model("other").calls) == 1
    assert not streams.model("default").calls


def test_stop_mid_stream_keeps_the_partial_answer(
    page: Page, backend: Backend, streams: ScriptedStreams, screenshot: Callable[[str], Any]
) -> None:
    pause = Gate()
    script = streams.add(StreamStart(), *text("Counting: one, ", "two, ", pause, "three."), finish())
    open_chat(page, backend)
    send(page, "Count to three")
    expect(assistant(page).get_by_test_id("text")).to_have_text("Counting: one, two,")

    page.get_by_test_id("stop").click()
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "ready")
    expect(page.get_by_test_id("stop")).to_have_count(0)
    expect(page.get_by_test_id("error")).to_have_count(0)  # stopping is not an error
    screenshot("stopped")

    # Let the server finish its side; the page, no longer reading, keeps the answer as it was when stopped.
    pause.open()
    wait_for(script.finished, "the scripted stream ran to its end")
    expect(assistant(page).get_by_test_id("text")).to_have_text("Counting: one, two,")
    page.get_by_test_id("input").fill("Thanks")
    expect(page.get_by_test_id("send")).to_be_enabled()


def test_error_is_shown_and_retry_regenerates(
    page: Page, backend: Backend, streams: ScriptedStreams, screenshot: Callable[[str], Any]
) -> None:
    streams.add(StreamStart(), RuntimeError("the model fell over"))
    streams.add(StreamStart(), *text("Second time lucky."), finish())
    open_chat(page, backend)
    send(page, "Hello?")

    error = page.get_by_test_id("error")
    expect(error).to_be_visible()
    expect(error.get_by_role("button", name="Retry")).to_be_visible()
    expect(page.get_by_test_id("chat")).to_have_attribute("data-status", "error")
    screenshot("error")

    error.get_by_role("button", name="Retry").click()
    expect(assistant(page).get_by_test_id("text")).to_have_text("Second time lucky.")
    expect(page.get_by_test_id("error")).to_have_count(0)
    expect(page.get_by_test_id("message")).to_have_count(2)  # the failed answer was replaced, not kept
    screenshot("retried")
    assert len(streams.model("default").calls) == 2
