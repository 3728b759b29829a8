"""Shared test configuration.

Every test runs under the shipped guard (``ai_sdk_core.testing.pytest_plugin``): a real network connection
fails loudly and vendor API-key environment variables are cleared. ``pytester`` is enabled for the plugin's
own tests.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester", "ai_sdk_core.testing.pytest_plugin", "tests.support.leak_check"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
