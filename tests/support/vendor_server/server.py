""":class:`VendorServer`: one loopback HTTP server that answers as OpenAI, Anthropic and Gemini would."""

from __future__ import annotations

import json
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import httpx

from tests.support.vendor_server.anthropic import ANTHROPIC
from tests.support.vendor_server.embeddings import (
    embedding_error,
    encode_embeddings,
    encode_google_embeddings,
    google_embedding_error,
)
from tests.support.vendor_server.google import GOOGLE, google_error_body
from tests.support.vendor_server.loopback import HttpReply, LoopbackServer
from tests.support.vendor_server.openai_chat import OPENAI_CHAT, openai_error_body, validate_openai_key
from tests.support.vendor_server.openai_responses import openai_responses_wire
from tests.support.vendor_server.script import (
    Responder,
    ScriptedReply,
    SeenRequest,
    apply_stop_sequences,
    echo_last_user_text,
)
from tests.support.vendor_server.wire import WireFormat

if TYPE_CHECKING:
    from ai_sdk_core import EmbeddingModel, LanguageModel

__all__ = ["DEFAULT_MODEL_IDS", "FAKE_API_KEY", "WIRE_FORMATS", "VendorServer"]

WIRE_FORMATS: Final = ("openai-chat", "openai-responses", "anthropic", "google")
FAKE_API_KEY: Final = "vendor-server-test-key"
DEFAULT_MODEL_IDS: Final = {
    "openai-chat": "gpt-4.1-mini",
    "openai-responses": "gpt-4.1-mini",
    "anthropic": "claude-sonnet-4-5",
    "google": "gemini-2.5-flash",
}
# Each vendor lives under its own prefix, so one port serves all of them.
_BASE_PATHS: Final = {
    "openai-chat": "/openai/v1",
    "openai-responses": "/openai/v1",
    "anthropic": "/anthropic/v1",
    "google": "/google/v1beta",
}


_EMBEDDING_ROUTES: Final = ("openai-embeddings", "google-embeddings")


def _wire_formats() -> dict[str, WireFormat]:
    """A fresh set per server: the Responses format keeps stored items per server, as OpenAI keeps them per key."""
    formats = (OPENAI_CHAT, openai_responses_wire(), ANTHROPIC, GOOGLE)
    return {wire.name: wire for wire in formats}


def _route(path: str) -> str | None:
    """The wire format (or one of :data:`_EMBEDDING_ROUTES`) a request path belongs to."""
    bare = path.split("?", 1)[0]
    if bare == "/openai/v1/chat/completions":
        return "openai-chat"
    if bare == "/openai/v1/responses":
        return "openai-responses"
    if bare == "/openai/v1/embeddings":
        return "openai-embeddings"
    if bare == "/anthropic/v1/messages":
        return "anthropic"
    if bare.startswith("/google/v1beta/models/"):
        if bare.endswith((":generateContent", ":streamGenerateContent")):
            return "google"
        if bare.endswith((":batchEmbedContents", ":embedContent")):
            return "google-embeddings"
    return None


def _describe(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(error), error)).strip()


