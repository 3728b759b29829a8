"""Per-chunk cost of the UI message stream encoder against the bare JSON encoding of the same dicts.

``python bench/ui_encoding.py`` builds a realistic chunk mix (mostly ``text-delta``, plus the chunks of a tool
call, reasoning, data parts and the stream's frame), then times, interleaved ``--repeat`` times (default 7):

* baseline: ``pydantic_core.to_json(chunk)`` for each chunk (what any encoder must at least do);
* ``encode_ui_message_stream(chunks)`` for protocol versions 7 and 5, of chunks from this package's producers
  (trusted clean: no per-chunk checks for 7.x), and for 7 of chunks from any other iterable (each one checked:
  type known to the major, no None values);
* async: the same bare loop over an async generator (the async baseline), then ``aencode_ui_message_stream`` for
  7 without keep-alive and with ``keep_alive_interval=15`` (a reading task runs ahead of the consumer; the
  chunks it has read go out as one bytes object), of this package's chunks and of checked ones.

Every case reads the same chunks through the same generator. It prints the median nanoseconds per chunk and
the ratio to the baseline of its kind (target: at most 1.3x for version 7 with this package's chunks).
In process, no server: it is not one of ``run.py``'s cases (case 7 there measures the whole web path, encoder
included). Runs in ``bench/.venv`` or any environment with this project installed.
Nothing here is part of the test suite: tests never assert timings.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from pydantic_core import to_json

from ai_sdk_core.ui.encoding import aencode_ui_message_stream, encode_ui_message_stream
from ai_sdk_core.ui.versions import clean_source

__all__ = ["main", "make_chunks"]


def make_chunks(count: int) -> list[dict[str, Any]]:
    """``count`` chunks: about 85% text deltas of a few words, the rest a mix of the other common types."""
    words = ["The ", "quick ", "brown ", "fox ", "jumps ", "over ", "the ", "lazy ", "dog, ", "naïvely. "]
    chunks: list[dict[str, Any]] = [{"type": "start", "messageId": "msg-1"}, {"type": "start-step"}]
    index = 0
    while len(chunks) < count:
        block = index // 20
        if index % 20 == 0:
            chunks.append({"type": "text-start", "id": f"text-{block}"})
        elif index % 20 == 19:
            chunks.append({"type": "text-end", "id": f"text-{block}"})
            call_id = f"call-{block}"
            chunks.extend(
                [
                    {"type": "tool-input-start", "toolCallId": call_id, "toolName": "weather"},
                    {"type": "tool-input-delta", "toolCallId": call_id, "inputTextDelta": '{"city":"Paris"}'},
                    {
                        "type": "tool-input-available",
                        "toolCallId": call_id,
                        "toolName": "weather",
                        "input": {"city": "Paris"},
                    },
                    {"type": "tool-output-available", "toolCallId": call_id, "output": {"temperature": 21.5}},
                    {"type": "data-status", "id": "status", "data": {"step": block}},
                ]
            )
        else:
            chunks.append({"type": "text-delta", "id": f"text-{block}", "delta": words[index % len(words)]})
        index += 1
    chunks.append({"type": "finish-step"})
    chunks.append({"type": "finish", "finishReason": "stop"})
    return chunks


@clean_source
def _replay(chunks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The chunks as a generator registered like this package's own producers (``to_ui_message_stream``), whose
    chunks the encoder trusts; every case reads its chunks through it, so its cost is in the baseline too."""
    yield from chunks


@clean_source
async def _areplay(chunks: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    """The async twin of ``_replay`` (registered the same way)."""
    for chunk in chunks:
        yield chunk


async def _areplay_elsewhere(chunks: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    """The same chunks from a generator of someone else's: each chunk is checked."""
    for chunk in chunks:
        yield chunk


def _abare(chunks: list[dict[str, Any]]) -> None:
    async def run() -> None:
        async for chunk in _areplay(chunks):
            to_json(chunk)

    asyncio.run(run())


def _aencoder(*, keep_alive: bool, produced_here: bool) -> Callable[[list[dict[str, Any]]], None]:
    def run(chunks: list[dict[str, Any]]) -> None:
        async def consume() -> None:
            source = _areplay(chunks) if produced_here else _areplay_elsewhere(chunks)
            async for _ in aencode_ui_message_stream(source, keep_alive_interval=15 if keep_alive else None):
                pass

        asyncio.run(consume())

    return run


def _bare(chunks: list[dict[str, Any]]) -> None:
    for chunk in _replay(chunks):
        to_json(chunk)


def _encoder(version: int, *, produced_here: bool) -> Callable[[list[dict[str, Any]]], None]:
    def run(chunks: list[dict[str, Any]]) -> None:
        source = _replay(chunks) if produced_here else iter(list(chunks))
        for _ in encode_ui_message_stream(source, protocol_version=version):
            pass

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    chunks = make_chunks(arguments.chunks)
    cases: dict[str, Callable[[list[dict[str, Any]]], None]] = {
        "pydantic_core.to_json (baseline)": _bare,
        "encode_ui_message_stream v7 (chunks of this package)": _encoder(7, produced_here=True),
        "encode_ui_message_stream v5 (chunks of this package)": _encoder(5, produced_here=True),
        "encode_ui_message_stream v7 (chunks from elsewhere, checked)": _encoder(7, produced_here=False),
        "async for + to_json (async baseline)": _abare,
        "aencode_ui_message_stream v7": _aencoder(keep_alive=False, produced_here=True),
        "aencode_ui_message_stream v7 (checked)": _aencoder(keep_alive=False, produced_here=False),
        "aencode_ui_message_stream v7, keep-alive": _aencoder(keep_alive=True, produced_here=True),
        "aencode_ui_message_stream v7, keep-alive (checked)": _aencoder(keep_alive=True, produced_here=False),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(arguments.repeat):
        for name, case in cases.items():  # interleaved, so drift of the machine hits every case alike
            started = time.perf_counter_ns()
            case(chunks)
            samples[name].append((time.perf_counter_ns() - started) / len(chunks))
    baselines = {
        "sync": statistics.median(samples["pydantic_core.to_json (baseline)"]),
        "async": statistics.median(samples["async for + to_json (async baseline)"]),
    }
    text_deltas = sum(1 for chunk in chunks if chunk["type"] == "text-delta")
    print(f"{len(chunks)} chunks ({text_deltas / len(chunks):.0%} text-delta), median of {arguments.repeat} runs\n")
    print("| case | ns/chunk | ratio |")
    print("|---|---:|---:|")
    for name, values in samples.items():
        median = statistics.median(values)
        baseline = baselines["async" if name.startswith(("async", "aencode")) else "sync"]
        print(f"| {name} | {median:.0f} | {median / baseline:.2f}x |")


if __name__ == "__main__":
    main()
