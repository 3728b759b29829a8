"""A chat app: ``useChat``'s protocol served by FastAPI, answers streamed from the configured model (the local
one when nothing is configured), every conversation saved in SQLite, even when the browser leaves mid-answer.

Run it from the repository root (extras ``fastapi`` and ``local``)::

    uvicorn fastapi_chat.main:app --app-dir example_projects

then open http://127.0.0.1:8000. Configure other models with ``AI_SDK_*`` variables (see README.md).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from fastapi_ai_sdk import (
    AIModelsDependency,
    AISDKSettings,
    ChatFinish,
    ai_sdk_context,
    create_chat_router,
)

from .store import ChatStore

HERE = Path(__file__).resolve().parent
FRONTEND_DIST = HERE.parent / "chat_frontend" / "dist"
"""Where ``npm run build`` in example_projects/chat_frontend writes the React page and its assets."""
INSTRUCTIONS = "You are a helpful assistant. Answer briefly."

logger = logging.getLogger("fastapi_chat")


def create_app(database: str | Path | None = None, settings: AISDKSettings | None = None) -> FastAPI:
    """The app, saving chats to ``database`` (default: ``$CHAT_DATABASE`` or ``chats.sqlite3`` here)."""
    store = ChatStore(database or os.environ.get("CHAT_DATABASE") or HERE / "chats.sqlite3")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await store.initialize()
        async with ai_sdk_context(app, settings) as state:
            if state.models.aliases == ["default"] and state.settings.aliases()["default"].model.startswith(
                "llama-cpp:"
            ):
                logger.warning("No model configured: answering with the local model (SmolLM2-135M, in process).")
            yield

    async def save_chat(turn: ChatFinish) -> None:
        # Runs once per answer, shielded from the client's disconnect: the whole conversation is stored.
        if turn.chat_id is None:
            return
        await store.save(
            turn.chat_id,
            [message.to_dict() for message in turn.messages],
            alias=turn.alias,
            reason=turn.finish.finish_reason,
            aborted=turn.is_aborted,
        )

    app = FastAPI(title="FastAPI chat", lifespan=lifespan)
    # Add your authentication with `dependencies=[Depends(current_user)]`: this example has none, so anyone who
    # knows a chat id can read that chat.
    app.include_router(create_chat_router(instructions=INSTRUCTIONS, on_finish=save_chat))

    @app.get("/api/models")
    async def list_models(models: AIModelsDependency) -> dict[str, Any]:
        """The aliases the page may pick from."""
        return {"aliases": models.aliases, "default": "default"}

    @app.get("/api/chats/{chat_id}")
    async def load_chat(chat_id: str) -> dict[str, Any]:
        """A stored chat: its UI messages, for the page to show after a reload."""
        chat = await store.load(chat_id)
        if chat is None:
            raise HTTPException(status_code=404, detail="No such chat.")
        return chat

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        # The React front end when it is built, else the small plain-JavaScript page.
        built = FRONTEND_DIST / "index.html"
        return FileResponse(built if built.is_file() else HERE / "static" / "index.html")

    # The built page's scripts and styles; check_dir=False so the app starts before the first build.
    app.mount("/assets", StaticFiles(directory=FRONTEND_DIST / "assets", check_dir=False), name="assets")

    return app


app = create_app()
