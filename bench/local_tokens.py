"""Local model speed: our llama.cpp provider against llama-cpp-python called directly, and the CLI's first token.

``python bench/local_tokens.py`` (needs the ``local`` extra; about a minute on 2 cores) measures:

1. tokens/s of one greedy generation of ``--tokens`` tokens (default 128) with the same ``Llama`` instance and the
   same settings, through ``Llama.create_chat_completion(stream=True)`` (the baseline), our ``model.do_stream``,
   ``model.ado_stream`` (each token computed in a worker thread) and the core's ``stream_text``. The runs
   alternate, each case ``--repeat`` times (default 5); the table gives the median and the ratio to the baseline.
   Every run must produce the baseline's text, so a case cannot pass for fast by generating something else.
2. the ``ai-sdk`` command's time to the first answer byte: cold (a new process: Python start, imports, model
   load, prompt) and warm (a second question in the same process, through the command's ``run``).

Nothing here is part of the test suite: tests never assert timings.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["main"]

PROMPT = "Write a long story about a dragon who learns to bake bread."
CLI_PROMPT = "Why is the sky blue?"
WARM_PROMPT = "What makes sunsets red and orange?"


def _baseline(llama: Any, tokens: int) -> str:
    pieces = []
    chunks = llama.create_chat_completion(
        messages=[{"role": "user", "content": PROMPT}],
        temperature=0.0,
        max_tokens=tokens,
        stream=True,
    )
    for chunk in chunks:
        pieces.append(chunk["choices"][0]["delta"].get("content") or "")
    return "".join(pieces)


def _options(tokens: int) -> Any:
    from ai_sdk_core.spec.call_options import CallOptions
    from ai_sdk_core.spec.prompt import TextPart, UserMessage

    return CallOptions(prompt=[UserMessage(content=[TextPart(text=PROMPT)])], temperature=0.0, max_output_tokens=tokens)


def _ours_sync(model: Any, tokens: int) -> str:
    from ai_sdk_core.spec.stream_parts import TextDelta

    return "".join(part.delta for part in model.do_stream(_options(tokens)).stream if isinstance(part, TextDelta))


def _ours_async(model: Any, tokens: int) -> str:
    from ai_sdk_core.spec.stream_parts import TextDelta

    async def run() -> str:
        result = await model.ado_stream(_options(tokens))
        return "".join([part.delta async for part in result.stream if isinstance(part, TextDelta)])

    return asyncio.run(run())


def _core_stream_text(model: Any, tokens: int) -> str:
    from ai_sdk_core import stream_text

    return "".join(stream_text(model=model, prompt=PROMPT, temperature=0.0, max_output_tokens=tokens).text_stream)


def measure_tokens_per_second(tokens: int, repeat: int) -> list[tuple[str, float, float]]:
    """``(case, median tokens/s, ratio to the baseline)`` for each case."""
    from ai_sdk_core.providers.llama_cpp import llama_cpp

    model = llama_cpp("default")
    llama = model.load().llama
    cases: dict[str, Callable[[], str]] = {
        "llama-cpp-python create_chat_completion(stream=True)": lambda: _baseline(llama, tokens),
        "ours: model.do_stream": lambda: _ours_sync(model, tokens),
        "ours: model.ado_stream (worker thread per token)": lambda: _ours_async(model, tokens),
        "ours: stream_text(...).text_stream": lambda: _core_stream_text(model, tokens),
    }
    expected = _baseline(llama, tokens)  # also warms the prompt cache, as every later run finds it warm
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, case in cases.items():
            started = time.perf_counter()
            text = case()
            elapsed = time.perf_counter() - started
            if text != expected:
                raise SystemExit(f"{name} generated different text:\n{text!r}\nvs\n{expected!r}")
            samples[name].append(tokens / elapsed)
    baseline = statistics.median(samples[next(iter(cases))])
    return [(name, statistics.median(values), statistics.median(values) / baseline) for name, values in samples.items()]


class _FirstWrite(io.StringIO):
    """Standard output that remembers when the first answer text arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.first_write_at: float | None = None

    def write(self, text: str) -> int:
        if text and self.first_write_at is None:
            self.first_write_at = time.perf_counter()
        return super().write(text)


def cold_first_token_seconds() -> float:
    """From starting ``python -m ai_sdk_core`` to its first byte on standard output."""
    environment = {key: value for key, value in os.environ.items() if key != "AI_SDK_DEFAULT_MODEL"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "ai_sdk_core", "-t", "0", "--max-tokens", "16", CLI_PROMPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=environment,
    )
    assert process.stdout is not None
    first = process.stdout.read(1)
    elapsed = time.perf_counter() - started
    process.stdout.read()
    process.wait(timeout=120)
    if not first:
        raise SystemExit("the command printed nothing")
    return elapsed


def warm_first_token_seconds() -> float:
    """A second question in one process: the model is loaded; the prompt is new, so it is evaluated."""
    from ai_sdk_core.cli.arguments import parse_command_line
    from ai_sdk_core.cli.main import run

    timings = []
    for question in (CLI_PROMPT, WARM_PROMPT):  # the first one loads the model
        command = parse_command_line(["-t", "0", "--max-tokens", "16", "--no-stats", question])
        stdout = _FirstWrite()
        started = time.perf_counter()
        run(command, stdin=io.StringIO(), stdout=stdout, stderr=io.StringIO())
        assert stdout.first_write_at is not None
        timings.append(stdout.first_write_at - started)
    return timings[-1]


def main(arguments: list[str] | None = None) -> None:
    """Run both measurements and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=128, help="tokens per generation")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case")
    options = parser.parse_args(arguments)

    print(f"## Tokens/s, {options.tokens} tokens, greedy, median of {options.repeat}\n")
    print("| case | tokens/s | ratio |\n| --- | ---: | ---: |")
    for name, rate, ratio in measure_tokens_per_second(options.tokens, options.repeat):
        print(f"| {name} | {rate:.1f} | {ratio:.3f} |")
    cold = statistics.median(cold_first_token_seconds() for _ in range(3))
    warm = warm_first_token_seconds()
    print("\n## ai-sdk: time to the first answer byte\n")
    print("| case | seconds |\n| --- | ---: |")
    print(f"| cold: new process (median of 3) | {cold:.2f} |")
    print(f"| warm: model loaded, same process | {warm:.3f} |")


if __name__ == "__main__":
    main()
