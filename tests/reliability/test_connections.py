"""Case 5: connection refused, a server that accepts and never answers, and a stale kept-alive connection closed
by the server between two calls (the next call reconnects transparently, without spending a retry)."""

from __future__ import annotations

import socket

import pytest

from ai_sdk_core.spec import APICallError, RetryError, TimeoutBudgetError, TimeoutConfig
from ai_sdk_core.testing import Reply, Silent
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import WIRES, json_reply, make_model

pytestmark = pytest.mark.anyio

FLAVOURS = ["generate", "stream"]


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_connection_refused_is_a_retryable_error_without_status(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str
) -> None:
    harness.model = make_model(wire, f"http://127.0.0.1:{_closed_port()}", *harness.clients)
    outcome = await harness.call(flavour, max_retries=1)
    error = check.typed(outcome.error, require_sent=False)
    assert isinstance(error, RetryError) and len(error.errors) == 2 and len(sleeps) == 1
    for attempt in error.errors:
        assert isinstance(attempt, APICallError) and attempt.status_code is None and attempt.is_retryable
    # Nothing reached a server, so the scan has nothing to compare with: check the texts directly.
    check.no_secret(error, require_sent=False)


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("budget", ["first_chunk", "total"])
async def test_a_server_that_never_answers_ends_with_the_budget(
    harness: Harness, check: Checker, wire: str, flavour: str, budget: str
) -> None:
    harness.server.script(default=Silent())
    outcome = await harness.call(flavour, timeout=TimeoutConfig(**{budget: 0.5}))
    error = check.typed(outcome.error)
    assert isinstance(error, TimeoutBudgetError) and error.budget == budget
    assert len(harness.server.requests) == 1  # a spent time budget is never retried
    check.no_secret(error)


@pytest.mark.parametrize("wire", WIRES)
async def test_a_stale_kept_alive_connection_reconnects_transparently(
    harness: Harness, check: Checker, wire: str
) -> None:
    server = harness.server
    server.script(Reply(json=json_reply(wire, "first"), keep_alive=True), Reply(json=json_reply(wire, "second")))
    first = await harness.generate(max_retries=0)
    assert first.text == "first", repr(first.error)
    assert server.close_idle_connections() == 1
    # No retries allowed: the pool must notice the dead connection and open a new one by itself.
    second = await harness.generate(max_retries=0)
    assert second.text == "second", repr(second.error)
    assert server.connections_accepted == 2 and len(server.requests) == 2
    check.no_secret()


@pytest.mark.parametrize("wire", WIRES)
async def test_a_kept_alive_connection_is_reused_when_it_stays_open(harness: Harness, wire: str) -> None:
    # The control of the test above: without the server closing it, the pooled connection serves both calls.
    server = harness.server
    server.script(
        Reply(json=json_reply(wire, "first"), keep_alive=True), Reply(json=json_reply(wire, "second"), keep_alive=True)
    )
    assert (await harness.generate(max_retries=0)).text == "first"
    assert (await harness.generate(max_retries=0)).text == "second"
    assert server.connections_accepted == 1 and len(server.requests) == 2
