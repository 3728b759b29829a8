"""StreamInterruptedError.partial of a long stream: the delivered text, merged into a few parts."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from ai_sdk_core.provider_utils import HttpTransport
from ai_sdk_core.spec import CallOptions, StreamInterruptedError, StreamStart, TextDelta
from ai_sdk_core.testing.fault_server import FaultServer, Stream, sse

from .flavours import FLAVOURS, Flavour
from .test_http_model import TinyModel, collect_stream

pytestmark = pytest.mark.anyio


@pytest.fixture
async def transport() -> AsyncIterator[HttpTransport]:
    transport = HttpTransport()
    yield transport
    await transport.aclose()


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("events", [2_000, 20_000])
async def test_partial_of_a_long_cut_stream_is_the_delivered_text_in_few_parts(
    flavour: Flavour, events: int, fault_server: FaultServer, transport: HttpTransport
) -> None:
    # Several events per body chunk, as a fast server sends them.
    body = [b"".join(sse(f"w{number} ") for number in range(start, start + 50)) for start in range(0, events, 50)]
    fault_server.script(Stream(body, cut=True))
    parts, error = await collect_stream(flavour, TinyModel(fault_server.url("/s"), transport), CallOptions(prompt=[]))
    assert isinstance(error, StreamInterruptedError)
    delivered = "".join(part.delta for part in parts if isinstance(part, TextDelta))
    assert delivered == "".join(f"w{number} " for number in range(events))
    partial = error.partial
    assert partial[0] is parts[0]
    assert isinstance(partial[0], StreamStart)
    assert "".join(part.delta for part in partial if isinstance(part, TextDelta)) == delivered
    # Merged every few hundred parts: as many parts for 20,000 chunks as for 2,000, not one per chunk.
    assert len(partial) <= 300
