"""``multipart/form-data`` request bodies (file uploads such as OpenAI's ``/audio/transcriptions``).

Put a :class:`MultipartBody` in :attr:`HttpRequest.body <ai_sdk_core.provider_utils.http.HttpRequest.body>`
instead of a JSON value: the transport sends its encoded bytes with the matching content type. Encoding is
pure and deterministic for a given boundary, so tests can assert the exact bytes.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MultipartBody", "MultipartFile", "encode_multipart"]


@dataclass(slots=True, frozen=True)
class MultipartFile:
    """One uploaded file: the form field ``name``, the ``filename`` shown to the server, bytes and media type."""

    name: str
    filename: str
    content: bytes = field(repr=False)
    media_type: str = "application/octet-stream"


@dataclass(slots=True, frozen=True)
class MultipartBody:
    """Text ``fields`` (a list value repeats the field, e.g. ``timestamp_granularities[]``) and ``files``.

    ``boundary`` defaults to a random token, made once per body so a redirect re-sends the same bytes.
    """

    fields: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    files: Sequence[MultipartFile] = ()
    boundary: str = field(default_factory=lambda: "aisdk-" + secrets.token_hex(16))

    def encode(self) -> tuple[bytes, str]:
        """The body bytes and the ``content-type`` header value."""
        return encode_multipart(self), f"multipart/form-data; boundary={self.boundary}"

    def describe(self) -> dict[str, Any]:
        """What to report as the request body: the fields, and each file's name, type and size (not its bytes)."""
        described: dict[str, Any] = {
            name: value if isinstance(value, str) else list(value) for name, value in self.fields.items()
        }
        for upload in self.files:
            described[upload.name] = {
                "filename": upload.filename,
                "media_type": upload.media_type,
                "size": len(upload.content),
            }
        return described


def _quote(value: str) -> str:
    # Form field names and file names are quoted strings: escape what would end or break the quoting.
    return value.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def encode_multipart(body: MultipartBody) -> bytes:
    """Encode ``body`` as ``multipart/form-data`` (RFC 7578) with its boundary."""
    delimiter = f"--{body.boundary}\r\n".encode("ascii")
    parts: list[bytes] = []
    for name, value in body.fields.items():
        for item in [value] if isinstance(value, str) else value:
            parts += [
                delimiter,
                f'Content-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode(),
                item.encode("utf-8"),
                b"\r\n",
            ]
    for upload in body.files:
        parts += [
            delimiter,
            (
                f'Content-Disposition: form-data; name="{_quote(upload.name)}"; filename="{_quote(upload.filename)}"'
                f"\r\nContent-Type: {upload.media_type}\r\n\r\n"
            ).encode(),
            upload.content,
            b"\r\n",
        ]
    parts.append(f"--{body.boundary}--\r\n".encode("ascii"))
    return b"".join(parts)
