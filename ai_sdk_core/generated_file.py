"""Files produced by models (images, audio): base64 text and bytes from either, and a sniffed media type."""

from __future__ import annotations

import base64
import binascii

from ai_sdk_core.spec import InvalidArgumentError

__all__ = ["GeneratedAudioFile", "GeneratedFile", "decode_media_input", "detect_media_type"]

# Magic numbers of the formats models return; checked in order, the first match wins.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF8", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"WAVE", 8, "audio/wav"),
    (b"ID3", 0, "audio/mpeg"),
    (b"\xff\xfb", 0, "audio/mpeg"),
    (b"\xff\xf3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"fLaC", 0, "audio/flac"),
    (b"\xff\xf1", 0, "audio/aac"),
    (b"ftyp", 4, "audio/mp4"),
)


def detect_media_type(data: bytes, default: str) -> str:
    """The media type that ``data``'s first bytes announce, else ``default``."""
    for signature, offset, media_type in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return media_type
    return default


def decode_media_input(data: bytes | str, *, argument: str) -> tuple[bytes, str | None]:
    """Bytes from raw bytes, base64 text or a ``data:`` URL; the URL's media type when it had one."""
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), None
    media_type: str | None = None
    text = data
    if text.startswith("data:"):
        header, separator, text = text.partition(",")
        if not separator or not header.endswith(";base64"):
            raise InvalidArgumentError("a data URL must be base64 encoded (data:<type>;base64,...)", argument=argument)
        media_type = header[len("data:") : -len(";base64")] or None
    elif text.startswith(("http://", "https://")):
        raise InvalidArgumentError("URLs are not downloaded: pass bytes, base64 text or a data URL", argument=argument)
    try:
        return base64.b64decode(text, validate=True), media_type
    except (binascii.Error, ValueError) as error:
        raise InvalidArgumentError(f"not valid base64 ({error})", argument=argument) from error


class GeneratedFile:
    """A generated file. ``base64`` and ``uint8_array`` (alias ``bytes``) are converted lazily from what the
    provider sent; ``media_type`` is sniffed from the bytes when the provider did not say."""

    __slots__ = ("_base64", "_bytes", "media_type")

    def __init__(self, data: str | bytes, *, media_type: str | None = None, default_media_type: str) -> None:
        self._base64: str | None = data if isinstance(data, str) else None
        self._bytes: bytes | None = bytes(data) if not isinstance(data, str) else None
        self.media_type = media_type or detect_media_type(self.uint8_array[:16], default_media_type)

    @property
    def base64(self) -> str:
        """The file as base64 text."""
        if self._base64 is None:
            self._base64 = base64.b64encode(self._bytes or b"").decode("ascii")
        return self._base64

    @property
    def uint8_array(self) -> bytes:
        """The file's bytes (the AI SDK's ``uint8Array``)."""
        if self._bytes is None:
            self._bytes = base64.b64decode(self._base64 or "")
        return self._bytes

    @property
    def bytes(self) -> bytes:
        """Alias of :attr:`uint8_array`."""
        return self.uint8_array

    def __repr__(self) -> str:
        return f"{type(self).__name__}(media_type={self.media_type!r}, size={len(self.uint8_array)})"


class GeneratedAudioFile(GeneratedFile):
    """Generated audio; ``format`` is the short name (``"mp3"``, ``"wav"``, ...) derived from the media type."""

    __slots__ = ()

    @property
    def format(self) -> str:
        """``"mp3"`` for ``audio/mpeg``, else the media type's subtype."""
        subtype = self.media_type.partition("/")[2]
        return {"mpeg": "mp3", "x-wav": "wav", "wave": "wav"}.get(subtype, subtype)
