"""The targets of a run and the ratios checked against them: ratios to raw httpx, adapter overheads, and the
list of misses at the top of the report (:func:`misses`).

Split from ``report`` (which renders the tables): these are the numbers a ✓ or ✗ is decided on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cases import CASES, IMPORTS, Case
from clients import FORMATS

if TYPE_CHECKING:
    from report import Measurement, Run

__all__ = [
    "ADAPTER_PAIRS",
    "MIB",
    "SECTION_TITLES",
    "TARGETS",
    "adapter_overhead_ratio",
    "adapter_overheads",
    "import_ratio",
    "import_target",
    "misses",
    "over_bare",
    "ratio_to_baseline",
    "row_target",
]

MIB = 1024 * 1024

# The ratio (or MB, for "rss") each kind of row must stay at or under.
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

# The report's section titles: a miss names the section its row is in.
SECTION_TITLES = {
    "call.sync": "2. Non-streaming call, sync (per call)",
    "call.async": "2. Non-streaming call, async (per call)",
    "stream.sync": "3. One long stream, sync (per chunk)",
    "stream.async": "3. One long stream, async (per chunk)",
    "concurrent": "4. Concurrent streams in one event loop (per chunk)",
    "web": "7. UI message stream over HTTP (per chunk at the client)",
}

# (peer, ours, title) of each adapter compared by overhead over raw httpx.
ADAPTER_PAIRS = [
    ("ChatOpenAIAdapter", "ChatAISDKAdapter", "ChatAISDK vs ChatOpenAI"),
    ("LlamaIndexOpenAI", "LlamaIndexAISDK", "AISDK vs llama-index OpenAI"),
]


def _baseline_of(case: Case, results: dict[str, Measurement]) -> Measurement | None:
    for other in CASES.values():
        if other.group == case.group and other.baseline:
            found = results.get(other.name)
            return found if found is not None and found.ok else None
    return None


def ratio_to_baseline(case_name: str, results: dict[str, Measurement]) -> float | None:
    """The row's ratio to raw httpx (its group's baseline) in this run.

    Paired rows (the calls): the median of the per-sample ratios to the raw sample next to each, over all
    processes (for the baseline row itself, against a second raw client: the noise floor). Other rows: the row's
    median over its baseline row's median.
    """
    case, measured = CASES[case_name], results.get(case_name)
    if measured is not None and measured.is_paired:
        return measured.paired_median(measured.paired_key("ratio"))
    baseline = _baseline_of(case, results)
    if measured is None or not measured.ok or baseline is None:
        return None
    return measured.median / baseline.median


def adapter_overheads(kind: str, peer: str, ours: str, results: dict[str, Measurement]) -> tuple[float, float] | None:
    """(ours, peer's) overhead over raw httpx in seconds per unit: medians of paired differences when both rows
    have them (each against the raw httpx of its own processes), else differences of the rows' medians."""
    our_row, peer_row = (results.get(f"{kind}/openai-chat/{name}") for name in (ours, peer))
    if our_row is None or peer_row is None or not our_row.ok or not peer_row.ok:
        return None
    if our_row.is_paired and peer_row.is_paired:
        key = our_row.paired_key("overhead")
        key = key if peer_row.paired_key("overhead") == key else "overhead"  # both rows on one clock
        return our_row.paired_median(key), peer_row.paired_median(key)
    raw = results.get(f"{kind}/openai-chat/RawHttpx")
    if raw is None or not raw.ok:
        return None
    return our_row.median - raw.median, peer_row.median - raw.median


def adapter_overhead_ratio(kind: str, peer: str, ours: str, results: dict[str, Measurement]) -> float | None:
    """Our adapter's overhead over raw httpx divided by its peer's (target at most 0.5)."""
    overheads = adapter_overheads(kind, peer, ours, results)
    if overheads is None:
        return None
    ours_overhead, peer_overhead = overheads
    return ours_overhead / peer_overhead if peer_overhead > 0 else float("nan")


def row_target(case: Case) -> float | None:
    """The ratio target of a row of cases 2 to 4: ours, and not an adapter (those compare overheads)."""
    return TARGETS.get(case.kind) if case.ours and not case.adapter and case.kind != "web" else None


def import_target(module: str) -> float | None:
    """The import-time ratio target of ``module``: only our own modules have one."""
    return TARGETS["import"] if module.startswith("ai_sdk_core") else None


def import_ratio(run: Run, module: str) -> float | None:
    """The median import time of ``module`` over that of ``import httpx``."""
    baseline, measured = run.imports.get("httpx"), run.imports.get(module)
    if baseline is None or not baseline.ok or measured is None or not measured.ok:
        return None
    return measured.median / baseline.median


def over_bare(case: Case, results: dict[str, Measurement]) -> float | None:
    """RSS after import + one call over the bare interpreter's, in MB."""
    bare, measured = results.get("memory/none/bare"), results.get(case.name)
    if bare is None or not bare.ok or measured is None or not measured.ok or case.implementation is None:
        return None
    return (measured.median - bare.median) / MIB


def misses(run: Run) -> list[str]:
    """One line per target missed (a ✗ of the report): the row, its value, the target."""
    misses = []
    for module, _label, _ours in IMPORTS:
        value, target = import_ratio(run, module), import_target(module)
        if value is not None and target is not None and value > target:
            misses.append(f"1. import `{module}`: {value:.2f}x `import httpx` (target ≤ {target}x)")
    for kind in ("call.sync", "call.async", "stream.sync", "stream.async", "concurrent"):
        for case in CASES.values():
            target = row_target(case)
            if case.kind != kind or case.name not in run.results or target is None:
                continue
            value = ratio_to_baseline(case.name, run.results)
            if value is not None and value > target:
                where = f"{SECTION_TITLES[kind]}, {FORMATS.get(case.wire, case.wire)}"
                misses.append(f"{where}: {case.label}: {value:.2f}x raw httpx (target ≤ {target}x)")
    for case in CASES.values():
        if case.kind == "memory" and case.ours:
            over = over_bare(case, run.results)
            if over is not None and over > TARGETS["rss"]:
                where = f"5. RSS after import + 1 call, {FORMATS.get(case.wire, case.wire)}"
                misses.append(f"{where}: {case.label}: {over:.1f} MB over bare (target ≤ {TARGETS['rss']:.0f} MB)")
    for peer, ours, title in ADAPTER_PAIRS:
        for kind in ("call.sync", "call.async", "stream.sync", "stream.async"):
            value = adapter_overhead_ratio(kind, peer, ours, run.results)
            if value is not None and value > TARGETS["adapter"]:
                target = TARGETS["adapter"]
                misses.append(f"6. adapters, {title}, {kind}: ours / peer's overhead {value:.2f}x (target ≤ {target}x)")
    return misses
