"""Pytest fixtures: import them into a ``conftest.py`` (``from tests.support.vendor_server.fixtures import
vendor_server``) to get a fresh :class:`VendorServer` per test, closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.vendor_server.server import VendorServer

__all__ = ["vendor_server"]


@pytest.fixture
def vendor_server() -> Iterator[VendorServer]:
    """A running :class:`VendorServer` (echo responder); set ``vendor_server.responder`` to script replies."""
    with VendorServer() as server:
        yield server
