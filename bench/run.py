"""Benchmark ai_sdk_core against raw httpx on a loopback stub of OpenAI's Chat Completions API.

One command, ``python bench/run.py``, starts ``bench/stub_server.py`` in a subprocess, then measures each case in
a fresh Python process (so no case warms caches for another) and prints a Markdown table of medians, spread
(min to max over the samples) and the ratio to the raw-httpx baseline of the same flavour (sync or async):

1. import time of ``ai_sdk_core``, ``ai_sdk_core.providers.openai`` and ``httpx`` (wall time of the import
   statement inside a fresh interpreter, best and median of several processes);
2. per-call cost of a non-streaming chat call: raw ``httpx.Client.post`` + ``json.loads`` vs our
   ``model.do_generate`` and ``generate_text``;
3. per-chunk cost of one long stream (20,000 chunks by default): raw ``iter_lines`` + ``json.loads`` vs our
   ``model.do_stream`` and ``stream_text(...).text_stream``;
4. the async variants of 2 and 3.

The server is pinned to one core and the measuring process to another when the machine has two
(``os.sched_setaffinity``), so the client's cost is not mixed with the server's. Numbers are for comparing
implementations on one machine in one run, not absolute.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CASES", "Measurement", "main"]

HERE = Path(__file__).resolve().parent
MODEL_ID = "gpt-4o-mini"
PROMPT = "Why is the sky blue?"
API_KEY = "bench"
WORKER_TIMEOUT_SECONDS = 600


@dataclass(slots=True)
class Measurement:
    """Samples of one case, in seconds per unit (per import, call or chunk)."""

    case: str
    unit: str
    samples: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


# ---------------------------------------------------------------------------------------------------------------
# Worker side: each function runs in a fresh process and returns seconds per unit for each sample.


@dataclass(slots=True)
class WorkerSettings:
    """What a worker process needs: the server address and the sample plan."""

    port: int
    chunks: int
    samples: int
    calls_per_sample: int
    warmup_calls: int

    def base_url(self, *, streaming: bool) -> str:
        # The chunk count rides in the path so it survives providers that append `/chat/completions`.
        prefix = f"/chunks/{self.chunks}" if streaming else ""
        return f"http://127.0.0.1:{self.port}{prefix}/v1"


def _request_payload(*, stream: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {"model": MODEL_ID, "messages": [{"role": "user", "content": PROMPT}]}
    if stream:
        payload["stream"] = True
        payload["stream_options"] = {"include_usage": True}
    return payload


_HEADERS = {"authorization": f"Bearer {API_KEY}"}


def _time_calls(call: Callable[[], None], settings: WorkerSettings) -> list[float]:
    for _ in range(settings.warmup_calls):
        call()
    samples = []
    for _ in range(settings.samples):
        started = time.perf_counter()
        for _ in range(settings.calls_per_sample):
            call()
        samples.append((time.perf_counter() - started) / settings.calls_per_sample)
    return samples


async def _atime_calls(call: Callable[[], Awaitable[None]], settings: WorkerSettings) -> list[float]:
    for _ in range(settings.warmup_calls):
        await call()
    samples = []
    for _ in range(settings.samples):
        started = time.perf_counter()
        for _ in range(settings.calls_per_sample):
            await call()
        samples.append((time.perf_counter() - started) / settings.calls_per_sample)
    return samples


def _time_streams(consume: Callable[[], int], settings: WorkerSettings) -> list[float]:
    consume()  # warm-up: connection, imports, caches
    samples = []
    for _ in range(settings.samples):
        started = time.perf_counter()
        count = consume()
        elapsed = time.perf_counter() - started
        # A stream that failed early would look fast: insist every chunk arrived.
        if count != settings.chunks:
            raise RuntimeError(f"expected {settings.chunks} text chunks, got {count}")
        samples.append(elapsed / settings.chunks)
    return samples


async def _atime_streams(consume: Callable[[], Awaitable[int]], settings: WorkerSettings) -> list[float]:
    await consume()
    samples = []
    for _ in range(settings.samples):
        started = time.perf_counter()
        count = await consume()
        elapsed = time.perf_counter() - started
        if count != settings.chunks:
            raise RuntimeError(f"expected {settings.chunks} text chunks, got {count}")
        samples.append(elapsed / settings.chunks)
    return samples


def generate_raw_httpx_sync(settings: WorkerSettings) -> list[float]:
    import httpx

    url = settings.base_url(streaming=False) + "/chat/completions"
    with httpx.Client() as client:

        def call() -> None:
            response = client.post(url, json=_request_payload(stream=False), headers=_HEADERS)
            response.raise_for_status()
            assert json.loads(response.content)["choices"][0]["message"]["content"]

        return _time_calls(call, settings)


def generate_raw_httpx_async(settings: WorkerSettings) -> list[float]:
    import httpx

    url = settings.base_url(streaming=False) + "/chat/completions"

    async def run() -> list[float]:
        async with httpx.AsyncClient() as client:

            async def call() -> None:
                response = await client.post(url, json=_request_payload(stream=False), headers=_HEADERS)
                response.raise_for_status()
                assert json.loads(response.content)["choices"][0]["message"]["content"]

            return await _atime_calls(call, settings)

    return asyncio.run(run())


def stream_raw_httpx_sync(settings: WorkerSettings) -> list[float]:
    import httpx

    url = settings.base_url(streaming=True) + "/chat/completions"
    with httpx.Client() as client:

        def consume() -> int:
            count = 0
            with client.stream("POST", url, json=_request_payload(stream=True), headers=_HEADERS) as response:
                response.raise_for_status()
                for line in response.iter_lines():
                    if not line.startswith("data: ") or line == "data: [DONE]":
                        continue
                    event = json.loads(line[6:])
                    for choice in event["choices"]:
                        if choice["delta"].get("content"):
                            count += 1
            return count

        return _time_streams(consume, settings)


def stream_raw_httpx_async(settings: WorkerSettings) -> list[float]:
    import httpx

    url = settings.base_url(streaming=True) + "/chat/completions"

    async def run() -> list[float]:
        async with httpx.AsyncClient() as client:

            async def consume() -> int:
                count = 0
                async with client.stream("POST", url, json=_request_payload(stream=True), headers=_HEADERS) as response:
                    response.raise_for_status()
                    async for line in response.aiter_lines():
                        if not line.startswith("data: ") or line == "data: [DONE]":
                            continue
                        event = json.loads(line[6:])
                        for choice in event["choices"]:
                            if choice["delta"].get("content"):
                                count += 1
                return count

            return await _atime_streams(consume, settings)

    return asyncio.run(run())


# Our side, against the documented interfaces: `create_openai(base_url=..., api_key=...).chat(id)`,
# `CallOptions` from the spec, `generate_text`/`stream_text` and their `a`-prefixed async forms.


def _our_model(settings: WorkerSettings, *, streaming: bool) -> tuple[Any, Any]:
    from ai_sdk_core.providers.openai import create_openai

    provider = create_openai(base_url=settings.base_url(streaming=streaming), api_key=API_KEY)
    return provider, provider.chat(MODEL_ID)


def _call_options() -> Any:
    from ai_sdk_core.spec import CallOptions, TextPart, UserMessage

    return CallOptions(prompt=[UserMessage(content=[TextPart(text=PROMPT)])])


def _close(*resources: Any) -> None:
    for resource in resources:
        close = getattr(resource, "close", None)
        if callable(close):
            close()


async def _aclose(*resources: Any) -> None:
    for resource in resources:
        aclose = getattr(resource, "aclose", None)
        if callable(aclose):
            await aclose()


def _is_text_delta(part: Any) -> bool:
    return getattr(part, "type", None) == "text-delta"


def generate_do_generate_sync(settings: WorkerSettings) -> list[float]:
    provider, model = _our_model(settings, streaming=False)
    options = _call_options()

    def call() -> None:
        result = model.do_generate(options)
        assert result.content

    try:
        return _time_calls(call, settings)
    finally:
        _close(model, provider)


def generate_do_generate_async(settings: WorkerSettings) -> list[float]:
    async def run() -> list[float]:
        provider, model = _our_model(settings, streaming=False)
        options = _call_options()

        async def call() -> None:
            result = await model.ado_generate(options)
            assert result.content

        try:
            return await _atime_calls(call, settings)
        finally:
            await _aclose(model, provider)

    return asyncio.run(run())


def generate_generate_text_sync(settings: WorkerSettings) -> list[float]:
    from ai_sdk_core import generate_text

    provider, model = _our_model(settings, streaming=False)

    def call() -> None:
        result = generate_text(model=model, prompt=PROMPT)
        assert result.text

    try:
        return _time_calls(call, settings)
    finally:
        _close(model, provider)


def generate_generate_text_async(settings: WorkerSettings) -> list[float]:
    from ai_sdk_core import agenerate_text

    async def run() -> list[float]:
        provider, model = _our_model(settings, streaming=False)

        async def call() -> None:
            result = await agenerate_text(model=model, prompt=PROMPT)
            assert result.text

        try:
            return await _atime_calls(call, settings)
        finally:
            await _aclose(model, provider)

    return asyncio.run(run())


def stream_do_stream_sync(settings: WorkerSettings) -> list[float]:
    provider, model = _our_model(settings, streaming=True)
    options = _call_options()

    def consume() -> int:
        result = model.do_stream(options)
        return sum(1 for part in result.stream if _is_text_delta(part))

    try:
        return _time_streams(consume, settings)
    finally:
        _close(model, provider)


def stream_do_stream_async(settings: WorkerSettings) -> list[float]:
    async def run() -> list[float]:
        provider, model = _our_model(settings, streaming=True)
        options = _call_options()

        async def consume() -> int:
            result = await model.ado_stream(options)
            count = 0
            async for part in result.stream:
                count += _is_text_delta(part)
            return count

        try:
            return await _atime_streams(consume, settings)
        finally:
            await _aclose(model, provider)

    return asyncio.run(run())


def stream_stream_text_sync(settings: WorkerSettings) -> list[float]:
    from ai_sdk_core import stream_text

    provider, model = _our_model(settings, streaming=True)

    def consume() -> int:
        return sum(1 for _ in stream_text(model=model, prompt=PROMPT).text_stream)

    try:
        return _time_streams(consume, settings)
    finally:
        _close(model, provider)


def stream_stream_text_async(settings: WorkerSettings) -> list[float]:
    from ai_sdk_core import astream_text

    async def run() -> list[float]:
        provider, model = _our_model(settings, streaming=True)

        async def consume() -> int:
            result = astream_text(model=model, prompt=PROMPT)
            # Tolerate either shape of the API: returned at once, or awaited for the response headers.
            if inspect.isawaitable(result):
                result = await result
            count = 0
            async for _ in result.text_stream:
                count += 1
            return count

        try:
            return await _atime_streams(consume, settings)
        finally:
            await _aclose(model, provider)

    return asyncio.run(run())


@dataclass(frozen=True, slots=True)
class Case:
    """One row of the table: what is measured, by which implementation, and its baseline row."""

    name: str
    group: str
    implementation: str
    unit: str
    function: Callable[[WorkerSettings], list[float]]
    baseline: str


def _cases() -> dict[str, Case]:
    rows = [
        ("generate.sync", "raw httpx Client.post + json.loads", "call", generate_raw_httpx_sync),
        ("generate.sync", "model.do_generate", "call", generate_do_generate_sync),
        ("generate.sync", "generate_text", "call", generate_generate_text_sync),
        ("generate.async", "raw httpx AsyncClient.post + json.loads", "call", generate_raw_httpx_async),
        ("generate.async", "await model.ado_generate", "call", generate_do_generate_async),
        ("generate.async", "await agenerate_text", "call", generate_generate_text_async),
        ("stream.sync", "raw httpx iter_lines + json.loads", "chunk", stream_raw_httpx_sync),
        ("stream.sync", "model.do_stream", "chunk", stream_do_stream_sync),
        ("stream.sync", "stream_text(...).text_stream", "chunk", stream_stream_text_sync),
        ("stream.async", "raw httpx aiter_lines + json.loads", "chunk", stream_raw_httpx_async),
        ("stream.async", "await model.ado_stream", "chunk", stream_do_stream_async),
        ("stream.async", "astream_text(...).text_stream", "chunk", stream_stream_text_async),
    ]
    cases: dict[str, Case] = {}
    for group, implementation, unit, function in rows:
        name = f"{group}:{function.__name__}"
        baseline = next(f"{group}:{row[3].__name__}" for row in rows if row[0] == group)
        cases[name] = Case(name, group, implementation, unit, function, baseline)
    return cases


CASES = _cases()

IMPORT_TARGETS = ("httpx", "ai_sdk_core", "ai_sdk_core.providers.openai")


def _worker_main(case_name: str, settings: WorkerSettings, cpu: int | None) -> int:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    try:
        samples = CASES[case_name].function(settings)
    except Exception as error:  # report any failure as a table cell instead of losing the whole run
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        return 0
    print(json.dumps({"samples": samples}))
    return 0


# ---------------------------------------------------------------------------------------------------------------
# Parent side.


def _pick_cpus() -> tuple[int | None, int | None]:
    """(client core, server core), or (None, None) where affinity is unavailable or there is one core."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None, None
    return available[0], available[-1]


