"""Benchmark ai_sdk_core against raw httpx and its peers on loopback stub servers, and write a Markdown report.

One command does everything::

    python3 bench/run.py            # creates/updates bench/.venv, runs every case (about 40 minutes on 2 cores)
    python3 bench/run.py --quick    # a smoke run: one process per case, short streams (about 10 minutes)

Steps: (re)install ``bench/.venv`` from ``bench/requirements.txt`` when that file changed (the peers at exact pins
and this project, editable, with its web and adapter extras), re-run itself under that interpreter, start
``stub_server.py`` (OpenAI Chat Completions and Responses, Anthropic Messages, Gemini; pre-encoded, HTTP/1.1
keep-alive), then measure every case of ``cases.py`` in a fresh process, ``--rounds`` times, the cases taking
turns so that drift of the machine hits them alike. The server runs on one core and the measuring process on
another when there are two (``os.sched_setaffinity``). The web cases (7) start ``web_server.py`` under uvicorn
per process instead. The report, ``bench/results/<date>.md`` (git-ignored; ``--json`` keeps the samples too),
gives medians, the spread of the per-process medians, and ratios to raw httpx measured in the same run (for the
non-streaming calls, paired: each sample next to one of raw httpx in the same process); a full
run also rewrites the summary table between the ``bench:summary`` markers of the main README.

Other uses: ``--only stream.async,import`` (the cases whose name contains one of the texts; ``--list`` names
them all), ``--no-venv`` (this interpreter; peers that are missing fail their own rows), ``--profile CASE``
(cProfile of one case in this process, the top functions printed; ``py-spy`` and ``pyinstrument`` are in the
venv for more).
Nothing here is part of the test suite: tests never assert timings.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import hashlib
import io
import json
import os
import platform
import pstats
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".venv"
REQUIREMENTS = HERE / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
WORKER_TIMEOUT_SECONDS = 900

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # else litellm fetches a price list at import

sys.path.insert(0, str(HERE))
from cases import CASES, IMPORTS, Case, Settings, run_case  # noqa: E402 - bench/ is a folder of scripts
from report import Measurement, Run, render_report, run_from_json, run_to_json, update_readme  # noqa: E402

__all__ = ["main"]


# -- the virtual environment -------------------------------------------------------------------------------------


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> Path:
    """Create ``bench/.venv`` if missing and install the requirements when they changed; its interpreter."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not _venv_python().exists():
        print(f"creating {VENV} ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        print("installing bench/requirements.txt into it ...", file=sys.stderr, flush=True)
        pip = [str(_venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        # Paths in the requirements (the editable install of this project) are relative to the repository root.
        subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True, cwd=ROOT)
        STAMP.write_text(digest + "\n")
    return _venv_python()


# -- processes ---------------------------------------------------------------------------------------------------


def _pick_cpus() -> tuple[int | None, int | None]:
    """(client core, server core), or (None, None) where affinity is unavailable or there is one core."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None, None
    return available[0], available[-1]


def _start_server(command: list[str], cpu: int | None) -> tuple[subprocess.Popen[str], int]:
    """Start a server that prints ``PORT <n>`` first and exits when its stdin closes."""
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    if cpu is not None:
        os.sched_setaffinity(server.pid, {cpu})
    first_line = server.stdout.readline().split()
    if len(first_line) != 2 or first_line[0] != "PORT":
        _stop_server(server)
        raise RuntimeError(f"{command[1]} did not report its port")
    return server, int(first_line[1])


def _stop_server(server: subprocess.Popen[str]) -> None:
    if server.stdin is not None:
        server.stdin.close()  # the server exits on EOF
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _last_line(text: str, default: str) -> str:
    return (text.strip().splitlines() or [default])[-1][:300]


def _run_worker(case: Case, settings: Settings, cpu: int | None) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", case.name]
    command += ["--settings", json.dumps(settings.to_dict())]
    if cpu is not None:
        command += ["--cpu", str(cpu)]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {WORKER_TIMEOUT_SECONDS} s"}
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        return {"error": _last_line(completed.stderr, "worker failed")}
    return dict(json.loads(lines[-1]))


def _measure_import(module: str, cpu: int | None) -> float | str:
    code = (
        "import os, time\n"
        f"cpu = {cpu!r}\n"
        "if cpu is not None: os.sched_setaffinity(0, {cpu})\n"
        "started = time.perf_counter()\n"
        f"import {module}\n"
        "print(time.perf_counter() - started)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS, check=False
    )
    if completed.returncode != 0:
        return _last_line(completed.stderr, "failed")
    return float(completed.stdout.strip())


def _importtime(module: str, top: int = 12) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) of the slowest imports under ``module``, by self time."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    rows = []
    for line in completed.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[0]), int(parts[1]), parts[2].strip()))
    return sorted(rows, reverse=True)[:top]


# -- the run -----------------------------------------------------------------------------------------------------


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    names = ["ai-sdk-core", "httpx", "openai", "anthropic", "litellm", "langchain-openai", "langchain-core",
             "llama-index-llms-openai", "llama-index-core", "fastapi", "starlette", "uvicorn", "django"]  # fmt: skip
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def _git_revision() -> str:
    completed = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
        check=False,
    ).stdout.strip()  # fmt: skip
    return (completed.stdout.strip() or "unknown") + (" with local changes" if dirty else "")


def _settings(options: argparse.Namespace) -> Settings:
    if options.quick:
        return Settings(chunks=2_000, samples=40, stream_samples=2, calls_per_sample=5, warmup_calls=10,
                        concurrent_streams=50, concurrent_chunks=50, memory_short=500, memory_long=5_000,
                        web_chunks=2_000)  # fmt: skip
    return Settings(chunks=options.chunks)


def _run_cases(
    selected: list[Case], settings: Settings, rounds: int, cpus: tuple[int | None, int | None]
) -> dict[str, Measurement]:
    client_cpu, server_cpu = cpus
    results = {case.name: Measurement() for case in selected}
    stub, port = _start_server([sys.executable, str(HERE / "stub_server.py")], server_cpu)
    settings.port = port
    try:
        for number in range(rounds):
            for case in selected:
                print(f"round {number + 1}/{rounds}: {case.name} ...", file=sys.stderr, flush=True)
                web = None
                if case.kind == "web":
                    command = [sys.executable, str(HERE / "web_server.py"), "--app", case.implementation]
                    web, settings.web_port = _start_server([*command, "--chunks", str(settings.web_chunks)], server_cpu)
                try:
                    report = _run_worker(case, settings, client_cpu)
                finally:
                    if web is not None:
                        _stop_server(web)
                measurement = results[case.name]
                if "error" in report:
                    measurement.error = report["error"]
                    print(f"  failed: {report['error']}", file=sys.stderr, flush=True)
                    continue
                measurement.processes.append(report["samples"])
                measurement.extra.append(report.get("extra", {}))
                if "paired" in report:
                    measurement.paired.append(report["paired"])
    finally:
        _stop_server(stub)
    return results


def _parse_arguments(arguments: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="one process per case, short streams: a smoke run")
    parser.add_argument("--rounds", type=int, default=None, help="fresh processes per case (default 3, quick 1)")
    parser.add_argument("--import-repeats", type=int, default=None, help="processes per import (default 9)")
    parser.add_argument("--chunks", type=int, default=20_000, help="chunks of the long stream (case 3)")
    parser.add_argument(
        "--only",
        default=None,
        help="only the cases whose name contains one of these comma-separated texts (`import`: case 1)",
    )
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw samples here")
    parser.add_argument("--no-venv", action="store_true", help="run in this interpreter, not bench/.venv")
    parser.add_argument("--no-readme", action="store_true", help="do not update the README's summary")
    parser.add_argument("--profile", default=None, metavar="CASE", help="cProfile one case in this process")
    parser.add_argument("--from-json", type=Path, default=None, help="render the report of a --json file again")
    parser.add_argument("--readme", action="store_true", help="with --from-json: update the README's summary too")
    parser.add_argument("--profile-lines", type=int, default=30, help="functions listed by --profile")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--settings", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(arguments)


def _worker_main(options: argparse.Namespace) -> int:
    if options.cpu is not None:
        os.sched_setaffinity(0, {options.cpu})
    settings = Settings(**json.loads(options.settings))
    try:
        report = run_case(CASES[options.worker], settings)
    except Exception as error:  # report any failure as a table cell instead of losing the whole run
        report = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(report))
    return 0


def _profile_main(options: argparse.Namespace) -> int:
    case = CASES[options.profile]
    settings = _settings(options)
    client_cpu, server_cpu = _pick_cpus()
    stub, settings.port = _start_server([sys.executable, str(HERE / "stub_server.py")], server_cpu)
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    profiler = cProfile.Profile()
    try:
        run_case(case, settings, paired=False)  # warm: imports, caches, connections stay out of the profile
        profiler.enable()
        run_case(case, settings, paired=False)  # the case alone, without the raw httpx samples of a run
        profiler.disable()
    finally:
        _stop_server(stub)
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(options.profile_lines)
        print(text.getvalue().replace(str(ROOT) + "/", "").replace(str(VENV) + "/lib/", ""))
    return 0


def compile_project() -> None:
    """Write the bytecode of this project's packages, as pip does for an installed wheel (and did for every peer
    in the venv). The editable install runs from the source tree, where a ``PYTHONDONTWRITEBYTECODE`` environment
    would leave none: every import of ours would compile from source and the import case would compare a cold
    compile with the peers' cached bytecode."""
    packages = [str(ROOT / "ai_sdk_core"), str(ROOT / "integrations")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True, stdout=subprocess.DEVNULL)


def main(arguments: list[str] | None = None) -> int:
    """Run the benchmark (or, internally, one worker) and write the report."""
    options = _parse_arguments(arguments)
    if options.worker is not None:
        return _worker_main(options)
    if options.list:
        print("\n".join(CASES))
        return 0
    if not options.no_venv and not _in_venv():
        python = ensure_venv()
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *(arguments or sys.argv[1:])])
    if options.profile is not None:
        return _profile_main(options)
    if options.from_json is not None:
        run = run_from_json(json.loads(options.from_json.read_text(encoding="utf-8")))
        print(render_report(run))
        if options.readme:
            update_readme(ROOT / "README.md", run, f"bench/results/{options.from_json.stem}.md")
        return 0

    rounds = options.rounds or (1 if options.quick else 3)
    import_repeats = options.import_repeats or (3 if options.quick else 9)
    settings = _settings(options)
    cpus = _pick_cpus()
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    wanted = options.only.split(",") if options.only else None
    selected = [case for case in CASES.values() if wanted is None or any(part in case.name for part in wanted)]

    imports: dict[str, Measurement] = {}
    importtime: list[tuple[int, int, str]] = []
    if wanted is None or "import" in wanted:
        compile_project()
        for _ in range(import_repeats):
            for module, _label, _ours in IMPORTS:
                print(f"import {module} ...", file=sys.stderr, flush=True)
                measured = imports.setdefault(module, Measurement())
                result = _measure_import(module, cpus[0])
                if isinstance(result, str):
                    measured.error = result
                else:
                    measured.processes.append([result])
        importtime = _importtime("ai_sdk_core.providers.openai")
    results = _run_cases(selected, settings, rounds, cpus) if selected else {}

    load_after = os.getloadavg()
    pinning = f"client on CPU {cpus[0]}, servers on CPU {cpus[1]}" if cpus[0] is not None else "no CPU pinning"
    header = [
        f"{started:%Y-%m-%d %H:%M} UTC, {_machine()}",
        f"Python {platform.python_version()}, ai_sdk_core at {_git_revision()}",
        f"{_versions()}",
        f"{pinning}; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after",
        f"{rounds} fresh process(es) per case, {import_repeats} per import; long stream {settings.chunks:,} chunks; "
        f"{settings.concurrent_streams} concurrent streams x {settings.concurrent_chunks} chunks; "
        f"calls: {settings.samples} samples of {settings.calls_per_sample} calls per process, each next to one of "
        "raw httpx in the same process (A B B A ...); call ratios: medians of these pairs' CPU-time ratios",
    ]
    run = Run(header=header, results=results, imports=imports, importtime=importtime)
    if options.quick:
        run.notes.append("A `--quick` smoke run: few samples, short streams; not for conclusions.")
    if options.json is not None:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(run_to_json(run), indent=2), encoding="utf-8")
    text = render_report(run)
    results_directory = HERE / "results"
    results_directory.mkdir(exist_ok=True)
    report_path = results_directory / f"{started:%Y-%m-%d}{'-quick' if options.quick else ''}.md"
    report_path.write_text(text, encoding="utf-8")
    print(text)
    print(f"report written to {report_path}", file=sys.stderr)
    if not (options.quick or options.only or options.no_readme):
        relative = report_path.relative_to(ROOT)
        if not update_readme(ROOT / "README.md", run, str(relative)):
            print("README.md has no bench:summary markers; not updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
