"""Per-call and per-chunk overhead of ``ChatAISDK`` against ``langchain-openai``'s ``ChatOpenAI`` on one loopback
server.

Run (about a minute on 2 cores)::

    python -m pip install -e '.[langchain]' 'langchain-openai==1.7.4'
    python bench/langchain_adapter.py
    python bench/langchain_adapter.py --quick --async --json bench/results/langchain.json

The peer is not a project dependency: install the pinned ``langchain-openai==1.7.4`` (with the ``openai`` SDK it
pulls in) next to the ``langchain`` extra. Nothing here runs in the test suite; tests never assert timings.

One ``bench/stub_server.py`` process serves every case (OpenAI Chat Completions: one ``chat.completion`` object,
or an event stream of N content chunks); the client runs in this process, pinned to another core when there are
two. Rounds alternate the cases so machine noise hits them alike. Two groups, each against raw httpx (the
baselines of ``bench/run.py``: ``Client.post`` + ``json.loads``; ``iter_lines`` + ``json.loads``):

- per call: ``ChatOpenAI(base_url=<server>).invoke(prompt)`` and
  ``ChatAISDK(model=create_openai(base_url=<server>).chat(...)).invoke(prompt)``;
- per chunk: the same models' ``.stream(prompt)``, every chunk counted.

For each group the table gives medians, the overhead over raw httpx, and the ratio of our overhead to
ChatOpenAI's (the per-chunk target is at most 0.5). Both pay LangChain's own machinery (callback manager, run
tree, ``ChatGenerationChunk`` per chunk), which is part of what a user sees. ``--async`` measures ``ainvoke``
and ``astream`` too.
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
    generate_raw_httpx_async,
    generate_raw_httpx_sync,
    stream_raw_httpx_async,
    stream_raw_httpx_sync,
)

PEER_PIN = "langchain-openai==1.7.4"
PEER = "ChatOpenAI"
OURS = "ChatAISDK"


def _models(settings: WorkerSettings, *, streaming: bool) -> tuple[Any, Any]:
    """(ChatOpenAI, ChatAISDK), both without retries, on the same server."""
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as error:
        raise SystemExit(f"the peer is not installed: python -m pip install '{PEER_PIN}'") from error
    from ai_sdk_core.providers.openai import create_openai
    from langchain_ai_sdk import ChatAISDK

    base_url = settings.base_url(streaming=streaming)
    # ``stream_usage`` makes ChatOpenAI ask for the usage chunk, as ChatAISDK always does.
    peer = ChatOpenAI(model=MODEL_ID, api_key=API_KEY, base_url=base_url, max_retries=0, stream_usage=True)
    ours = ChatAISDK(model=create_openai(base_url=base_url, api_key=API_KEY).chat(MODEL_ID), max_retries=0)
    return peer, ours


def _count(chunks: Any, expected: int) -> int:
    count = sum(1 for chunk in chunks if chunk.content)
    if count != expected:
        raise RuntimeError(f"expected {expected} text chunks, got {count}")
    return count


async def _acount(chunks: Any, expected: int) -> int:
    count = 0
    async for chunk in chunks:
        if chunk.content:
            count += 1
    if count != expected:
        raise RuntimeError(f"expected {expected} text chunks, got {count}")
    return count


def _per_unit(action: Callable[[], Any], units: int) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) / units


async def _aper_unit(action: Callable[[], Awaitable[Any]], units: int) -> float:
    started = time.perf_counter()
    await action()
    return (time.perf_counter() - started) / units


def _alternate(cases: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():  # warm-up: imports, connections, caches
        case()
    for _ in range(rounds):
        for name, case in cases.items():
            samples[name].append(case())
    return samples


def measure_sync(settings: WorkerSettings, rounds: int, calls: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per call and per chunk of each case, the cases alternating round by round."""
    peer_calls, our_calls = _models(settings, streaming=False)
    peer_streams, our_streams = _models(settings, streaming=True)
    raw_calls = WorkerSettings(settings.port, settings.chunks, 1, calls, 0)
    raw_streams = WorkerSettings(settings.port, settings.chunks, 1, 1, 0)

    def invoke_many(model: Any) -> None:
        for _ in range(calls):
            assert model.invoke(PROMPT).content

    per_call = _alternate(
        {
            "raw httpx": lambda: generate_raw_httpx_sync(raw_calls)[0],
            PEER: lambda: _per_unit(lambda: invoke_many(peer_calls), calls),
            OURS: lambda: _per_unit(lambda: invoke_many(our_calls), calls),
        },
        rounds,
    )
    per_chunk = _alternate(
        {
            "raw httpx": lambda: stream_raw_httpx_sync(raw_streams)[0],
            PEER: lambda: _per_unit(lambda: _count(peer_streams.stream(PROMPT), settings.chunks), settings.chunks),
            OURS: lambda: _per_unit(lambda: _count(our_streams.stream(PROMPT), settings.chunks), settings.chunks),
        },
        rounds,
    )
    return {"invoke (per call)": per_call, "stream (per chunk)": per_chunk}