def _measure_import(module: str, repeats: int, cpu: int | None) -> Measurement:
    code = (
        "import os, sys, time\n"
        f"cpu = {cpu!r}\n"
        "if cpu is not None: os.sched_setaffinity(0, {cpu})\n"
        "started = time.perf_counter()\n"
        f"import {module}\n"
        "print(time.perf_counter() - started)\n"
    )
    measurement = Measurement(case=f"import:{module}", unit="import")
    for _ in range(repeats):
        completed = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS, check=False
        )
        if completed.returncode != 0:
            last_line = (completed.stderr.strip().splitlines() or ["failed"])[-1]
            measurement.error = last_line
            return measurement
        measurement.samples.append(float(completed.stdout.strip()))
    return measurement


def _measure_case(case: Case, settings: WorkerSettings, cpu: int | None) -> Measurement:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        case.name,
        "--port",
        str(settings.port),
        "--chunks",
        str(settings.chunks),
        "--samples",
        str(settings.samples),
        "--calls-per-sample",
        str(settings.calls_per_sample),
        "--warmup-calls",
        str(settings.warmup_calls),
    ]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    measurement = Measurement(case=case.name, unit=case.unit)
    completed = subprocess.run(command, capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS, check=False)
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        measurement.error = (completed.stderr.strip().splitlines() or ["worker failed"])[-1]
        return measurement
    report = json.loads(lines[-1])
    measurement.error = report.get("error")
    measurement.samples = report.get("samples", [])
    return measurement


