"""Fixtures of the provider_utils tests: fault servers on 127.0.0.1, stopped after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_sdk_core.testing.fault_server import FaultServer


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server
    assert not server.failures, server.failures


@pytest.fixture
def other_fault_server() -> Iterator[FaultServer]:
    """A second server: another port is another origin."""
    with FaultServer() as server:
        yield server
    assert not server.failures, server.failures
