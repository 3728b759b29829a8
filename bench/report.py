"""The Markdown report of one run: machine, versions, one table per group, the targets, and the README summary.

``render_report`` gives the whole report (``bench/results/<date>.md``); ``render_summary`` the short table that
``update_readme`` puts between the ``<!-- bench:summary -->`` markers of the main README.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cases import CASES, IMPORTS, Case
from clients import FORMATS

__all__ = ["Measurement", "Run", "render_report", "render_summary", "run_from_json", "run_to_json", "update_readme"]

START_MARKER = "<!-- bench:summary:start -->"
END_MARKER = "<!-- bench:summary:end -->"
MIB = 1024 * 1024

TARGETS = {
    "import": 2.0,
    "call.sync": 1.3,
    "call.async": 1.2,
    "stream.sync": 1.5,
    "stream.async": 1.5,
    "concurrent": 1.5,
    "rss": 25.0,
    "adapter": 0.5,
}


@dataclass(slots=True)
class Measurement:
    """The samples of one row: one list per fresh process (so the spread across processes shows)."""

    processes: list[list[float]] = field(default_factory=list)
    extra: list[dict[str, float]] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.processes) and self.error is None

    @property
    def median(self) -> float:
        return statistics.median(sample for samples in self.processes for sample in samples)

    @property
    def process_medians(self) -> list[float]:
        return [statistics.median(samples) for samples in self.processes if samples]

    def extra_median(self, key: str) -> float:
        return statistics.median(item[key] for item in self.extra)


@dataclass(slots=True)
class Run:
    """Everything a report needs."""

    header: list[str]
    results: dict[str, Measurement]
    imports: dict[str, Measurement]
    importtime: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _time(seconds: float, unit: str) -> str:
    if unit == "import":
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def _spread(measurement: Measurement, unit: str) -> str:
    medians = measurement.process_medians
    if len(medians) < 2:
        samples = [sample for samples in measurement.processes for sample in samples]
        return f"{_time(min(samples), unit)} to {_time(max(samples), unit)}"
    return f"{_time(min(medians), unit)} to {_time(max(medians), unit)}"


def _ratio(value: float | None, target: float | None = None) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    mark = "" if target is None else (" ✓" if value <= target else " ✗")
    return f"{value:.2f}x{mark}"


def _baseline_of(case: Case, results: dict[str, Measurement]) -> Measurement | None:
    for other in CASES.values():
        if other.group == case.group and other.baseline:
            found = results.get(other.name)
            return found if found is not None and found.ok else None
    return None


def ratio_to_baseline(case_name: str, results: dict[str, Measurement]) -> float | None:
    """Median of the row over the median of its group's baseline, both from this run."""
    case, measured = CASES[case_name], results.get(case_name)
    baseline = _baseline_of(case, results)
    if measured is None or not measured.ok or baseline is None:
        return None
    return measured.median / baseline.median


def adapter_overhead_ratio(kind: str, peer: str, ours: str, results: dict[str, Measurement]) -> float | None:
    """Our adapter's overhead over raw httpx divided by its peer's (target at most 0.5)."""
    names = [f"{kind}/openai-chat/{name}" for name in ("RawHttpx", peer, ours)]
    measured = [results.get(name) for name in names]
    if any(item is None or not item.ok for item in measured):
        return None
    raw, peer_value, our_value = (item.median for item in measured if item is not None)
    return (our_value - raw) / (peer_value - raw) if peer_value > raw else float("nan")


_TITLES = {
    "call.sync": "2. Non-streaming call, sync (per call)",
    "call.async": "2. Non-streaming call, async (per call)",
    "stream.sync": "3. One long stream, sync (per chunk)",
    "stream.async": "3. One long stream, async (per chunk)",
    "concurrent": "4. Concurrent streams in one event loop (per chunk)",
    "web": "7. UI message stream over HTTP (per chunk at the client)",
}