def _start_server(cpu: int | None) -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "stub_server.py"), "--port", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    first_line = server.stdout.readline().split()
    if len(first_line) != 2 or first_line[0] != "PORT":
        server.kill()
        raise RuntimeError("the stub server did not report its port")
    if cpu is not None:
        os.sched_setaffinity(server.pid, {cpu})
    return server, int(first_line[1])


def _stop_server(server: subprocess.Popen[str]) -> None:
    if server.stdin is not None:
        server.stdin.close()  # the server exits on EOF
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _format_seconds(seconds: float, unit: str) -> str:
    if unit == "import":
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.2f} µs"


def render_table(imports: list[Measurement], measurements: dict[str, Measurement]) -> str:
    """The Markdown report: one row per measurement, ratios against the raw-httpx row of the same group."""
    lines = [
        "| what | implementation | median | spread (min to max) | ratio to raw httpx |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    baseline_import = next((m for m in imports if m.case == "import:httpx" and m.samples), None)
    for measurement in imports:
        module = measurement.case.split(":", 1)[1]
        if measurement.error or not measurement.samples:
            lines.append(f"| import | `{module}` | n/a | {measurement.error} | |")
            continue
        best = min(measurement.samples)
        spread = f"best {_format_seconds(best, 'import')}"
        ratio = f"{measurement.median / baseline_import.median:.2f}" if baseline_import else ""
        lines.append(f"| import | `{module}` | {_format_seconds(measurement.median, 'import')} | {spread} | {ratio} |")
    for name, case in CASES.items():
        if name not in measurements:
            continue
        measurement = measurements[name]
        what = f"{case.group} (per {case.unit})"
        if measurement.error or not measurement.samples:
            lines.append(f"| {what} | {case.implementation} | n/a | {measurement.error} | |")
            continue
        low, high = min(measurement.samples), max(measurement.samples)
        spread = f"{_format_seconds(low, case.unit)} to {_format_seconds(high, case.unit)}"
        baseline = measurements.get(case.baseline)
        ratio = ""
        if baseline is not None and baseline.samples and not baseline.error:
            ratio = f"{measurement.median / baseline.median:.2f}"
        median = _format_seconds(measurement.median, case.unit)
        lines.append(f"| {what} | {case.implementation} | {median} | {spread} | {ratio} |")
    return "\n".join(lines)


def _versions() -> str:
    import httpx

    try:
        from importlib.metadata import version

        ours = version("ai-sdk-core")
    except Exception:  # not installed as a distribution (running from a checkout)
        ours = "checkout"
    return f"Python {platform.python_version()}, httpx {httpx.__version__}, ai-sdk-core {ours}, {platform.machine()}"


def _parse_arguments(arguments: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark ai_sdk_core against raw httpx on a loopback stub.")
    parser.add_argument("--chunks", type=int, default=20_000, help="chunks in the measured stream")
    parser.add_argument("--samples", type=int, default=None, help="samples per case (default 15 calls, 5 streams)")
    parser.add_argument("--calls-per-sample", type=int, default=40)
    parser.add_argument("--warmup-calls", type=int, default=20)
    parser.add_argument("--import-repeats", type=int, default=7)
    parser.add_argument("--only", default=None, help="run only cases whose name contains this text")
    parser.add_argument("--quick", action="store_true", help="few samples and a short stream: a smoke run")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw samples here")
    # Internal: run one case inside a worker process.
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(arguments)


def main(arguments: list[str] | None = None) -> int:
    """Run the whole benchmark (or, with ``--worker``, one case) and print the table."""
    options = _parse_arguments(arguments)
    if options.quick:
        options.chunks = min(options.chunks, 2_000)
        options.calls_per_sample = min(options.calls_per_sample, 10)
        options.warmup_calls = min(options.warmup_calls, 5)
        options.import_repeats = min(options.import_repeats, 3)
    if options.worker is not None:
        settings = WorkerSettings(
            options.port, options.chunks, options.samples or 1, options.calls_per_sample, options.warmup_calls
        )
        return _worker_main(options.worker, settings, options.cpu)

    client_cpu, server_cpu = _pick_cpus()
    selected = [case for case in CASES.values() if options.only is None or options.only in case.name]
    imports = []
    if options.only is None or options.only in "import":
        imports = [_measure_import(module, options.import_repeats, client_cpu) for module in IMPORT_TARGETS]

    server, port = _start_server(server_cpu)
    measurements: dict[str, Measurement] = {}
    try:
        for case in selected:
            default_samples = 5 if case.unit == "chunk" else 15
            samples = options.samples or (3 if options.quick else default_samples)
            settings = WorkerSettings(port, options.chunks, samples, options.calls_per_sample, options.warmup_calls)
            print(f"measuring {case.name} ...", file=sys.stderr, flush=True)
            measurements[case.name] = _measure_case(case, settings, client_cpu)
    finally:
        _stop_server(server)

    pinning = f"client on CPU {client_cpu}, server on CPU {server_cpu}" if client_cpu is not None else "no pinning"
    print(f"{_versions()}; {pinning}; stream of {options.chunks} chunks; {options.calls_per_sample} calls per sample")
    print()
    print(render_table(imports, measurements))
    if options.json is not None:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        raw = {name: {"unit": m.unit, "samples": m.samples, "error": m.error} for name, m in measurements.items()}
        raw.update({m.case: {"unit": m.unit, "samples": m.samples, "error": m.error} for m in imports})
        options.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
