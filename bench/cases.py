"""Every case of the benchmark, and the worker side that measures one of them in a fresh process.

A case is one row of the report: what is measured (its ``kind``), on which wire format, by which implementation.
Rows of the same kind and format form a group whose baseline is raw httpx (for the web cases: the bare view of
the same framework); the report gives each row's ratio to its baseline from the same run. Kinds:

1. ``import``: wall time of ``import <module>`` in a fresh interpreter (measured by the runner itself);
2. ``call.sync`` / ``call.async``: seconds per non-streaming call, each sample taken in turn with one of raw httpx
   in the same process, so that the report's ratios are of paired samples (fresh processes differ by more than
   the costs measured here);
3. ``stream.sync`` / ``stream.async``: seconds per text chunk of one long stream;
4. ``concurrent``: seconds per chunk of many concurrent streams in one event loop;
5. ``memory``: RSS after import and one call, and peak RSS over a short and a long stream;
6. the adapters: ``call.*`` and ``stream.*`` rows of ``adapters.py``'s classes, OpenAI Chat Completions;
7. ``web``: seconds per chunk of a UI message stream served by ``web_server.py``, read by a loopback client.
"""

from __future__ import annotations

import asyncio
import gc
import resource
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from adapters import ADAPTERS
from clients import FORMATS, IMPLEMENTATIONS, Implementation, RawHttpx, Target

__all__ = ["CASES", "IMPORTS", "Case", "Settings", "run_case"]


@dataclass(slots=True)
class Settings:
    """The sample plan a worker follows, and where the servers are."""

    port: int = 0
    chunks: int = 20_000
    # Call cases: many short samples, each next to one of raw httpx; the median of their ratios then shrugs off
    # the samples that a busy machine interrupted.
    samples: int = 60
    stream_samples: int = 3
    calls_per_sample: int = 10
    warmup_calls: int = 20
    concurrent_streams: int = 200
    concurrent_chunks: int = 200
    memory_short: int = 2_000
    memory_long: int = 50_000
    web_port: int = 0
    web_chunks: int = 20_000

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Case:
    """One row: ``kind`` of measurement, ``wire`` format, ``implementation`` (a class, or a web app's name)."""

    kind: str
    wire: str
    implementation: Any
    label: str
    unit: str
    baseline: bool = False
    ours: bool = False
    adapter: bool = False

    @property
    def name(self) -> str:
        implementation = self.implementation
        if not isinstance(implementation, str):
            implementation = "bare" if implementation is None else implementation.__name__
        return f"{self.kind}/{self.wire}/{implementation}"

    @property
    def group(self) -> tuple[str, str]:
        return self.kind, self.wire


# -- measuring ---------------------------------------------------------------------------------------------------


def _check(count: int, expected: int) -> None:
    # A stream that failed early would look fast: insist every chunk arrived.
    if count != expected:
        raise RuntimeError(f"expected {expected} text chunks, got {count}")


Timing = tuple[float, float]
"""(wall, CPU) seconds per call of one batch: ``time.perf_counter`` and this process's ``time.process_time``."""


def _batch(call: Callable[[], None], calls: int) -> Timing:
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls, (time.process_time() - cpu_started) / calls


async def _abatch(call: Callable[[], Awaitable[None]], calls: int) -> Timing:
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(calls):
        await call()
    return (time.perf_counter() - started) / calls, (time.process_time() - cpu_started) / calls


def _paired(ours: list[Timing], raw: list[Timing]) -> dict[str, list[float]]:
    """The in-process raw samples, and each sample's ratio to (and excess over, in seconds) its adjacent raw one,
    by the wall clock and by CPU time."""
    pairs = list(zip(ours, raw, strict=True))
    return {
        "raw": [wall for wall, _cpu in raw],
        "ratio": [mine[0] / theirs[0] for mine, theirs in pairs],
        "overhead": [mine[0] - theirs[0] for mine, theirs in pairs],
        "cpu": [cpu for _wall, cpu in ours],
        "raw_cpu": [cpu for _wall, cpu in raw],
        "cpu_ratio": [mine[1] / max(theirs[1], 1e-9) for mine, theirs in pairs],  # a coarse CPU clock could give 0
        "cpu_overhead": [mine[1] - theirs[1] for mine, theirs in pairs],
    }


def _call_samples(
    call: Callable[[], None], raw_call: Callable[[], None] | None, settings: Settings
) -> tuple[list[Timing], list[Timing]]:
    """Batches of ``call``, and of ``raw_call`` interleaved with them (A B B A ...): (ours, raw) timings per call.

    A fresh process moves raw httpx alone by up to 2x on a busy machine, more than the differences measured here;
    a sample of ours next to a sample of raw httpx, in the same process, shares whatever that process got.
    """
    calls, ours, raw = settings.calls_per_sample, [], []
    for _ in range(settings.warmup_calls):
        call()
        if raw_call is not None:
            raw_call()
    for index in range(settings.samples):
        if raw_call is None:
            ours.append(_batch(call, calls))
        elif index % 2 == 0:
            ours.append(_batch(call, calls))
            raw.append(_batch(raw_call, calls))
        else:
            raw.append(_batch(raw_call, calls))
            ours.append(_batch(call, calls))
    return ours, raw


