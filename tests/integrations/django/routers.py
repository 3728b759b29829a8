"""Routes every query to one database alias that a test chooses, so one test body runs on SQLite and on
PostgreSQL (the views write through the default manager, so they follow the router too)."""

from __future__ import annotations

from typing import Any

__all__ = ["SwitchableRouter"]


class SwitchableRouter:
    """``SwitchableRouter.alias`` is where reads and writes go (a class attribute: the uvicorn thread of the
    ASGI tests must see it as well)."""

    alias = "default"

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return type(self).alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return type(self).alias

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, database: str, app_label: str, **hints: Any) -> bool:
        return True
