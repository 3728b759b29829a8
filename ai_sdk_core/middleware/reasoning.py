"""``extract_reasoning_middleware``: turns ``<think>...</think>`` spans of a model's text into reasoning parts,
in generate results and, through the pure incremental :class:`TagSplitter`, in streams."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Sequence
from typing import Any

from ai_sdk_core.middleware.core import (
    LanguageModelMiddleware,
    ModelRequest,
    StreamReply,
    call_generate,
    call_stream,
)
from ai_sdk_core.spec.call_options import CallOptions
from ai_sdk_core.spec.content import Content, ReasoningContent, TextContent
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.language_model import GenerateResult, LanguageModel
from ai_sdk_core.spec.stream_parts import (
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamPart,
    TextDelta,
    TextEnd,
)

__all__ = ["ExtractReasoningMiddleware", "TagSplitter", "extract_reasoning_middleware", "split_reasoning"]


def _held_back(buffer: str, tag: str) -> int:
    """How many trailing characters of ``buffer`` could be the start of ``tag`` (so must wait for more text)."""
    for length in range(min(len(tag) - 1, len(buffer)), 0, -1):
        if tag.startswith(buffer[-length:]):
            return length
    return 0


class TagSplitter:
    """Splits text arriving in pieces into ``(is_reasoning, text)`` segments at ``<tag>``/``</tag>``, even when a
    tag is cut across pieces. Pure: no I/O, one instance per text stream."""

    def __init__(
        self,
        tag_name: str = "think",
        *,
        start_with_reasoning: bool = False,
        opening: str | None = None,
        closing: str | None = None,
    ) -> None:
        # Literal delimiters (``opening``/``closing``) serve models whose markers are not XML-like tags.
        self.open_tag = opening or f"<{tag_name}>"
        self.close_tag = closing or f"</{tag_name}>"
        self.in_reasoning = start_with_reasoning
        self._buffer = ""

    def feed(self, text: str) -> list[tuple[bool, str]]:
        """Segments that are certain now; a possible partial tag at the end is held back."""
        self._buffer += text
        segments: list[tuple[bool, str]] = []
        while True:
            tag = self.close_tag if self.in_reasoning else self.open_tag
            index = self._buffer.find(tag)
            if index < 0:
                break
            if index:
                segments.append((self.in_reasoning, self._buffer[:index]))
            self._buffer = self._buffer[index + len(tag) :]
            self.in_reasoning = not self.in_reasoning
        keep = _held_back(self._buffer, self.close_tag if self.in_reasoning else self.open_tag)
        ready = self._buffer[: len(self._buffer) - keep]
        if ready:
            segments.append((self.in_reasoning, ready))
        self._buffer = self._buffer[len(self._buffer) - keep :]
        return segments

    def flush(self) -> list[tuple[bool, str]]:
        """What is left at the end of the text (a partial tag that never completed is plain content)."""
        rest, self._buffer = self._buffer, ""
        return [(self.in_reasoning, rest)] if rest else []


def split_reasoning(
    text: str,
    tag_name: str = "think",
    *,
    separator: str = "\n",
    start_with_reasoning: bool = False,
    opening: str | None = None,
    closing: str | None = None,
) -> tuple[str | None, str]:
    """``(reasoning, text)`` of a whole text: the tagged spans joined by ``separator``, and the rest."""
    splitter = TagSplitter(tag_name, start_with_reasoning=start_with_reasoning, opening=opening, closing=closing)
    segments = splitter.feed(text) + splitter.flush()
    reasoning = [segment for is_reasoning, segment in segments if is_reasoning]
    rest = [segment for is_reasoning, segment in segments if not is_reasoning]
    if not reasoning:
        return None, text
    return separator.join(reasoning), separator.join(segment for segment in rest if segment)


class _ReasoningStreamTransform:
    """Per-stream state: one splitter per text id; each reasoning block becomes its own reasoning part, closed
    when the text resumes."""

    def __init__(self, middleware: ExtractReasoningMiddleware) -> None:
        self.middleware = middleware
        self.splitters: dict[str, TagSplitter] = {}
        self.open_reasoning: dict[str, str] = {}  # text id -> id of its open reasoning part
        self.blocks: dict[str, int] = {}  # text id -> reasoning blocks started
        self.text_seen: set[str] = set()
        self.last_kind: dict[str, bool] = {}

    def _end_reasoning(self, text_id: str) -> list[StreamPart]:
        reasoning_id = self.open_reasoning.pop(text_id, None)
        return [ReasoningEnd(id=reasoning_id)] if reasoning_id is not None else []

    def _emit(self, text_id: str, segments: list[tuple[bool, str]]) -> list[StreamPart]:
        parts: list[StreamPart] = []
        separator = self.middleware.separator
        for is_reasoning, segment in segments:
            previous = self.last_kind.get(text_id)
            if is_reasoning:
                reasoning_id = self.open_reasoning.get(text_id)
                if reasoning_id is None:
                    count = self.blocks.get(text_id, 0)
                    self.blocks[text_id] = count + 1
                    reasoning_id = f"reasoning-{text_id}-{count}"
                    self.open_reasoning[text_id] = reasoning_id
                    parts.append(ReasoningStart(id=reasoning_id))
                    # Later blocks continue the same line of thought: the separator joins them, as in generate.
                    if count:
                        segment = separator + segment
                parts.append(ReasoningDelta(id=reasoning_id, delta=segment))
            else:
                parts.extend(self._end_reasoning(text_id))
                if text_id in self.text_seen and previous is True:
                    segment = separator + segment
                self.text_seen.add(text_id)
                parts.append(TextDelta(id=text_id, delta=segment))
            self.last_kind[text_id] = is_reasoning
        return parts

    def _splitter(self, text_id: str) -> TagSplitter:
        if text_id not in self.splitters:
            self.splitters[text_id] = TagSplitter(
                self.middleware.tag_name,
                start_with_reasoning=self.middleware.start_with_reasoning,
                opening=self.middleware.opening,
                closing=self.middleware.closing,
            )
        return self.splitters[text_id]

    def _close(self, text_id: str) -> list[StreamPart]:
        parts = self._emit(text_id, self._splitter(text_id).flush())
        return parts + self._end_reasoning(text_id)

    def feed(self, part: StreamPart) -> Sequence[StreamPart]:
        if isinstance(part, TextDelta):
            return self._emit(part.id, self._splitter(part.id).feed(part.delta))
        if isinstance(part, TextEnd):
            parts = [*self._close(part.id), part]
            self.splitters.pop(part.id, None)
            return parts
        return [part]

    def flush(self) -> Sequence[StreamPart]:
        parts: list[StreamPart] = []
        for text_id in list(self.splitters):
            parts.extend(self._close(text_id))
        return parts


class ExtractReasoningMiddleware(LanguageModelMiddleware):
    """Moves ``<tag_name>`` spans of text into reasoning (see :func:`extract_reasoning_middleware`)."""

    def __init__(
        self,
        tag_name: str = "think",
        separator: str = "\n",
        start_with_reasoning: bool = False,
        *,
        opening: str | None = None,
        closing: str | None = None,
    ) -> None:
        if opening == "" or closing == "":
            raise InvalidArgumentError("reasoning delimiters must not be empty", argument="opening/closing")
        self.tag_name = tag_name
        self.separator = separator
        self.start_with_reasoning = start_with_reasoning
        self.opening = opening
        self.closing = closing

    def _split_content(self, content: list[Content]) -> list[Content]:
        result: list[Content] = []
        for part in content:
            if not isinstance(part, TextContent):
                result.append(part)
                continue
            reasoning, text = split_reasoning(
                part.text,
                self.tag_name,
                separator=self.separator,
                start_with_reasoning=self.start_with_reasoning,
                opening=self.opening,
                closing=self.closing,
            )
            if reasoning is not None:
                result.append(ReasoningContent(text=reasoning))
            if text or reasoning is None:
                result.append(dataclasses.replace(part, text=text))
        return result

    def wrap_generate(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, GenerateResult]:
        """The result with tagged spans moved into a reasoning part before the text."""
        result = yield from call_generate(options)
        return dataclasses.replace(result, content=self._split_content(result.content))

    def wrap_stream(self, options: CallOptions, model: LanguageModel) -> Generator[ModelRequest, Any, StreamReply]:
        """The stream with tagged spans turned into reasoning-start/delta/end parts."""
        inner = yield from call_stream(options)
        return inner.reply(_ReasoningStreamTransform(self))


def extract_reasoning_middleware(
    tag_name: str = "think",
    separator: str = "\n",
    start_with_reasoning: bool = False,
    *,
    opening: str | None = None,
    closing: str | None = None,
) -> ExtractReasoningMiddleware:
    """For models that write their reasoning inline (DeepSeek R1 style ``<think>...</think>``).

    ``start_with_reasoning=True`` for models whose output begins inside the reasoning without an opening tag;
    ``opening``/``closing`` replace ``<tag_name>``/``</tag_name>`` with literal delimiters
    (``opening="<|channel>thought\\n", closing="<channel|>"``). Delimiters may be cut across stream deltas.
    """
    return ExtractReasoningMiddleware(tag_name, separator, start_with_reasoning, opening=opening, closing=closing)
