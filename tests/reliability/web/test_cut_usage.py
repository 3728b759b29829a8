"""Case 10 (usage) end to end: a FastAPI chat under the ``"stop"`` disconnect policy, the model on the Anthropic
wire. The client leaves after the first text delta, the upstream answer is abandoned, and the turn saved by
``on_finish`` still carries the input count Anthropic reported in ``message_start`` (not an unknown usage)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any, Final

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi import FastAPI  # after the skips: the core suite runs without FastAPI

from ai_sdk_core.testing import FaultServer, Handler
from fastapi_ai_sdk import ChatFinish, create_chat_router
from tests.reliability.web.serving import ANSWER, BOUND, SlowVendor, read_then_leave, serving
from tests.reliability.wires import SECRET, make_model

INPUT_TOKENS: Final = 4321
CACHE_READ: Final = 100


class _ReportingVendor(SlowVendor):
    """The slow Anthropic answer, its ``message_start`` reporting recognisable input and cache counts."""

    def __init__(self) -> None:
        super().__init__(wire="anthropic")
        head, _, data = self.events[0].partition(b"data: ")
        start = json.loads(data)
        assert start["type"] == "message_start"
        start["message"]["usage"] = {
            "input_tokens": INPUT_TOKENS,
            "cache_read_input_tokens": CACHE_READ,
            "cache_creation_input_tokens": 0,
            "output_tokens": 1,
        }
        self.events[0] = head + b"data: " + json.dumps(start).encode() + b"\n\n"


@pytest.fixture
def clients() -> Iterator[tuple[httpx.Client, httpx.AsyncClient]]:
    # The async client is used on uvicorn's loop: no pooled connection outlives it.
    client = httpx.Client()
    async_client = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    yield client, async_client
    client.close()


def test_a_turn_stopped_by_a_leaving_client_keeps_the_reported_input_tokens(clients: Any) -> None:
    vendor = _ReportingVendor()
    finishes: list[ChatFinish] = []
    saved = threading.Event()

    def save(finish: ChatFinish) -> None:
        finishes.append(finish)
        saved.set()

    with FaultServer() as upstream:
        upstream.script(Handler(vendor))
        model = make_model("anthropic", upstream.base_url, *clients)
        app = FastAPI()
        app.include_router(
            create_chat_router(model=model, on_finish=save, on_disconnect="stop", keep_alive_interval=None)
        )
        with serving(app) as base_url:
            read_then_leave(f"{base_url}/api/chat", "chat-cut-usage", first_token=True)
            assert saved.wait(BOUND), "on_finish never ran"
            assert upstream.wait_idle(BOUND), "the upstream connection stayed open"
        assert not upstream.failures, upstream.failures
    assert len(finishes) == 1
    finish = finishes[0]
    assert finish.is_aborted and not vendor.completed.is_set()
    saved_text = "".join(getattr(part, "text", "") for part in finish.response_message.parts)
    assert saved_text and ANSWER.startswith(saved_text)
    usage = finish.usage
    assert usage is not None, "the reported usage was lost"
    assert usage.input_tokens == INPUT_TOKENS + CACHE_READ
    assert usage.input_token_details.cache_read_tokens == CACHE_READ
    # The output: message_start's running count (1) or none; never more than the vendor reported, never 0.
    assert usage.output_tokens == 1
    assert SECRET not in repr(finish)
