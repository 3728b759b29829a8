"""``extract_json_middleware``: strips Markdown code fences (```` ```json ... ``` ````) from a model's text so
structured output parses, in generate results and streams."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Generator, Sequence
from typing import Any

from ai_sdk_core.middleware.core import LanguageModelMiddleware, ModelRequest, StreamReply, call_generate, call_stream
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content, TextContent
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import StreamPart, TextDelta, TextEnd

__all__ = ["ExtractJSONMiddleware", "extract_json_middleware", "strip_json_fences"]

_OPENING = re.compile(r"^\s*```[A-Za-z0-9_-]*[ \t]*\r?\n")
_CLOSING = re.compile(r"\r?\n?[ \t]*```\s*$")
# A text start that might still become an opening fence once more characters arrive.
_MAYBE_OPENING = re.compile(r"^\s*(`{0,3}|```[A-Za-z0-9_-]*[ \t]*\r?)$")
# A text end that might be (the beginning of) a closing fence.
_MAYBE_CLOSING = re.compile(r"\r?\n?[ \t]*`{0,3}\s*$")


def strip_json_fences(text: str) -> str:
    """``text`` without a leading ```` ```json ```` line and a trailing ```` ``` ````, surrounding space trimmed."""
    stripped = _OPENING.sub("", text, count=1)
    if stripped != text:
        stripped = _CLOSING.sub("", stripped, count=1)
    return stripped.strip()


class _FenceStreamTransform:
    """Per text id: wait until the opening fence is decided, then hold back only what may be a closing fence."""

    def __init__(self) -> None:
        self.pending: dict[str, str] = {}
        self.started: set[str] = set()
        self.fenced: set[str] = set()

    def feed(self, part: StreamPart) -> Sequence[StreamPart]:
        if isinstance(part, TextDelta):
            buffer = self.pending.get(part.id, "") + part.delta
            if part.id not in self.started:
                if _MAYBE_OPENING.match(buffer):
                    self.pending[part.id] = buffer
                    return []
                unfenced = _OPENING.sub("", buffer, count=1)
                if unfenced != buffer:
                    self.fenced.add(part.id)
                buffer = unfenced.lstrip()
                self.started.add(part.id)
            match = _MAYBE_CLOSING.search(buffer)
            keep = len(buffer) - match.start() if match else 0
            self.pending[part.id] = buffer[len(buffer) - keep :]
            ready = buffer[: len(buffer) - keep]
            return [dataclasses.replace(part, delta=ready)] if ready else []
        if isinstance(part, TextEnd):
            rest = self.pending.pop(part.id, "")
            if part.id in self.fenced:
                rest = _CLOSING.sub("", rest, count=1)
            rest = rest.strip()
            self.started.discard(part.id)
            self.fenced.discard(part.id)
            return [TextDelta(id=part.id, delta=rest), part] if rest else [part]
        return [part]

    def flush(self) -> Sequence[StreamPart]:
        return []


class _WholeTextTransform:
    """For a custom ``transform``: text is buffered per id and emitted transformed at its end."""

    def __init__(self, transform: Callable[[str], str]) -> None:
        self.transform = transform
        self.pending: dict[str, str] = {}

    def feed(self, part: StreamPart) -> Sequence[StreamPart]:
        if isinstance(part, TextDelta):
            self.pending[part.id] = self.pending.get(part.id, "") + part.delta
            return []
        if isinstance(part, TextEnd):
            text = self.transform(self.pending.pop(part.id, ""))
            return [TextDelta(id=part.id, delta=text), part] if text else [part]
        return [part]

    def flush(self) -> Sequence[StreamPart]:
        return []


class ExtractJSONMiddleware(LanguageModelMiddleware):
    """Strips code fences from text parts (see :func:`extract_json_middleware`)."""

    def __init__(self, transform: Callable[[str], str] | None = None) -> None:
        self.custom_transform = transform
        self.transform = transform or strip_json_fences

    def _content(self, content: list[Content]) -> list[Content]:
        return [
            dataclasses.replace(part, text=self.transform(part.text)) if isinstance(part, TextContent) else part
            for part in content
        ]

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        """The result with fenced text unwrapped."""
        result = yield from call_generate(options)
        return dataclasses.replace(result, content=self._content(result.content))

    def wrap_stream(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, StreamReply]:
        """The stream with the fences removed from its text deltas."""
        inner = yield from call_stream(options)
        if self.custom_transform is not None:
            return inner.reply(_WholeTextTransform(self.custom_transform))
        return inner.reply(_FenceStreamTransform())


def extract_json_middleware(transform: Callable[[str], str] | None = None) -> ExtractJSONMiddleware:
    """For models that wrap JSON answers in Markdown fences.

    ``transform`` replaces the default fence stripper; it sees whole texts, so with it a stream's text is
    delivered at each text's end. Without it, streamed text flows on, holding back only a possible fence.
    """
    return ExtractJSONMiddleware(transform)
