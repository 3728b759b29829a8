"""Fixtures of the middleware tests."""

from __future__ import annotations

from tests.middleware.drive import driver

__all__ = ["driver"]
