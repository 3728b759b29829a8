"""OpenAI media models built directly from a config over a replay transport, and a sync/async switch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest

from ai_sdk_core.provider_utils.http import HttpTransport
from ai_sdk_core.testing.replay import ReplayResponse, ReplayTransport

FIXTURES = Path(__file__).parent / "fixtures"
API_KEY = "sk-test-media-0123456789"
BASE_URL = "https://api.openai.com/v1"


class Wiring(Protocol):
    """``wire(*responses)`` -> (config keyword arguments, the replay transport recording requests)."""

    def __call__(self, *responses: str | ReplayResponse) -> tuple[dict[str, Any], ReplayTransport]: ...


def request_headers() -> dict[str, str]:
    return {"authorization": f"Bearer {API_KEY}"}


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def wire() -> Iterator[Wiring]:
    clients: list[httpx.Client | httpx.AsyncClient] = []

    def make(*responses: str | ReplayResponse) -> tuple[dict[str, Any], ReplayTransport]:
        replay = ReplayTransport(
            ReplayResponse.from_fixture(FIXTURES, item) if isinstance(item, str) else item for item in responses
        )
        client = httpx.Client(transport=replay)
        async_client = httpx.AsyncClient(transport=replay)
        clients.extend((client, async_client))
        transport = HttpTransport(http_client=client, async_http_client=async_client)
        config = {"base_url": lambda: BASE_URL, "headers": request_headers, "transport": transport}
        return config, replay

    yield make
    for client in clients:
        if isinstance(client, httpx.Client):
            client.close()


def parse_multipart(content: bytes, content_type: str) -> dict[str, list[tuple[dict[str, str], bytes]]]:
    """Fields of a multipart/form-data body: name -> [(part headers, value bytes)], in order."""
    boundary = content_type.split("boundary=", 1)[1].encode()
    assert content.endswith(b"--" + boundary + b"--\r\n")
    fields: dict[str, list[tuple[dict[str, str], bytes]]] = {}
    for chunk in content.split(b"--" + boundary)[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _, value = chunk[2:-2].partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        disposition = headers["Content-Disposition"]
        name = disposition.split('name="', 1)[1].split('"', 1)[0]
        fields.setdefault(name, []).append((headers, value))
    return fields
