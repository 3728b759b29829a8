"""Chat persistence in SQLite through the standard library: one row per chat holding its UI messages as JSON.

``sqlite3`` blocks, so every call runs in a worker thread (``anyio.to_thread``); each call opens its own
connection, which keeps the store safe to use from any thread.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import anyio

__all__ = ["ChatStore"]

_SCHEMA = """
create table if not exists chats (
    id text primary key,
    messages text not null,            -- the UI messages, as useChat holds them (JSON)
    model_alias text,
    finish_reason text,
    aborted integer not null default 0,
    updated_at text not null default (datetime('now'))
)
"""


class ChatStore:
    """Saves and loads chats by id."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _create_schema(self) -> None:
        with self._connect() as connection:
            connection.execute(_SCHEMA)

    async def initialize(self) -> None:
        """Create the table if it is not there (at app startup)."""
        await anyio.to_thread.run_sync(self._create_schema)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def _save(
        self, chat_id: str, messages: list[dict[str, Any]], alias: str | None, reason: str | None, aborted: bool
    ) -> None:
        with self._connect() as connection:
            connection.execute(
                "insert into chats (id, messages, model_alias, finish_reason, aborted) values (?, ?, ?, ?, ?) "
                "on conflict(id) do update set messages = excluded.messages, model_alias = excluded.model_alias, "
                "finish_reason = excluded.finish_reason, aborted = excluded.aborted, updated_at = datetime('now')",
                (chat_id, json.dumps(messages, ensure_ascii=False), alias, reason, int(aborted)),
            )

    def _load(self, chat_id: str) -> dict[str, Any] | None:
        with self._connect() as connection:
            row = connection.execute(
                "select messages, model_alias, finish_reason, aborted from chats where id = ?", (chat_id,)
            ).fetchone()
        if row is None:
            return None
        messages, alias, reason, aborted = row
        return {
            "id": chat_id,
            "messages": json.loads(messages),
            "model": alias,
            "finishReason": reason,
            "aborted": bool(aborted),
        }

    async def save(
        self, chat_id: str, messages: list[dict[str, Any]], *, alias: str | None, reason: str | None, aborted: bool
    ) -> None:
        """Store the whole conversation of ``chat_id`` (replacing the previous version)."""
        await anyio.to_thread.run_sync(self._save, chat_id, messages, alias, reason, aborted)

    async def load(self, chat_id: str) -> dict[str, Any] | None:
        """The stored chat, or None."""
        return await anyio.to_thread.run_sync(self._load, chat_id)
