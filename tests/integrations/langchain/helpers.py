"""Shared pieces of the LangChain adapter tests: a provider view of the vendor server and offline media."""

from __future__ import annotations

import base64
import io
import struct
import wave
import zlib
from typing import Any

from ai_sdk_core import EmbeddingModel, LanguageModel
from tests.support.vendor_server import VendorServer

__all__ = ["ServerProvider", "fake_download", "pdf_bytes", "png_bytes", "wav_bytes"]


class ServerProvider:
    """A provider whose models all talk to one wire format of a :class:`VendorServer` (what
    ``ChatAISDK(provider=...)`` expects: ``language_model(id)`` and ``embedding_model(id)``)."""

    def __init__(self, server: VendorServer, wire: str) -> None:
        self.server = server
        self.wire = wire

    def language_model(self, model_id: str) -> LanguageModel:
        return self.server.language_model(self.wire, model_id)

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        return self.server.embedding_model(int(model_id.rsplit("-", 1)[-1]))


def png_bytes() -> bytes:
    """A valid 2x2 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def pdf_bytes() -> bytes:
    """A one-page PDF saying "Dummy PDF file"."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 20 50 Td (Dummy PDF file) Tj ET\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def wav_bytes() -> bytes:
    """A tenth of a second of silence as 8 kHz mono WAV."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(b"\x00\x00" * 800)
    return buffer.getvalue()


class _Download:
    def __init__(self, content: bytes) -> None:
        self.content = content


def fake_download(url: str, *args: Any, **kwargs: Any) -> _Download:
    """Stands in for ``httpx.get`` in the standard suites, which fetch sample media from the internet."""
    if url.endswith(".pdf"):
        return _Download(pdf_bytes())
    if url.endswith(".wav"):
        return _Download(wav_bytes())
    return _Download(png_bytes())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
