"""The command line of ``ai-sdk``: arguments and how the model is chosen (pure: no model is touched)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "DEFAULT_MODEL_ENVIRONMENT_VARIABLE",
    "LOCAL_MODEL",
    "CommandLine",
    "ModelChoice",
    "choose_model",
    "parse_command_line",
]

DEFAULT_MODEL_ENVIRONMENT_VARIABLE: Final = "AI_SDK_DEFAULT_MODEL"
LOCAL_MODEL: Final = "llama-cpp:default"

_DESCRIPTION: Final = """\
Stream a model's answer to the terminal; model, token usage and speed go to stderr.
With no --model and no AI_SDK_DEFAULT_MODEL, a small model runs in this process (the `local` extra).
"""

_EPILOG: Final = """\
examples:
  ai-sdk "Why is the sky blue?"
  ai-sdk --model openai:gpt-4o-mini --system "Answer in French." "Hello"
  echo "Summarise: ..." | ai-sdk -
  ai-sdk --json-schema person.json "Invent a person."
  ai-sdk                      (no prompt on a terminal: a chat; Ctrl-D ends it)

exit status: 0 done, 1 the model call failed, 2 bad usage (arguments, unknown provider or model),
3 missing setup (API key, local extra or model file), 130 interrupted.
"""


@dataclass(slots=True, frozen=True)
class CommandLine:
    """The parsed command line. ``prompt`` is ``None`` when none was given, ``"-"`` to read standard input."""

    prompt: str | None
    model: str | None
    system: str | None
    max_tokens: int | None
    temperature: float | None
    json_schema: str | None
    seed: int | None
    stats: bool


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ai-sdk",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("prompt", nargs="*", help='the question ("-": read it from standard input)')
    parser.add_argument(
        "-m",
        "--model",
        help=f"provider:model (default: ${DEFAULT_MODEL_ENVIRONMENT_VARIABLE}, else {LOCAL_MODEL})",
    )
    parser.add_argument("-s", "--system", help="instructions for the model")
    parser.add_argument("--max-tokens", type=int, metavar="N", help="stop after N generated tokens")
    parser.add_argument("-t", "--temperature", type=float, help="sampling temperature (0: deterministic)")
    parser.add_argument("--seed", type=int, help="sampling seed, where the model supports one")
    parser.add_argument("--json-schema", metavar="FILE", help="answer with JSON matching this JSON Schema file")
    parser.add_argument("--no-stats", dest="stats", action="store_false", help="do not print usage to stderr")
    return parser


def parse_command_line(arguments: Sequence[str] | None) -> CommandLine:
    """Parse ``arguments`` (``sys.argv[1:]`` when ``None``); argparse exits with status 2 on bad usage."""
    parser = _parser()
    namespace = parser.parse_args(arguments)
    if namespace.max_tokens is not None and namespace.max_tokens < 1:
        parser.error("--max-tokens must be at least 1")
    words: list[str] = namespace.prompt
    return CommandLine(
        prompt=" ".join(words) if words else None,
        model=namespace.model,
        system=namespace.system,
        max_tokens=namespace.max_tokens,
        temperature=namespace.temperature,
        json_schema=namespace.json_schema,
        seed=namespace.seed,
        stats=namespace.stats,
    )


@dataclass(slots=True, frozen=True)
class ModelChoice:
    """The model id to use and where it came from: ``"option"``, ``"environment"`` or ``"local default"``."""

    model: str
    source: str


def choose_model(option: str | None, environment: Mapping[str, str] | None = None) -> ModelChoice:
    """``--model``, else ``AI_SDK_DEFAULT_MODEL``, else the local model.

    >>> choose_model(None, {}).model
    'llama-cpp:default'
    """
    if option:
        return ModelChoice(option, "option")
    configured = (os.environ if environment is None else environment).get(DEFAULT_MODEL_ENVIRONMENT_VARIABLE)
    if configured:
        return ModelChoice(configured, "environment")
    return ModelChoice(LOCAL_MODEL, "local default")
