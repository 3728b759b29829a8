"""Streaming responses with the protocol's headers: the UI message stream (what ``useChat`` reads) and the plain
text stream (what ``useCompletion`` and ``TextStreamChatTransport`` read).

Both take async iterators, so the server sends each piece as it is produced, and both release the model stream
when the client goes away (the encoders close what they iterate, shielded from the cancellation)::

    @app.post("/api/chat", response_class=UIMessageStreamResponse)
    async def chat(body: ChatRequestBody, model: DefaultModel) -> UIMessageStreamResponse:
        result = astream_text(model=model, messages=convert_to_model_messages(body.messages))
        return UIMessageStreamResponse(result.to_ui_message_stream(original_messages=body.messages))
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping
from typing import Any

from starlette.background import BackgroundTask
from starlette.responses import StreamingResponse

from ai_sdk_core import (
    TEXT_STREAM_HEADERS,
    UI_MESSAGE_STREAM_HEADERS,
    aencode_text_stream,
    aencode_ui_message_stream,
)

__all__ = ["DEFAULT_PROTOCOL_VERSION", "TextStreamResponse", "UIMessageStreamResponse"]

DEFAULT_PROTOCOL_VERSION = 7
"""The ``ai`` major the browser runs; 6 and 5 drop or adapt the chunks those clients would reject."""


def _merged_headers(protocol: Mapping[str, str], extra: Mapping[str, str] | None) -> dict[str, str]:
    # The caller's headers win, except that a hop-by-hop `connection` header is never sent (servers reject it).
    headers = {**protocol, **(extra or {})}
    return {name: value for name, value in headers.items() if name.lower() != "connection"}


class UIMessageStreamResponse(StreamingResponse):
    """A UI message stream: ``chunks`` (dicts, e.g. ``result.to_ui_message_stream()``) encoded as server-sent
    events for a client of major ``protocol_version``, ending with ``data: [DONE]``.

    ``keep_alive_interval`` (seconds): send a ``: keep-alive`` comment whenever nothing was sent for that long,
    so proxies with idle timeouts keep the connection open through a long tool call.
    """

    media_type = "text/event-stream"

    def __init__(
        self,
        chunks: AsyncIterable[Mapping[str, Any]],
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        protocol_version: int = DEFAULT_PROTOCOL_VERSION,
        keep_alive_interval: float | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        body = aencode_ui_message_stream(
            chunks, protocol_version=protocol_version, keep_alive_interval=keep_alive_interval
        )
        super().__init__(
            body,
            status_code=status_code,
            headers=_merged_headers(UI_MESSAGE_STREAM_HEADERS, headers),
            background=background,
        )
        self.protocol_version = protocol_version


class TextStreamResponse(StreamingResponse):
    """A plain UTF-8 text stream of ``text_deltas`` (e.g. ``result.text_stream``)."""

    media_type = "text/plain"

    def __init__(
        self,
        text_deltas: AsyncIterable[str],
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(
            aencode_text_stream(text_deltas),
            status_code=status_code,
            headers=_merged_headers(TEXT_STREAM_HEADERS, headers),
            background=background,
        )
