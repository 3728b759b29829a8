"""Fixtures of the registry tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_sdk_core import close_cached_providers
from tests.middleware.drive import driver

__all__ = ["driver"]


@pytest.fixture(autouse=True)
def _close_cached_providers() -> Iterator[None]:
    # Resolving "provider:model" with settings caches a provider for the process; its pooled connection to the
    # test's server must not outlive the test (tests.support.leak_check fails the run otherwise).
    yield
    close_cached_providers()