async def _acall_samples(
    call: Callable[[], Awaitable[None]], raw_call: Callable[[], Awaitable[None]] | None, settings: Settings
) -> tuple[list[Timing], list[Timing]]:
    """:func:`_call_samples` in an event loop."""
    calls, ours, raw = settings.calls_per_sample, [], []
    for _ in range(settings.warmup_calls):
        await call()
        if raw_call is not None:
            await raw_call()
    for index in range(settings.samples):
        if raw_call is None:
            ours.append(await _abatch(call, calls))
        elif index % 2 == 0:
            ours.append(await _abatch(call, calls))
            raw.append(await _abatch(raw_call, calls))
        else:
            raw.append(await _abatch(raw_call, calls))
            ours.append(await _abatch(call, calls))
    return ours, raw


def _measure_call(case: Case, settings: Settings, *, paired: bool) -> dict[str, Any]:
    """A ``call.*`` case: its wall-clock samples and, when ``paired``, those of raw httpx taken in turn with them
    in this process (``run_case`` says what ``"paired"`` holds)."""
    target = Target(settings.port, 1, case.wire)
    implementation = case.implementation(target)
    raw = RawHttpx(target) if paired else None  # the baseline row is paired with a second raw client: the floor
    if case.kind == "call.sync":
        try:
            ours, raw_samples = _call_samples(implementation.call, raw.call if raw is not None else None, settings)
        finally:
            implementation.close()
            if raw is not None:
                raw.close()
    else:

        async def measure() -> tuple[list[Timing], list[Timing]]:
            try:
                return await _acall_samples(implementation.acall, raw.acall if raw is not None else None, settings)
            finally:
                await implementation.aclose()
                if raw is not None:
                    await raw.aclose()

        ours, raw_samples = asyncio.run(measure())
    walls = [wall for wall, _cpu in ours]
    return {"samples": walls, "paired": _paired(ours, raw_samples)} if paired else {"samples": walls}


def _measure_stream(case: Case, settings: Settings) -> list[float]:
    chunks = settings.chunks
    implementation = case.implementation(Target(settings.port, chunks, case.wire))
    try:
        warm = case.implementation(Target(settings.port, min(chunks, 1_000), case.wire))
        _check(warm.stream(), min(chunks, 1_000))  # imports, connection, caches
        warm.close()
        samples = []
        for _ in range(settings.stream_samples):
            started = time.perf_counter()
            count = implementation.stream()
            samples.append((time.perf_counter() - started) / chunks)
            _check(count, chunks)
        return samples
    finally:
        implementation.close()


async def _measure_astream(case: Case, settings: Settings) -> list[float]:
    chunks = settings.chunks
    implementation = case.implementation(Target(settings.port, chunks, case.wire))
    try:
        warm = case.implementation(Target(settings.port, min(chunks, 1_000), case.wire))
        _check(await warm.astream(), min(chunks, 1_000))
        await warm.aclose()
        samples = []
        for _ in range(settings.stream_samples):
            started = time.perf_counter()
            count = await implementation.astream()
            samples.append((time.perf_counter() - started) / chunks)
            _check(count, chunks)
        return samples
    finally:
        await implementation.aclose()


async def _measure_concurrent(case: Case, settings: Settings) -> list[float]:
    streams, chunks = settings.concurrent_streams, settings.concurrent_chunks
    implementation = case.implementation(Target(settings.port, chunks, case.wire))
    try:
        _check(await implementation.astream(), chunks)  # warm-up
        samples = []
        for _ in range(settings.stream_samples):
            started = time.perf_counter()
            counts = await asyncio.gather(*(implementation.astream() for _ in range(streams)))
            samples.append((time.perf_counter() - started) / (streams * chunks))
            _check(sum(counts), streams * chunks)
        return samples
    finally:
        await implementation.aclose()


def _rss() -> int:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _measure_memory(case: Case, settings: Settings) -> tuple[list[float], dict[str, float]]:
    if case.implementation is None:  # the bare interpreter (with this worker's own small imports)
        return [float(_rss())], {}
    implementation = case.implementation(Target(settings.port, 1, case.wire))
    implementation.call()
    gc.collect()
    after_call = _rss()
    peaks = {}
    for name, chunks in (("peak_short", settings.memory_short), ("peak_long", settings.memory_long)):
        streaming = case.implementation(Target(settings.port, chunks, case.wire))
        _check(streaming.stream(), chunks)
        streaming.close()
        peaks[name] = float(_peak_rss())
    implementation.close()
    return [float(after_call)], peaks