def measure_async(settings: WorkerSettings, rounds: int, calls: int) -> dict[str, dict[str, list[float]]]:
    """The ``ainvoke``/``astream`` twin of :func:`measure_sync`."""
    peer_calls, our_calls = _models(settings, streaming=False)
    peer_streams, our_streams = _models(settings, streaming=True)
    raw_calls = WorkerSettings(settings.port, settings.chunks, 1, calls, 0)
    raw_streams = WorkerSettings(settings.port, settings.chunks, 1, 1, 0)

    async def ainvoke_many(model: Any) -> None:
        for _ in range(calls):
            assert (await model.ainvoke(PROMPT)).content

    chunks = settings.chunks

    async def run() -> dict[str, dict[str, list[float]]]:
        groups: dict[str, dict[str, Callable[[], Awaitable[float]]]] = {
            "ainvoke (per call)": {
                PEER: lambda: _aper_unit(lambda: ainvoke_many(peer_calls), calls),
                OURS: lambda: _aper_unit(lambda: ainvoke_many(our_calls), calls),
            },
            "astream (per chunk)": {
                PEER: lambda: _aper_unit(lambda: _acount(peer_streams.astream(PROMPT), chunks), chunks),
                OURS: lambda: _aper_unit(lambda: _acount(our_streams.astream(PROMPT), chunks), chunks),
            },
        }
        results: dict[str, dict[str, list[float]]] = {}
        for title, cases in groups.items():
            samples: dict[str, list[float]] = {name: [] for name in cases}
            for case in cases.values():
                await case()
            for _ in range(rounds):
                for name, case in cases.items():
                    samples[name].append(await case())
            results[title] = samples
        return results

    measured = asyncio.run(run())
    # The raw baselines run their own event loops (bench/run.py's cases), so they are sampled outside ours.
    measured["ainvoke (per call)"]["raw httpx"] = [generate_raw_httpx_async(raw_calls)[0] for _ in range(rounds)]
    measured["astream (per chunk)"]["raw httpx"] = [stream_raw_httpx_async(raw_streams)[0] for _ in range(rounds)]
    return measured


def render(title: str, samples: dict[str, list[float]]) -> tuple[str, float]:
    """A table of medians, overheads over raw httpx, and the ratio of our overhead to ChatOpenAI's."""
    medians = {name: statistics.median(samples[name]) for name in ("raw httpx", PEER, OURS)}
    raw = medians["raw httpx"]
    peer_overhead = medians[PEER] - raw
    lines = [f"### {title}", "", "| case | µs | overhead over raw httpx, µs |", "| --- | ---: | ---: |"]
    for name, median in medians.items():
        overhead = "" if name == "raw httpx" else f"{(median - raw) * 1e6:.1f}"
        lines.append(f"| {name} | {median * 1e6:.1f} | {overhead} |")
    ratio = (medians[OURS] - raw) / peer_overhead if peer_overhead > 0 else float("nan")
    lines += ["", f"{OURS} overhead / {PEER} overhead: **{ratio:.2f}**", ""]
    return "\n".join(lines), ratio


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=2000, help="content chunks per stream")
    parser.add_argument("--calls", type=int, default=40, help="calls per per-call sample")
    parser.add_argument("--rounds", type=int, default=7, help="samples per case")
    parser.add_argument("--quick", action="store_true", help="500 chunks, 10 calls, 3 rounds")
    parser.add_argument("--async", dest="run_async", action="store_true", help="also measure ainvoke/astream")
    parser.add_argument("--json", type=Path, help="write the samples and ratios here")
    options = parser.parse_args(arguments)
    chunks, calls, rounds = (500, 10, 3) if options.quick else (options.chunks, options.calls, options.rounds)
    client_cpu, server_cpu = _pick_cpus()
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    server, port = _start_server(server_cpu)
    try:
        settings = WorkerSettings(port, chunks, rounds, 1, 0)
        results = measure_sync(settings, rounds, calls)
        if options.run_async:
            results.update(measure_async(settings, rounds, calls))
    finally:
        _stop_server(server)
    report: dict[str, Any] = {"chunks": chunks, "calls": calls, "rounds": rounds, "samples": results, "ratios": {}}
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
