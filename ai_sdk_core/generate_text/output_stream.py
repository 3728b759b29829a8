"""Structured-output views of a stream: ``partial_output_stream``, ``element_stream`` and the JSON text of
``stream_object``. One pure reader turns ``full_stream`` parts into view values; the sync and async views are
thin loops over it."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    StartStepPart,
    TextDeltaPart,
    TextStreamPart,
    ToolInputDeltaPart,
    ToolInputStartPart,
)
from ai_sdk_core.output import UNCHANGED, OutputStrategy, PartialOutputTracker, no_object_generated
from ai_sdk_core.spec.errors import TypeValidationError

__all__ = ["OutputView", "OutputStreamReader", "aiterate_view", "iterate_view"]

OutputView = Literal["partial", "element", "text"]


@dataclass(slots=True)
class OutputStreamReader:
    """Reads the answer being streamed (the text of the current step, or the input of ``output_tool``) and
    says what each view shows for a part. A new step starts the answer over: the structured answer is the
    final step's."""

    strategy: OutputStrategy
    view: OutputView
    output_tool: str | None = None
    tracker: PartialOutputTracker = field(init=False)
    tool_input_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.tracker = PartialOutputTracker(self.strategy)

    def _delta(self, part: TextStreamPart) -> str | None:
        if self.output_tool is None:
            return part.text if type(part) is TextDeltaPart else None
        if type(part) is ToolInputStartPart and part.tool_name == self.output_tool:
            self.tool_input_ids.add(part.id)
        elif type(part) is ToolInputDeltaPart and part.id in self.tool_input_ids:
            return part.delta
        return None

    def read(self, part: TextStreamPart) -> list[Any]:
        """The values the view yields for ``part`` (raises the stream's error at an error part)."""
        if type(part) is ErrorPart:
            raise stream_error_to_exception(part.error)
        if type(part) is StartStepPart:
            self.tracker.reset()
            return []
        delta = self._delta(part)
        if delta is None:
            return []
        if self.view == "text":
            return [delta] if delta else []
        partial, elements = self.tracker.feed(delta)
        if self.view == "partial":
            return [] if partial is UNCHANGED else [partial]
        try:
            return [self.strategy.validate_element(element) for element in elements]
        except TypeValidationError as error:
            raise no_object_generated(error, text=self.tracker.text) from error


def iterate_view(parts: Iterable[TextStreamPart], reader: OutputStreamReader) -> Iterator[Any]:
    """The sync view: each value ``reader`` makes of ``parts``."""
    for part in parts:
        yield from reader.read(part)


async def aiterate_view(parts: AsyncIterable[TextStreamPart], reader: OutputStreamReader) -> AsyncIterator[Any]:
    """The async view (closes ``parts`` when left early, which closes the model stream if nothing else reads)."""
    iterator = aiter(parts)
    try:
        async for part in iterator:
            for value in reader.read(part):
                yield value
    finally:
        close = getattr(iterator, "aclose", None)
        if close is not None:
            await close()