def _measure_web(case: Case, settings: Settings) -> list[float]:
    import httpx
    from web_server import request_body

    url = f"http://127.0.0.1:{settings.web_port}/api/chat"
    body, chunks = request_body(), settings.web_chunks

    def read(client: httpx.Client) -> int:
        count = 0
        with client.stream("POST", url, content=body, headers={"content-type": "application/json"}) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                count += line.startswith('data: {"type":"text-delta"')
        return count

    with httpx.Client(timeout=120) as client:
        read(client)  # warm-up
        samples = []
        for _ in range(settings.stream_samples):
            started = time.perf_counter()
            count = read(client)
            samples.append((time.perf_counter() - started) / chunks)
            _check(count, chunks)
    return samples


def run_case(case: Case, settings: Settings, *, paired: bool = True) -> dict[str, Any]:
    """Measure one case in this process: ``{"samples": [...], "extra": {...}}``, seconds (or bytes) per unit.

    A ``call.*`` case also gives ``"paired"``, one value per sample: ``raw`` (raw httpx, measured in turn with the
    case in this process, wall clock), ``ratio`` and ``overhead`` (the sample over, and minus, its adjacent raw
    sample), and the same by this process's CPU time: ``cpu``, ``raw_cpu``, ``cpu_ratio``, ``cpu_overhead``.
    ``paired=False`` (for a profile) measures the case alone.
    """
    if case.kind in ("call.sync", "call.async"):
        return _measure_call(case, settings, paired=paired)
    if case.kind == "stream.sync":
        return {"samples": _measure_stream(case, settings)}
    if case.kind == "stream.async":
        return {"samples": asyncio.run(_measure_astream(case, settings))}
    if case.kind == "concurrent":
        return {"samples": asyncio.run(_measure_concurrent(case, settings))}
    if case.kind == "memory":
        samples, extra = _measure_memory(case, settings)
        return {"samples": samples, "extra": extra}
    if case.kind == "web":
        return {"samples": _measure_web(case, settings)}
    raise ValueError(f"no worker for {case.kind}")


# -- the registry ------------------------------------------------------------------------------------------------

IMPORTS = [
    ("httpx", "raw httpx", False),
    ("ai_sdk_core", "ai_sdk_core", True),
    ("ai_sdk_core.providers.openai", "ai_sdk_core + OpenAI provider", True),
    ("ai_sdk_core.providers.anthropic", "ai_sdk_core + Anthropic provider", True),
    ("openai", "openai SDK", False),
    ("anthropic", "anthropic SDK", False),
    ("litellm", "litellm", False),
    ("langchain_openai", "langchain-openai", False),
    ("langchain_ai_sdk", "langchain_ai_sdk", True),
    ("llama_index.llms.openai", "llama-index-llms-openai", False),
    ("llama_index.llms.ai_sdk", "llama_index AISDK", True),
]
"""(module, label, ours) of case 1; ratios are to ``import httpx``."""

_UNITS = {"call.sync": "call", "call.async": "call", "stream.sync": "chunk", "stream.async": "chunk"}


def _row(kind: str, wire: str, implementation: type[Implementation]) -> Case:
    return Case(
        kind,
        wire,
        implementation,
        getattr(implementation, "label", implementation.__name__),
        _UNITS.get(kind, "chunk"),
        baseline=implementation is RawHttpx,
        ours=getattr(implementation, "ours", False),
        adapter=any(implementation in pair for pair in ADAPTERS),
    )


def _cases() -> dict[str, Case]:
    rows: list[Case] = []
    for kind in ("call.sync", "call.async", "stream.sync", "stream.async"):
        for wire in FORMATS:
            rows.extend(_row(kind, wire, implementation) for implementation in IMPLEMENTATIONS[wire])
            if wire == "openai-chat":
                rows.extend(_row(kind, wire, adapter) for pair in ADAPTERS for adapter in pair)
    for wire in ("openai-chat", "anthropic"):
        rows.extend(_row("concurrent", wire, implementation) for implementation in IMPLEMENTATIONS[wire])
    rows.append(Case("memory", "none", None, "bare interpreter", "bytes", baseline=True))
    for wire in ("openai-chat", "anthropic"):
        rows.extend(
            Case("memory", wire, implementation, getattr(implementation, "label", ""), "bytes",
                 ours=getattr(implementation, "ours", False))
            for implementation in IMPLEMENTATIONS[wire]
            if wire == "openai-chat" or implementation.__name__ in ("OursText", "AnthropicSDK")
        )  # fmt: skip
    rows += [
        Case("web", "fastapi", "starlette-bare", "bare Starlette StreamingResponse", "chunk", baseline=True),
        Case("web", "fastapi", "fastapi-router", "fastapi_ai_sdk create_chat_router", "chunk", ours=True),
        Case("web", "django", "django-bare", "bare Django async StreamingHttpResponse", "chunk", baseline=True),
        Case("web", "django", "django-chatview", "django_ai_sdk ChatView (ASGI)", "chunk", ours=True),
    ]
    return {case.name: case for case in rows}


CASES = _cases()
