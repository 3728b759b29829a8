"""CoalescedParts and PartLog: merged deltas keep the text and the order, and what is held stays bounded."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from typing import Any

import pytest

from ai_sdk_core.provider_utils.part_log import CoalescedParts, PartLog, Segment
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
    InvalidArgumentError,
    ReasoningDelta,
    StreamError,
    StreamPart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    Usage,
)

FIELDS = {TextDelta: "delta", ReasoningDelta: "delta", ToolInputDelta: "delta"}


def text_of(parts: list[Any], kind: type[Any] = TextDelta) -> str:
    return "".join(part.delta for part in parts if type(part) is kind)


def not_deltas(parts: list[Any]) -> list[Any]:
    return [part for part in parts if type(part) not in FIELDS]


def stream(deltas: int, *, block: str = "t") -> list[StreamPart]:
    parts: list[StreamPart] = [TextStart(id=block)]
    parts += [TextDelta(id=block, delta=f"w{index} ") for index in range(deltas)]
    parts += [TextEnd(id=block), Finish(usage=Usage(), finish_reason=FinishReason("stop"))]
    return parts


def record(parts: list[StreamPart], *, batch: int = 8) -> CoalescedParts[StreamPart]:
    coalesced: CoalescedParts[StreamPart] = CoalescedParts(FIELDS, batch=batch)
    for part in parts:
        coalesced.append(part)
    return coalesced


def test_a_short_record_is_kept_exactly() -> None:
    parts = stream(3)
    snapshot = record(parts, batch=100).snapshot()
    assert len(snapshot) == len(parts)
    assert all(kept is sent for kept, sent in zip(snapshot, parts, strict=True))


@pytest.mark.parametrize("batch", [1, 2, 7, 64])
def test_adjacent_deltas_merge_with_the_same_text_and_order(batch: int) -> None:
    parts = stream(500)
    snapshot = record(parts, batch=batch).snapshot()
    assert text_of(snapshot) == text_of(parts)
    # Starts, ends and the finish keep their place and identity.
    assert all(kept is sent for kept, sent in zip(not_deltas(snapshot), not_deltas(parts), strict=True))
    assert len(snapshot) < len(parts)
    if batch == 1:  # everything compacted: the 500 deltas are one part
        assert [type(part) for part in snapshot] == [TextStart, TextDelta, TextEnd, Finish]


def test_extend_records_like_append() -> None:
    parts = stream(300)
    extended: CoalescedParts[StreamPart] = CoalescedParts(FIELDS, batch=16)
    for start in range(0, len(parts), 5):
        extended.extend(parts[start : start + 5])
    snapshot = extended.snapshot()
    assert text_of(snapshot) == text_of(parts)
    assert not_deltas(snapshot) == not_deltas(parts)
    assert len(snapshot) < 30


def test_deltas_of_other_blocks_kinds_or_metadata_do_not_merge() -> None:
    parts: list[StreamPart] = [
        TextDelta(id="a", delta="1"),
        TextDelta(id="a", delta="2"),
        TextDelta(id="b", delta="3"),
        ReasoningDelta(id="b", delta="4"),
        ToolInputDelta(id="b", delta="5"),
        ToolInputDelta(id="b", delta="6"),
        TextDelta(id="a", delta="7", provider_metadata={"p": {"k": 1}}),
        TextDelta(id="a", delta="8", provider_metadata={"p": {"k": 1}}),  # equal metadata: merges
        TextDelta(id="a", delta="9", provider_metadata={"p": {"k": 2}}),
        TextDelta(id="a", delta="0"),
    ]
    coalesced = record(parts, batch=1)
    coalesced.compact()
    assert coalesced.snapshot() == [
        TextDelta(id="a", delta="12"),
        TextDelta(id="b", delta="3"),
        ReasoningDelta(id="b", delta="4"),
        ToolInputDelta(id="b", delta="56"),
        TextDelta(id="a", delta="78", provider_metadata={"p": {"k": 1}}),
        TextDelta(id="a", delta="9", provider_metadata={"p": {"k": 2}}),
        TextDelta(id="a", delta="0"),
    ]


def test_a_lone_delta_keeps_its_identity() -> None:
    alone = TextDelta(id="a", delta="x")
    end = TextEnd(id="a")
    coalesced = record([alone, end], batch=1)
    assert coalesced.snapshot()[0] is alone


def test_a_snapshot_in_the_middle_of_a_run_leaves_the_record_correct() -> None:
    parts = stream(200)
    coalesced: CoalescedParts[StreamPart] = CoalescedParts(FIELDS, batch=10)
    snapshots = []
    for index, part in enumerate(parts):
        coalesced.append(part)
        if index % 37 == 0:
            snapshots.append((index, coalesced.snapshot()))
    for index, snapshot in snapshots:
        assert text_of(snapshot) == text_of(parts[: index + 1])
    assert text_of(coalesced.snapshot()) == text_of(parts)


def test_error_parts_are_kept_in_place() -> None:
    error = StreamError(error="boom")
    parts = [*stream(50)[:-2], error]
    snapshot = record(parts, batch=4).snapshot()
    assert snapshot[-1] is error
    assert text_of(snapshot) == text_of(parts)


def test_what_is_held_does_not_grow_with_the_chunk_count() -> None:
    held = []
    for deltas in (2_000, 50_000):
        coalesced: CoalescedParts[StreamPart] = CoalescedParts(FIELDS, batch=256)
        for part in stream(deltas):
            coalesced.append(part)
        held.append(len(coalesced))
    assert held[1] <= held[0] <= 256 + 4


def test_batch_must_be_positive() -> None:
    with pytest.raises(InvalidArgumentError):
        CoalescedParts(FIELDS, batch=0)


# --- PartLog -----------------------------------------------------------------------------------------------


def walk(segment: Segment[Any]) -> list[Any]:
    """Read a consumer's view to the end of what was appended (the loop of stream_text's iterators)."""
    seen: list[Any] = []
    while segment is not None:
        seen += segment.parts
        segment = segment.next  # type: ignore[assignment]
    return seen


def test_a_consumer_started_first_sees_every_part_as_appended() -> None:
    parts = stream(1_000)
    log: PartLog[StreamPart] = PartLog(FIELDS, segment_size=16)
    first = log.start()
    for part in parts:
        log.append(part)
    seen = walk(first)
    assert len(seen) == len(parts)
    assert all(kept is sent for kept, sent in zip(seen, parts, strict=True))


def test_a_late_consumer_replays_merged_history_then_the_live_tail() -> None:
    parts = stream(1_000)
    log: PartLog[StreamPart] = PartLog(FIELDS, segment_size=16)
    for part in parts[:700]:
        log.append(part)
    late = log.start()
    for part in parts[700:]:
        log.append(part)
    seen = walk(late)
    assert text_of(seen) == text_of(parts)
    assert not_deltas(seen) == not_deltas(parts)
    assert len(late.parts) <= 2  # the first 700 parts (less the live segment) replayed as a start and a delta
    assert len(seen) <= 2 + 16 + 300
    assert log.retained <= 16 + 4


def count(kind: type[Any]) -> int:
    gc.collect()
    return sum(1 for item in gc.get_objects() if type(item) is kind)


def test_segments_nobody_reads_are_freed() -> None:
    log: PartLog[StreamPart] = PartLog(FIELDS, segment_size=16)
    reader = log.start()
    before = count(Segment)
    for part in stream(2_000):
        log.append(part)
    assert count(Segment) - before > 100  # the reader holds the chain from its segment on
    del reader
    assert count(Segment) - before <= 2  # only the log's tail is left


class HistoryWithAConsumerArriving(CoalescedParts[StreamPart]):
    """A log's history during which, each time a full segment has just been folded in (the log not yet moved on
    to its next segment), another thread starts a consumer: the moment a start() must not see half of."""

    def __init__(self, log: PartLog[StreamPart]) -> None:
        super().__init__(FIELDS, batch=4)
        self.log = log
        self.starts: list[Segment[Any]] = []
        self.arriving: threading.Thread | None = None

    def extend(self, parts: Iterable[StreamPart]) -> None:
        super().extend(parts)
        arriving = threading.Thread(target=lambda: self.starts.append(self.log.start()))
        arriving.start()
        # Give it the chance to run now; when start() waits for the append to finish, it runs after it.
        arriving.join(0.05)
        self.arriving = arriving


def test_a_consumer_started_in_another_thread_while_a_segment_fills_sees_every_part_once() -> None:
    parts = stream(40)
    log: PartLog[StreamPart] = PartLog(FIELDS, segment_size=4)
    history = log._history = HistoryWithAConsumerArriving(log)
    for part in parts:
        log.append(part)
        if history.arriving is not None:
            history.arriving.join()
    assert len(history.starts) == len(parts) // 4
    for first in history.starts:
        seen = walk(first)
        assert text_of(seen) == text_of(parts)
        assert not_deltas(seen) == not_deltas(parts)
