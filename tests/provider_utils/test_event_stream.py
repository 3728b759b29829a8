"""The SSE decoder, fed at every byte boundary; its edge cases and its bounds."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from ai_sdk_core.provider_utils import ServerSentEvent, SSEDecoder, aiter_sse_events, iter_sse_events
from ai_sdk_core.spec import ResponseTooLargeError

# A BOM, CRLF / LF / lone CR line ends, comments, multi-line data, fields without the optional space,
# a 3-byte (€) and a 4-byte (🙂) UTF-8 character, an id kept across events, a retry, an event type.
SAMPLE = (
    b"\xef\xbb\xbf"
    b": hello, this is a comment\r\n"
    b"data: first\r\n"
    b"\r\n"
    b"event: update\n"
    b"id: 7\n"
    b"data:line one\n"
    b"data:  line two keeps one space\n"
    b"\n"
    b"retry: 1500\r"
    b"data: price 5 \xe2\x82\xac \xf0\x9f\x99\x82\r"
    b"\r"
    b":keep-alive\r\n"
    b"data\r\n"
    b"data: \r\n"
    b"\r\n"
    b"data: [DONE]\n"
    b"\n"
)

EXPECTED = [
    ServerSentEvent(data="first"),
    ServerSentEvent(data="line one\n line two keeps one space", event="update", id="7"),
    ServerSentEvent(data="price 5 € 🙂", id="7", retry=1500),
    ServerSentEvent(data="\n", id="7", retry=1500),
    ServerSentEvent(data="[DONE]", id="7", retry=1500),
]


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(decoder.feed(chunk))
    events.extend(decoder.flush())
    return events


def test_whole_sample() -> None:
    assert decode(SAMPLE) == EXPECTED


def test_every_single_split_point() -> None:
    for index in range(len(SAMPLE) + 1):
        assert decode(SAMPLE[:index], SAMPLE[index:]) == EXPECTED, index


def test_every_pair_of_split_points() -> None:
    for first in range(len(SAMPLE) + 1):
        for second in range(first, len(SAMPLE) + 1):
            events = decode(SAMPLE[:first], SAMPLE[first:second], SAMPLE[second:])
            assert events == EXPECTED, (first, second)


def test_one_byte_at_a_time() -> None:
    assert decode(*(SAMPLE[index : index + 1] for index in range(len(SAMPLE)))) == EXPECTED


def test_cr_at_chunk_end_then_lf_is_one_line_end() -> None:
    # If the LF were read as a second line end, the event would be dispatched early with only "a".
    assert decode(b"data: a\r", b"\ndata: b\r\n\r\n") == [ServerSentEvent(data="a\nb")]


def test_lone_cr_at_chunk_end_followed_by_data() -> None:
    assert decode(b"data: a\r", b"data: b\r\r") == [ServerSentEvent(data="a\nb")]


def test_bom_only_at_stream_start() -> None:
    assert decode(b"\xef\xbb\xbfdata: x\n\n") == [ServerSentEvent(data="x")]
    # A BOM later is content; the field name then is not "data", so nothing is dispatched.
    assert decode(b"data: x\n\n", b"\xef\xbb\xbfdata: y\n\n") == [ServerSentEvent(data="x")]


def test_block_without_data_is_not_dispatched() -> None:
    assert decode(b"event: ping\n\n", b"id: 3\n\n", b"data: after\n\n") == [ServerSentEvent(data="after", id="3")]


def test_unknown_fields_and_invalid_retry_and_nul_id_are_ignored() -> None:
    events = decode(b"foo: bar\nretry: soon\nid: a\x00b\ndata: x\n\n")
    assert events == [ServerSentEvent(data="x")]


def test_flush_dispatches_a_last_event_without_blank_line_or_line_end() -> None:
    assert decode(b"data: a\n\ndata: b") == [ServerSentEvent(data="a"), ServerSentEvent(data="b")]


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert decode(b"data: \xff\n\n") == [ServerSentEvent(data="\ufffd")]


def test_decoder_tracks_last_event_id_and_retry() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"id: 42\nretry: 10\n\n")
    assert decoder.last_event_id == "42"
    assert decoder.retry == 10


def test_line_bound_with_line_end() -> None:
    decoder = SSEDecoder(max_line_bytes=16)
    assert decoder.feed(b"data: 0123456789\n\n") == [ServerSentEvent(data="0123456789")]  # 16 bytes: allowed
    with pytest.raises(ResponseTooLargeError) as caught:
        decoder.feed(b"data: 01234567890\n\n")
    assert caught.value.limit == 16


def test_line_bound_without_line_end() -> None:
    # A server that never sends a line end must not make us buffer forever.
    decoder = SSEDecoder(max_line_bytes=64)
    with pytest.raises(ResponseTooLargeError):
        for _ in range(100):
            decoder.feed(b"data: xxxxxxxxxx")


def test_event_bound_counts_all_data_lines() -> None:
    decoder = SSEDecoder(max_event_bytes=20)
    assert decoder.feed(b"data: 12345\ndata: 12345\n\n") == [ServerSentEvent(data="12345\n12345")]
    with pytest.raises(ResponseTooLargeError) as caught:
        decoder.feed(b"data: 12345\ndata: 12345\ndata: 12345\ndata: 12345\n")
    assert caught.value.limit == 20


def test_iter_sse_events() -> None:
    chunks = [SAMPLE[index : index + 7] for index in range(0, len(SAMPLE), 7)]
    assert list(iter_sse_events(chunks)) == EXPECTED


@pytest.mark.anyio
async def test_aiter_sse_events() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for index in range(0, len(SAMPLE), 5):
            yield SAMPLE[index : index + 5]

    assert [event async for event in aiter_sse_events(chunks())] == EXPECTED


# The decoder splits each chunk in bulk; these pin the bounds and decoding on that path.


def test_many_short_lines_in_one_chunk_are_not_one_long_line() -> None:
    decoder = SSEDecoder(max_line_bytes=16)
    events = decoder.feed(b"data: 0123456789\n\n" * 50)
    assert events == [ServerSentEvent(data="0123456789")] * 50


def test_a_long_line_after_short_ones_in_one_chunk_raises() -> None:
    decoder = SSEDecoder(max_line_bytes=16)
    with pytest.raises(ResponseTooLargeError) as caught:
        decoder.feed(b"data: a\n\n" * 3 + b"data: 01234567890\n\n" + b"data: b\n\n")
    assert caught.value.limit == 16


def test_line_bound_on_the_tail_after_complete_lines() -> None:
    decoder = SSEDecoder(max_line_bytes=16)
    with pytest.raises(ResponseTooLargeError):
        decoder.feed(b"data: a\n\ndata: 0123456789abcdef")


def test_line_bound_counts_a_line_split_across_chunks() -> None:
    decoder = SSEDecoder(max_line_bytes=16)
    assert decoder.feed(b"data: 01234") == []
    assert decoder.feed(b"56789\n\n") == [ServerSentEvent(data="0123456789")]  # 16 bytes in all: allowed
    decoder.feed(b"data: 01234")
    with pytest.raises(ResponseTooLargeError):
        decoder.feed(b"567890\n\n")


def test_event_bound_counts_data_lines_across_chunks() -> None:
    decoder = SSEDecoder(max_event_bytes=20)
    assert decoder.feed(b"data: 12345\n") == []
    assert decoder.feed(b"data: 12345\n") == []
    with pytest.raises(ResponseTooLargeError):
        decoder.feed(b"data: 12345\ndata: 12345\n")


def test_invalid_utf8_at_a_line_end_keeps_the_line_break() -> None:
    # A cut multi-byte sequence ends at its line: the next data line is not swallowed into its replacement.
    assert decode(b"data: \xe2\x82\ndata: \xff\n\n") == [ServerSentEvent(data="\ufffd\n\ufffd")]


def test_a_character_split_across_chunks_inside_a_line() -> None:
    text = "data: €🙂\n\n".encode()
    for index in range(len(text) + 1):
        assert decode(text[:index], text[index:]) == [ServerSentEvent(data="€🙂")], index