class VendorServer:
    """A scripted vendor on ``127.0.0.1``: each request is normalised into a :class:`SeenRequest`, appended to
    :attr:`requests`, handed to :attr:`responder`, and the :class:`ScriptedReply` goes back in that vendor's wire
    format (JSON, or a real chunked SSE stream when the request asked to stream).

    Use it as a context manager; models from :meth:`language_model` / :meth:`embedding_model` share pooled
    clients that :meth:`close` closes. Thread-safe.

    Example::

        with VendorServer(lambda request: ScriptedReply(text="Hi!")) as server:
            result = generate_text(model=server.language_model("anthropic"), prompt="Hello")
            assert result.text == "Hi!"
            assert server.requests[0].last_user_text == "Hello"
    """

    def __init__(self, responder: Responder | None = None) -> None:
        self.responder: Responder = responder or echo_last_user_text
        self.requests: list[SeenRequest] = []
        self.embedding_requests: list[dict[str, Any]] = []
        self.errors: list[BaseException] = []
        self.rejections: list[str] = []  # requests refused as the vendor would (no key, missing field)
        self._lock = threading.Lock()
        self._formats = _wire_formats()
        # One pooled sync client; the async client keeps no idle connections, so no socket outlives an event loop
        # that ends before close() (an async client cannot be closed from sync code).
        self._http_client = httpx.Client(timeout=60)
        self._async_http_client = httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_keepalive_connections=0))
        self._server = LoopbackServer(self._dispatch)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._closed = False

    def __repr__(self) -> str:
        return f"VendorServer(url={self.url!r}, requests={len(self.requests)})"

    # lifecycle -------------------------------------------------------------------------------------------

    def __enter__(self) -> VendorServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> VendorServer:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self._async_http_client.aclose()
        self.close()

    def close(self) -> None:
        """Close the clients, then the server and every connection thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._http_client.close()
        self._server.close()

    @property
    def open_connections(self) -> int:
        """Client connections open right now: a client that closes its pool shows as a drop here."""
        return self._server.open_connections

    @property
    def connections_accepted(self) -> int:
        """How many TCP connections the server has accepted (requests on a kept-alive connection share one)."""
        return self._server.connections_accepted

    # models ----------------------------------------------------------------------------------------------

    def base_url(self, wire: str) -> str:
        """What to pass as ``base_url=`` to that vendor's provider (``create_openai``, ``create_anthropic``,
        ``create_google_generative_ai``); both OpenAI formats share one."""
        if wire not in _BASE_PATHS:
            raise ValueError(f"unknown wire format {wire!r}; expected one of {WIRE_FORMATS}")
        return self.url + _BASE_PATHS[wire]

    def _clients(self) -> dict[str, Any]:
        return {"http_client": self._http_client, "async_http_client": self._async_http_client}

    def language_model(self, wire: str, model_id: str | None = None) -> LanguageModel:
        """Our provider's model for ``wire``, pointed at this server with a fake API key."""
        model_id = model_id or DEFAULT_MODEL_IDS.get(wire, "")
        base_url = self.base_url(wire)
        if wire in ("openai-chat", "openai-responses"):
            from ai_sdk_core.providers.openai import create_openai

            openai = create_openai(api_key=FAKE_API_KEY, base_url=base_url, **self._clients())
            return openai.chat(model_id) if wire == "openai-chat" else openai.responses(model_id)
        if wire == "anthropic":
            from ai_sdk_core.providers.anthropic import create_anthropic

            anthropic = create_anthropic(api_key=FAKE_API_KEY, base_url=base_url, **self._clients())
            return anthropic(model_id)
        from ai_sdk_core.providers.google import create_google_generative_ai

        google = create_google_generative_ai(api_key=FAKE_API_KEY, base_url=base_url, **self._clients())
        return google(model_id)

    def embedding_model(self, dimensions: int = 64, *, vendor: str = "openai") -> EmbeddingModel:
        """An embedding model on this server giving deterministic bag-of-words vectors of ``dimensions``:
        OpenAI's ``/embeddings`` wire by default, Gemini's ``batchEmbedContents`` with ``vendor="google"``."""
        model_id = f"hash-embedding-{dimensions}"
        if vendor == "google":
            from ai_sdk_core.providers.google import create_google_generative_ai

            google = create_google_generative_ai(
                api_key=FAKE_API_KEY, base_url=self.base_url("google"), **self._clients()
            )
            return google.embedding(model_id)
        if vendor != "openai":
            raise ValueError(f"unknown embedding vendor {vendor!r}; expected 'openai' or 'google'")
        from ai_sdk_core.providers.openai import create_openai

        openai = create_openai(api_key=FAKE_API_KEY, base_url=self.base_url("openai-chat"), **self._clients())
        return openai.embedding(model_id)

    # requests --------------------------------------------------------------------------------------------

    def _dispatch(self, path: str, headers: dict[str, str], raw_body: bytes) -> HttpReply:
        route = _route(path)
        if route is None or (route in WIRE_FORMATS and route not in self._formats):
            return HttpReply(404, openai_error_body(404, f"No route for POST {path.split('?', 1)[0]}"))
        try:
            body = json.loads(raw_body or b"{}")
        except ValueError:
            body = None
        if route in _EMBEDDING_ROUTES:
            return self._embeddings(route, path, headers, body)
        wire = self._formats[route]
        if not isinstance(body, dict):
            return self._reject(wire, path, (400, "The request body is not valid JSON."))
        problem = wire.validate(headers, body)
        if problem is not None:
            return self._reject(wire, path, problem)
        try:
            seen = wire.parse(path, headers, body)
        except Exception as error:  # a body of the wrong shape: the vendor would refuse it
            return self._reject(wire, path, (400, f"Malformed request: {_describe(error)}"))
        with self._lock:
            self.requests.append(seen)
        try:
            return self._encode(wire, self.responder(seen), seen)
        except Exception as error:  # a test bug: answer 500 so the test fails, and keep the error to inspect
            with self._lock:
                self.errors.append(error)
            return HttpReply(500, wire.error_body(500, f"vendor-server responder failed: {_describe(error)}"))

    def _reject(self, wire: WireFormat, path: str, problem: tuple[int, str]) -> HttpReply:
        with self._lock:
            self.rejections.append(f"{problem[0]} {path}: {problem[1]}")
        return HttpReply(problem[0], wire.error_body(*problem))

    def _encode(self, wire: WireFormat, reply: ScriptedReply, seen: SeenRequest) -> HttpReply:
        if reply.status != 200:
            body = reply.error_body or wire.error_body(reply.status, f"Scripted error {reply.status}.")
            # No waiting in tests: a retry after a scripted 429/5xx goes out at once.
            return HttpReply(reply.status, body, headers={"retry-after": "0"})
        reply = apply_stop_sequences(reply, seen.stop)
        if seen.stream:
            # Encoded up front so a bad script fails as a 500 before any header goes out; the events still
            # leave one chunk and one flush at a time.
            return HttpReply(200, events=iter(list(wire.encode_events(reply, seen))))
        return HttpReply(200, wire.encode_json(reply, seen))

    def _embeddings(self, route: str, path: str, headers: dict[str, str], body: Any) -> HttpReply:
        google = route == "google-embeddings"
        error_body = google_error_body if google else openai_error_body
        has_key = bool(headers.get("x-goog-api-key")) if google else validate_openai_key(headers) is None
        if not has_key:
            return HttpReply(401, error_body(401, "An API key is required."))
        if not isinstance(body, dict):
            return HttpReply(400, error_body(400, "The request body is not valid JSON."))
        problem = google_embedding_error(body) if google else embedding_error(body)
        if problem is not None:
            return HttpReply(400, error_body(400, problem))
        with self._lock:
            self.embedding_requests.append(body)
        if google:
            model_id = path.split("/models/", 1)[1].split(":", 1)[0]
            return HttpReply(200, encode_google_embeddings(body, model_id))
        return HttpReply(200, encode_embeddings(body))
