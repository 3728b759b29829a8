"""The Markdown report of one run: machine, versions, one table per group, the targets, and the README summary.

``render_report`` gives the whole report (``bench/results/<date>.md``); ``render_summary`` the short table that
``update_readme`` puts between the ``<!-- bench:summary -->`` markers of the main README. The targets, the ratios
checked against them and the list of misses are in ``report_targets``.

Ratios of the non-streaming call rows come from paired samples: each process measured its implementation and raw
httpx in turn, so a ratio is the median of sample / adjacent raw sample over all processes, and an adapter's
overhead the median of sample - adjacent raw sample. The samples compared are the client process's CPU time per
call (``PAIRED_CLOCK``): on a loopback stub the client is what takes the time (paired wall and CPU ratios agree
within a few percent on a quiet machine), and CPU time does not count the milliseconds during which other work on
a busy machine had the core, which wall-clock samples do. The wall-clock paired ratio is shown next to it. Runs
saved before the pairing (no ``paired`` data) fall back to the ratio of the row's median to its baseline's.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cases import CASES, IMPORTS
from clients import FORMATS
from report_targets import (
    ADAPTER_PAIRS,
    MIB,
    SECTION_TITLES,
    TARGETS,
    adapter_overhead_ratio,
    adapter_overheads,
    import_ratio,
    import_target,
    misses,
    over_bare,
    ratio_to_baseline,
    row_target,
)

__all__ = ["Measurement", "Run", "render_report", "render_summary", "run_from_json", "run_to_json", "update_readme"]

START_MARKER = "<!-- bench:summary:start -->"
END_MARKER = "<!-- bench:summary:end -->"

PAIRED_CLOCK = "cpu"
"""The clock of the paired samples behind call ratios and adapter overheads: ``"cpu"`` or ``"wall"``."""


@dataclass(slots=True)
class Measurement:
    """The samples of one row: one list per fresh process (so the spread across processes shows)."""

    processes: list[list[float]] = field(default_factory=list)
    extra: list[dict[str, float]] = field(default_factory=list)
    error: str | None = None
    paired: list[dict[str, list[float]]] = field(default_factory=list)
    """Per process, for call rows (``cases.run_case`` writes them): ``raw`` samples taken in turn with those of
    ``processes``, each sample's ``ratio`` to and ``overhead`` over its raw neighbour, and the same by CPU time
    (``cpu``, ``raw_cpu``, ``cpu_ratio``, ``cpu_overhead``)."""

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

    @property
    def is_paired(self) -> bool:
        return self.ok and len(self.paired) == len(self.processes) and all(item.get("ratio") for item in self.paired)

    def paired_key(self, name: str, clock: str = PAIRED_CLOCK) -> str:
        """``name`` (``ratio``, ``overhead``) of ``clock``; the wall clock's when the run has no CPU samples."""
        cpu_name = f"cpu_{name}"
        return cpu_name if clock == "cpu" and all(cpu_name in item for item in self.paired) else name

    def paired_median(self, key: str) -> float:
        """Median of the paired ``key`` (``ratio``, ``overhead``, ``raw``) over all samples of all processes."""
        return statistics.median(value for item in self.paired for value in item[key])

    def paired_spread(self, key: str) -> tuple[float, float]:
        """(min, max) of the per-process medians of ``key``; of the samples when there is one process."""
        if len(self.paired) < 2:
            values = self.paired[0][key]
            return min(values), max(values)
        medians = [statistics.median(item[key]) for item in self.paired]
        return min(medians), max(medians)


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


_PAIRED_KINDS = ("call.sync", "call.async")


def _group_table(kind: str, wire: str, results: dict[str, Measurement]) -> list[str]:
    rows = [case for case in CASES.values() if case.group == (kind, wire) and case.name in results]
    if not rows:
        return []
    title = FORMATS.get(wire, wire)
    paired = kind in _PAIRED_KINDS and any(results[case.name].is_paired for case in rows)  # not in older runs
    measured_rows = [results[case.name] for case in rows if results[case.name].is_paired]
    clock = "cpu" if all(row.paired_key("ratio") == "cpu_ratio" for row in measured_rows) else "wall"
    header = "| implementation | median | spread (process medians) | ratio |"
    rule = "| --- | ---: | ---: | ---: |"
    if paired:
        header = (
            f"| implementation | median (wall) | spread (process medians) | ratio (paired, {clock}) | "
            "its spread (process medians) | ratio (paired, wall) |"
        )
        rule += " ---: | ---: |"
    lines = [f"**{title}**", "", header, rule]
    for case in rows:
        measured = results[case.name]
        label = f"**{case.label}**" if case.ours else case.label
        if not measured.ok:
            lines.append(f"| {label} | failed | {measured.error} | |" + (" | |" if paired else ""))
            continue
        extra = ""
        if kind == "web":
            extra = f" ({1 / measured.median:,.0f} chunks/s)"
        ratio = ratio_to_baseline(case.name, results)
        cells = [
            f"{_time(measured.median, case.unit)}{extra}",
            _spread(measured, case.unit),
            _ratio(ratio, row_target(case)),
        ]
        if paired and measured.is_paired:
            low, high = measured.paired_spread(measured.paired_key("ratio"))
            cells += [f"{low:.2f}x to {high:.2f}x", _ratio(measured.paired_median("ratio"))]
        elif paired:
            cells += ["n/a", "n/a"]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return [*lines, ""]