def _group_table(kind: str, wire: str, results: dict[str, Measurement]) -> list[str]:
    rows = [case for case in CASES.values() if case.group == (kind, wire) and case.name in results]
    if not rows:
        return []
    target = TARGETS.get(kind)
    title = FORMATS.get(wire, wire)
    lines = [
        f"**{title}**",
        "",
        "| implementation | median | spread (process medians) | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    for case in rows:
        measured = results[case.name]
        label = f"**{case.label}**" if case.ours else case.label
        if not measured.ok:
            lines.append(f"| {label} | failed | {measured.error} | |")
            continue
        extra = ""
        if kind == "web":
            extra = f" ({1 / measured.median:,.0f} chunks/s)"
        ratio = ratio_to_baseline(case.name, results)
        lines.append(
            f"| {label} | {_time(measured.median, case.unit)}{extra} | {_spread(measured, case.unit)} | "
            f"{_ratio(ratio, target if case.ours and not case.adapter and kind != 'web' else None)} |"
        )
    return [*lines, ""]


def _import_table(run: Run) -> list[str]:
    lines = ["| module | median | spread (min to max) | ratio to `import httpx` |", "| --- | ---: | ---: | ---: |"]
    baseline = run.imports.get("httpx")
    for module, label, ours in IMPORTS:
        measured = run.imports.get(module)
        if measured is None:
            continue
        if not measured.ok:
            lines.append(f"| `{module}` ({label}) | failed | {measured.error} | |")
            continue
        ratio = measured.median / baseline.median if baseline is not None and baseline.ok else None
        name = f"**`{module}`**" if ours else f"`{module}`"
        spread = _spread(measured, "import")
        target = 2.0 if module.startswith("ai_sdk_core") else None
        lines.append(f"| {name} | {_time(measured.median, 'import')} | {spread} | {_ratio(ratio, target)} |")
    return [*lines, ""]


def _memory_table(results: dict[str, Measurement]) -> list[str]:
    bare = results.get("memory/none/bare")
    lines = [
        "| implementation | RSS after import + 1 call | over bare interpreter | peak RSS, short stream | peak RSS, "
        "long stream | growth |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in CASES.values():
        if case.kind != "memory" or case.name not in results:
            continue
        measured = results[case.name]
        label = f"{case.label} ({FORMATS.get(case.wire, '')})" if case.wire != "none" else case.label
        label = f"**{label}**" if case.ours else label
        if not measured.ok:
            lines.append(f"| {label} | failed | {measured.error} | | | |")
            continue
        over = ""
        if bare is not None and bare.ok and case.implementation is not None:
            value = (measured.median - bare.median) / MIB
            over = f"{value:.1f} MB" + ((" ✓" if value <= TARGETS["rss"] else " ✗") if case.ours else "")
        peaks = ["", "", ""]
        if measured.extra and measured.extra[0]:
            short, long = measured.extra_median("peak_short") / MIB, measured.extra_median("peak_long") / MIB
            peaks = [f"{short:.1f} MB", f"{long:.1f} MB", f"{long - short:+.1f} MB"]
        lines.append(f"| {label} | {measured.median / MIB:.1f} MB | {over} | {' | '.join(peaks)} |")
    return [*lines, ""]


def _adapter_lines(results: dict[str, Measurement]) -> list[str]:
    lines = [
        "| pair | kind | ours: overhead over raw httpx / peer's overhead |",
        "| --- | --- | ---: |",
    ]
    pairs = [("ChatOpenAIAdapter", "ChatAISDKAdapter", "ChatAISDK vs ChatOpenAI"),
             ("LlamaIndexOpenAI", "LlamaIndexAISDK", "AISDK vs llama-index OpenAI")]  # fmt: skip
    for peer, ours, title in pairs:
        for kind in ("call.sync", "call.async", "stream.sync", "stream.async"):
            value = adapter_overhead_ratio(kind, peer, ours, results)
            if value is not None:
                lines.append(f"| {title} | {kind} | {_ratio(value, TARGETS['adapter'])} |")
    return [*lines, ""]


def render_report(run: Run) -> str:
    """The full Markdown report."""
    lines = ["# Benchmark run", "", *[f"- {line}" for line in run.header], ""]
    lines += [*run.notes, ""] if run.notes else []
    lines += ["## Targets", "", render_summary(run), ""]
    if run.imports:
        lines += ["## 1. Import time", "", *_import_table(run)]
    if run.importtime:
        lines += [
            "Slowest imports under `import ai_sdk_core.providers.openai` (`python -X importtime`, cumulative):",
            "",
        ]
        lines += ["| module | self | cumulative |", "| --- | ---: | ---: |"]
        lines += [f"| `{name}` | {own / 1e3:.1f} ms | {total / 1e3:.1f} ms |" for own, total, name in run.importtime]
        lines.append("")
    for kind in ("call.sync", "call.async", "stream.sync", "stream.async", "concurrent"):
        tables = [line for wire in FORMATS for line in _group_table(kind, wire, run.results)]
        if tables:
            lines += [f"## {_TITLES[kind]}", "", *tables]
    if any(name.startswith("memory/") for name in run.results):
        lines += ["## 5. Memory", "", *_memory_table(run.results)]
    if any("Adapter" in name or "LlamaIndex" in name for name in run.results):
        lines += ["## 6. Adapters", "", *_adapter_lines(run.results)]
    web = [line for wire in ("fastapi", "django") for line in _group_table("web", wire, run.results)]
    if web:
        lines += [f"## {_TITLES['web']}", "", *web]
    return "\n".join(lines).rstrip() + "\n"


def _cell(case_name: str, results: dict[str, Measurement], target: float | None) -> str:
    if case_name not in results:
        return "—"
    if not results[case_name].ok:
        return "failed"
    return _ratio(ratio_to_baseline(case_name, results), target)


def render_summary(run: Run) -> str:
    """Ratios to raw httpx of the same run, ours against the peers, on OpenAI Chat Completions and Anthropic."""
    results = run.results
    columns = [
        ("openai-chat", "OursText", True),
        ("openai-chat", "OpenAISDK", False),
        ("openai-chat", "LiteLLM", False),
        ("anthropic", "OursText", True),
        ("anthropic", "AnthropicSDK", False),
    ]
    lines = [
        "| case (ratio to raw httpx) | target | ai_sdk_core, OpenAI Chat | openai SDK | litellm | "
        "ai_sdk_core, Anthropic | anthropic SDK |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, title in (
        ("call.sync", "non-streaming call, sync"),
        ("call.async", "non-streaming call, async"),
        ("stream.sync", "per chunk, one long stream, sync"),
        ("stream.async", "per chunk, one long stream, async"),
        ("concurrent", "per chunk, 200 x 200 concurrent streams"),
    ):
        target = TARGETS[kind]
        cells = [_cell(f"{kind}/{wire}/{name}", results, target if ours else None) for wire, name, ours in columns]
        lines.append(f"| {title} | ≤ {target}x | {' | '.join(cells)} |")
    imports = run.imports
    httpx_import = imports.get("httpx")
    if httpx_import is not None and httpx_import.ok:
        cells = []
        for module in (
            "ai_sdk_core.providers.openai",
            "openai",
            "litellm",
            "ai_sdk_core.providers.anthropic",
            "anthropic",
        ):
            measured = imports.get(module)
            ok = measured is not None and measured.ok
            value = measured.median / httpx_import.median if ok and measured is not None else None
            cells.append(_ratio(value, 2.0 if module.startswith("ai_sdk_core") else None))
        lines.append(f"| import (package + provider) | ≤ 2.0x | {' | '.join(cells)} |")
    bare = results.get("memory/none/bare")
    if bare is not None and bare.ok:
        cells = []
        for wire, name, ours in columns:
            measured = results.get(f"memory/{wire}/{name}")
            if measured is None or not measured.ok:
                cells.append("—")
                continue
            value = (measured.median - bare.median) / MIB
            cells.append(f"{value:.1f} MB" + ((" ✓" if value <= TARGETS["rss"] else " ✗") if ours else ""))
        lines.append(f"| RSS over a bare interpreter after import + 1 call | ≤ 25 MB | {' | '.join(cells)} |")
        cells = []
        for wire, name, _ours in columns:
            measured = results.get(f"memory/{wire}/{name}")
            if measured is None or not measured.ok or not measured.extra or not measured.extra[0]:
                cells.append("—")
                continue
            growth = (measured.extra_median("peak_long") - measured.extra_median("peak_short")) / MIB
            cells.append(f"{growth:+.1f} MB")
        lines.append(f"| peak RSS growth, short to long stream | none | {' | '.join(cells)} |")
    adapters = []
    for peer, ours, title in (("ChatOpenAIAdapter", "ChatAISDKAdapter", "ChatAISDK/ChatOpenAI"),
                              ("LlamaIndexOpenAI", "LlamaIndexAISDK", "AISDK/llama-index OpenAI")):  # fmt: skip
        values = [adapter_overhead_ratio(kind, peer, ours, results) for kind in ("call.sync", "stream.sync")]
        if all(value is not None for value in values):
            adapters.append(f"{title}: call {_ratio(values[0], 0.5)}, chunk {_ratio(values[1], 0.5)}")
    if adapters:
        lines.append("")
        lines.append("Adapter overhead over raw httpx, ours / peer's (target ≤ 0.5): " + "; ".join(adapters) + ".")
    web = []
    for wire, ours in (("fastapi", "fastapi-router"), ("django", "django-chatview")):
        name = f"web/{wire}/{ours}"
        if name in results and results[name].ok:
            ratio = ratio_to_baseline(name, results)
            web.append(f"{CASES[name].label}: {1 / results[name].median:,.0f} chunks/s, {_ratio(ratio)} the bare view")
    if web:
        lines.append("")
        lines.append("UI message stream over HTTP: " + "; ".join(web) + ".")
    return "\n".join(lines)


def update_readme(readme: Path, run: Run, report_path: str) -> bool:
    """Replace the summary between the markers of ``readme``; False when the markers are missing."""
    text = readme.read_text(encoding="utf-8")
    if START_MARKER not in text or END_MARKER not in text:
        return False
    header = "; ".join([*run.header[:2], run.header[3]] if len(run.header) > 3 else run.header)
    notes = "".join(f"\n\n{note}" for note in run.notes)
    block = (
        f"{START_MARKER}\n{header}. Full report: `{report_path}` (git-ignored).{notes}\n\n{render_summary(run)}\n"
        f"{END_MARKER}"
    )
    pattern = re.compile(re.escape(START_MARKER) + ".*?" + re.escape(END_MARKER), re.DOTALL)
    readme.write_text(pattern.sub(lambda _: block, text, count=1), encoding="utf-8")
    return True


def run_to_json(run: Run) -> dict[str, object]:
    """Everything of ``run`` as JSON values (``--json``), enough for :func:`run_from_json`."""

    def samples(measurements: dict[str, Measurement]) -> dict[str, object]:
        return {
            name: {"processes": m.processes, "extra": m.extra, "error": m.error} for name, m in measurements.items()
        }

    return {
        "header": run.header,
        "notes": run.notes,
        "importtime": run.importtime,
        "results": samples(run.results),
        "imports": samples(run.imports),
    }


def run_from_json(data: dict[str, Any]) -> Run:
    """The :class:`Run` that :func:`run_to_json` wrote."""

    def measurements(values: dict[str, Any]) -> dict[str, Measurement]:
        return {
            name: Measurement(processes=value["processes"], extra=value.get("extra", []), error=value.get("error"))
            for name, value in values.items()
        }

    return Run(
        header=list(data["header"]),
        results=measurements(data["results"]),
        imports=measurements(data["imports"]),
        importtime=[tuple(row) for row in data.get("importtime", [])],  # type: ignore[misc]
        notes=list(data.get("notes", [])),
    )
