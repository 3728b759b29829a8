"""Per-chunk overhead of ``AISDK.stream_chat`` against ``llama-index-llms-openai`` on one loopback server.

Run (about a minute on 2 cores)::

    python -m pip install -e '.[llamaindex]' 'llama-index-llms-openai==0.8.3'
    python bench/llamaindex_adapter.py
    python bench/llamaindex_adapter.py --quick --json bench/results/llamaindex.json

The peer is not a project dependency: install the pinned ``llama-index-llms-openai==0.8.3`` (with the ``openai``
SDK it pulls in) next to the ``llamaindex`` extra. Nothing here runs in the test suite; tests never assert timings.

One ``bench/stub_server.py`` process serves every case (an OpenAI Chat Completions event stream of N content
chunks); the client runs in this process, pinned to another core when there are two. Rounds alternate the cases
so machine noise hits them alike. For each case the table gives the median seconds per chunk and the overhead
over raw httpx (``iter_lines`` + ``json.loads``, the same baseline as ``bench/run.py``):

- ``llama-index-llms-openai``: ``OpenAI(model=..., api_base=<server>).stream_chat(messages)``
- ``AISDK``: ``AISDK(create_openai(base_url=<server>).chat(...)).stream_chat(messages)``

and the ratio of the two overheads (the target is at most 0.5). ``--async`` measures ``astream_chat`` too.
Both LLMs pay LlamaIndex's own per-chunk machinery (the ``llm_chat_callback`` wrapper and its
``LLMChatInProgressEvent``), which is part of what a user sees.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import (  # noqa: E402 - bench/ is a folder of scripts, not a package
    API_KEY,
    MODEL_ID,
    PROMPT,
    WorkerSettings,
    _pick_cpus,
    _start_server,
    _stop_server,
    stream_raw_httpx_async,
    stream_raw_httpx_sync,
)

PEER_PIN = "llama-index-llms-openai==0.8.3"


def _messages() -> list[Any]:
    from llama_index.core.llms import ChatMessage

    return [ChatMessage(role="user", content=PROMPT)]


def _count(responses: Any, chunks: int) -> int:
    count = sum(1 for response in responses if response.delta)
    if count != chunks:
        raise RuntimeError(f"expected {chunks} text chunks, got {count}")
    return count


async def _acount(responses: Any, chunks: int) -> int:
    count = 0
    async for response in responses:
        if response.delta:
            count += 1
    if count != chunks:
        raise RuntimeError(f"expected {chunks} text chunks, got {count}")
    return count


def _peer_llm(settings: WorkerSettings) -> Any:
    try:
        from llama_index.llms.openai import OpenAI
    except ImportError as error:
        raise SystemExit(f"the peer is not installed: python -m pip install '{PEER_PIN}'") from error
    return OpenAI(model=MODEL_ID, api_key=API_KEY, api_base=settings.base_url(streaming=True), max_retries=0)


def _our_llm(settings: WorkerSettings) -> Any:
    from ai_sdk_core.providers.openai import create_openai
    from llama_index.llms.ai_sdk import AISDK

    provider = create_openai(base_url=settings.base_url(streaming=True), api_key=API_KEY)
    return AISDK(provider.chat(MODEL_ID), max_retries=0)


def _timed(consume: Callable[[], int], chunks: int) -> float:
    started = time.perf_counter()
    consume()
    return (time.perf_counter() - started) / chunks


async def _atimed(consume: Callable[[], Awaitable[int]], chunks: int) -> float:
    started = time.perf_counter()
    await consume()
    return (time.perf_counter() - started) / chunks


def measure_sync(settings: WorkerSettings, rounds: int) -> dict[str, list[float]]:
    """Seconds per chunk of each case, ``rounds`` samples each, the cases alternating round by round."""
    peer, ours = _peer_llm(settings), _our_llm(settings)
    messages = _messages()
    raw_settings = WorkerSettings(settings.port, settings.chunks, 1, 1, 0)
    cases: dict[str, Callable[[], float]] = {
        "raw httpx": lambda: stream_raw_httpx_sync(raw_settings)[0],
        "llama-index-llms-openai": lambda: _timed(
            lambda: _count(peer.stream_chat(messages), settings.chunks), settings.chunks
        ),
        "AISDK": lambda: _timed(lambda: _count(ours.stream_chat(messages), settings.chunks), settings.chunks),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():  # warm-up: imports, connections, caches
        case()
    for _ in range(rounds):
        for name, case in cases.items():
            samples[name].append(case())
    return samples


def measure_async(settings: WorkerSettings, rounds: int) -> dict[str, list[float]]:
    """The ``astream_chat`` twin of :func:`measure_sync`."""
    peer, ours = _peer_llm(settings), _our_llm(settings)
    messages = _messages()
    raw_settings = WorkerSettings(settings.port, settings.chunks, 1, 1, 0)

    async def peer_stream() -> int:
        return await _acount(await peer.astream_chat(messages), settings.chunks)

    async def our_stream() -> int:
        return await _acount(await ours.astream_chat(messages), settings.chunks)

    async def run() -> dict[str, list[float]]:
        cases: dict[str, Callable[[], Awaitable[float]]] = {
            "llama-index-llms-openai": lambda: _atimed(peer_stream, settings.chunks),
            "AISDK": lambda: _atimed(our_stream, settings.chunks),
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for case in cases.values():
            await case()
        for _ in range(rounds):
            for name, case in cases.items():
                samples[name].append(await case())
        return samples

    # The raw baseline runs its own event loop (bench/run.py's case), so it is sampled outside ours.
    raw = [stream_raw_httpx_async(raw_settings)[0] for _ in range(rounds)]
    return {"raw httpx": raw, **asyncio.run(run())}


def render(title: str, samples: dict[str, list[float]]) -> tuple[str, float]:
    """A table of medians, overheads over raw httpx, and the ratio of our overhead to the peer's."""
    medians = {name: statistics.median(values) for name, values in samples.items()}
    raw = medians["raw httpx"]
    peer_overhead = medians["llama-index-llms-openai"] - raw
    lines = [f"### {title}", "", "| case | µs per chunk | overhead over raw httpx, µs |", "| --- | ---: | ---: |"]
    for name, median in medians.items():
        overhead = "" if name == "raw httpx" else f"{(median - raw) * 1e6:.1f}"
        lines.append(f"| {name} | {median * 1e6:.1f} | {overhead} |")
    ratio = (medians["AISDK"] - raw) / peer_overhead if peer_overhead > 0 else float("nan")
    lines += ["", f"AISDK overhead / llama-index-llms-openai overhead: **{ratio:.2f}** (target <= 0.5)", ""]
    return "\n".join(lines), ratio


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=2000, help="content chunks per stream")
    parser.add_argument("--rounds", type=int, default=7, help="samples per case")
    parser.add_argument("--quick", action="store_true", help="500 chunks, 3 rounds")
    parser.add_argument("--async", dest="run_async", action="store_true", help="also measure astream_chat")
    parser.add_argument("--json", type=Path, help="write the samples and ratios here")
    options = parser.parse_args(arguments)
    chunks, rounds = (500, 3) if options.quick else (options.chunks, options.rounds)
    client_cpu, server_cpu = _pick_cpus()
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    server, port = _start_server(server_cpu)
    try:
        settings = WorkerSettings(port, chunks, rounds, 1, 0)
        results = {"stream_chat": measure_sync(settings, rounds)}
        if options.run_async:
            results["astream_chat"] = measure_async(settings, rounds)
    finally:
        _stop_server(server)
    report: dict[str, Any] = {"chunks": chunks, "rounds": rounds, "samples": results, "ratios": {}}
    for title, samples in results.items():
        table, ratio = render(title, samples)
        report["ratios"][title] = ratio
        print(table)
    if options.json is not None:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