def _import_table(run: Run) -> list[str]:
    lines = ["| module | median | spread (min to max) | ratio to `import httpx` |", "| --- | ---: | ---: | ---: |"]
    for module, label, ours in IMPORTS:
        measured = run.imports.get(module)
        if measured is None:
            continue
        if not measured.ok:
            lines.append(f"| `{module}` ({label}) | failed | {measured.error} | |")
            continue
        ratio = import_ratio(run, module)
        name = f"**`{module}`**" if ours else f"`{module}`"
        spread = _spread(measured, "import")
        lines.append(
            f"| {name} | {_time(measured.median, 'import')} | {spread} | {_ratio(ratio, import_target(module))} |"
        )
    return [*lines, ""]


def _memory_table(results: dict[str, Measurement]) -> list[str]:
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
        value = over_bare(case, results)
        if value is not None:
            over = f"{value:.1f} MB" + ((" ✓" if value <= TARGETS["rss"] else " ✗") if case.ours else "")
        peaks = ["", "", ""]
        if measured.extra and measured.extra[0]:
            short, long = measured.extra_median("peak_short") / MIB, measured.extra_median("peak_long") / MIB
            peaks = [f"{short:.1f} MB", f"{long:.1f} MB", f"{long - short:+.1f} MB"]
        lines.append(f"| {label} | {measured.median / MIB:.1f} MB | {over} | {' | '.join(peaks)} |")
    return [*lines, ""]


def _adapter_lines(results: dict[str, Measurement]) -> list[str]:
    lines = [
        "| pair | kind | ours over raw httpx | peer over raw httpx | ours / peer's overhead |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for peer, ours, title in ADAPTER_PAIRS:
        for kind in ("call.sync", "call.async", "stream.sync", "stream.async"):
            overheads = adapter_overheads(kind, peer, ours, results)
            if overheads is None:
                continue
            unit = CASES[f"{kind}/openai-chat/{ours}"].unit
            value = adapter_overhead_ratio(kind, peer, ours, results)
            lines.append(
                f"| {title} | {kind} | {_time(overheads[0], unit)} | {_time(overheads[1], unit)} | "
                f"{_ratio(value, TARGETS['adapter'])} |"
            )
    lines += [
        "",
        f"Call rows: medians of the paired differences ({PAIRED_CLOCK} time of each sample minus that of the raw "
        "httpx sample next to it in the same process); chunk rows: differences of the rows' medians.",
    ]
    return [*lines, ""]


def render_report(run: Run) -> str:
    """The full Markdown report."""
    lines = ["# Benchmark run", "", *[f"- {line}" for line in run.header], ""]
    lines += [*run.notes, ""] if run.notes else []
    lines += ["## Targets", "", render_summary(run), ""]
    missed = misses(run)
    lines += ["### Misses", "", *([f"- {miss}" for miss in missed] or ["None of the rows measured misses its target."])]
    lines.append("")
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
            if any(run.results[name].is_paired for name in run.results if name.startswith(kind + "/")):
                tables = [
                    "Ratio (paired): median over all processes of each sample's time (by the clock the column names) "
                    "over that of the raw httpx sample taken next to it in the same process; the raw httpx row is "
                    "paired with a second raw client, so its ratio shows the noise floor.",
                    "",
                    *tables,
                ]
            lines += [f"## {SECTION_TITLES[kind]}", "", *tables]
    if any(name.startswith("memory/") for name in run.results):
        lines += ["## 5. Memory", "", *_memory_table(run.results)]
    if any("Adapter" in name or "LlamaIndex" in name for name in run.results):
        lines += ["## 6. Adapters", "", *_adapter_lines(run.results)]
    web = [line for wire in ("fastapi", "django") for line in _group_table("web", wire, run.results)]
    if web:
        lines += [f"## {SECTION_TITLES['web']}", "", *web]
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
    httpx_import = run.imports.get("httpx")
    if httpx_import is not None and httpx_import.ok:
        cells = []
        for module in (
            "ai_sdk_core.providers.openai",
            "openai",
            "litellm",
            "ai_sdk_core.providers.anthropic",
            "anthropic",
        ):
            cells.append(_ratio(import_ratio(run, module), import_target(module)))
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
            name: {"processes": m.processes, "extra": m.extra, "error": m.error}
            | ({"paired": m.paired} if m.paired else {})
            for name, m in measurements.items()
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
            name: Measurement(
                processes=value["processes"],
                extra=value.get("extra", []),
                error=value.get("error"),
                paired=value.get("paired", []),  # absent in runs saved before the pairing
            )
            for name, value in values.items()
        }

    return Run(
        header=list(data["header"]),
        results=measurements(data["results"]),
        imports=measurements(data["imports"]),
        importtime=[tuple(row) for row in data.get("importtime", [])],  # type: ignore[misc]
        notes=list(data.get("notes", [])),
    )
