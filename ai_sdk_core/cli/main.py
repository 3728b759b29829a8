"""``ai-sdk``: stream an answer to stdout; say what happened on stderr; fail with one line and an exit status.

Standard output carries only the answer (so ``ai-sdk "..." > answer.txt`` and pipes work); notes, usage and
errors go to standard error, each line starting with ``ai-sdk:``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TextIO

from ai_sdk_core.cli.arguments import LOCAL_MODEL, CommandLine, ModelChoice, choose_model, parse_command_line
from ai_sdk_core.cli.json_output import JSONSchemaModel, SchemaFileError, load_schema, validate_json
from ai_sdk_core.spec.errors import (
    AISDKError,
    InvalidArgumentError,
    InvalidPromptError,
    LoadAPIKeyError,
    LoadSettingError,
    NoSuchModelError,
    RetryError,
)
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = [
    "EXIT_CONFIGURATION",
    "EXIT_INTERRUPTED",
    "EXIT_MODEL_ERROR",
    "EXIT_USAGE",
    "exit_status_for",
    "main",
]

EXIT_MODEL_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_CONFIGURATION: Final = 3
EXIT_INTERRUPTED: Final = 130

_LOCAL_LOGGER: Final = "ai_sdk_core.providers.llama_cpp"


def exit_status_for(error: BaseException) -> int:
    """The exit status for an error: setup missing (3), a usage mistake (2), or a failed call (1)."""
    if isinstance(error, RetryError) and error.last_error is not None:
        return exit_status_for(error.last_error)
    if isinstance(error, LoadAPIKeyError | LoadSettingError | ImportError):
        return EXIT_CONFIGURATION
    if isinstance(error, NoSuchModelError | InvalidArgumentError | InvalidPromptError | SchemaFileError):
        return EXIT_USAGE
    return EXIT_MODEL_ERROR


def _message_of(error: BaseException) -> str:
    if isinstance(error, RetryError) and error.last_error is not None:
        return _message_of(error.last_error)
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())  # one line, whatever the message held


class _Terminal:
    """Where the command writes: the answer to ``out``, everything else to ``err``."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err

    def note(self, text: str) -> None:
        print(f"ai-sdk: {text}", file=self.err, flush=True)

    def fail(self, error: BaseException) -> int:
        self.note(f"error: {_message_of(error)}")
        return exit_status_for(error)


def _show_local_loading(terminal: _Terminal) -> None:
    """Make the local provider's first-load line visible (once per process)."""
    logger = logging.getLogger(_LOCAL_LOGGER)
    if any(getattr(handler, "ai_sdk_cli", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler(terminal.err)
    handler.setFormatter(logging.Formatter("ai-sdk: %(message)s"))
    handler.ai_sdk_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _resolve(choice: ModelChoice) -> LanguageModel:
    from ai_sdk_core.registry.builtin import BUILTIN_PROVIDERS, resolve_language_model

    try:
        return resolve_language_model(choice.model)
    except ModuleNotFoundError as error:
        provider = choice.model.partition(":")[0]
        if provider in BUILTIN_PROVIDERS and error.name and error.name.startswith("ai_sdk_core."):
            raise NoSuchModelError(
                choice.model, message=f"The provider {provider!r} is not available in this version of ai-sdk-core."
            ) from error
        raise


@dataclass(slots=True)
class _Answer:
    text: str = ""
    status: int = 0
    messages: list[Any] = field(default_factory=list)


def _stream_answer(
    terminal: _Terminal,
    model: LanguageModel,
    command: CommandLine,
    conversation: list[Any],
    *,
    label: str,
    show_text: bool,
) -> _Answer:
    from ai_sdk_core import stream_text
    from ai_sdk_core.generate_text.stream_parts import ErrorPart, FinishPart, FinishStepPart, TextDeltaPart

    arguments: dict[str, Any] = {"messages": conversation}
    for name, value in (
        ("instructions", command.system),
        ("max_output_tokens", command.max_tokens),
        ("temperature", command.temperature),
        ("seed", command.seed),
    ):
        if value is not None:
            arguments[name] = value
    answer = _Answer()
    pieces: list[str] = []
    started = time.perf_counter()
    first_text_at: float | None = None
    finish: FinishPart | None = None
    response_model = model.model_id
    result = stream_text(model=model, **arguments)
    try:
        for part in result.full_stream:
            if isinstance(part, TextDeltaPart):
                if first_text_at is None:
                    first_text_at = time.perf_counter()
                pieces.append(part.text)
                if show_text:
                    terminal.out.write(part.text)
                    terminal.out.flush()
            elif isinstance(part, FinishStepPart):
                response_model = part.response.model_id or response_model
                answer.messages = list(part.response.messages)
            elif isinstance(part, FinishPart):
                finish = part
            elif isinstance(part, ErrorPart):
                error = part.error if isinstance(part.error, BaseException) else AISDKError(str(part.error))
                if show_text and pieces:
                    terminal.out.write("\n")
                answer.status = terminal.fail(error)
                return answer
    except KeyboardInterrupt:
        result.close()
        if show_text:
            terminal.out.write("\n")
        terminal.note("interrupted")
        answer.status = EXIT_INTERRUPTED
        return answer
    ended = time.perf_counter()
    answer.text = "".join(pieces)
    if show_text and not answer.text.endswith("\n"):
        terminal.out.write("\n")
        terminal.out.flush()
    if command.stats and finish is not None:
        usage = finish.total_usage
        speed = ""
        # Decoding speed: the tokens after the first one over the time since the first one arrived.
        if first_text_at is not None and usage.output_tokens and usage.output_tokens > 1 and ended > first_text_at:
            speed = f", {(usage.output_tokens - 1) / (ended - first_text_at):.1f} tokens/s"
        first = f", first token after {first_text_at - started:.2f} s" if first_text_at is not None else ""
        name = label
        if response_model and response_model != model.model_id:
            name += f" ({response_model})"
        terminal.note(
            f"{name}: {usage.input_tokens} input + {usage.output_tokens} output tokens{speed}{first}, "
            f"finish {finish.finish_reason}"
        )
    return answer


def _read_prompt(command: CommandLine, stdin: TextIO) -> str | None:
    if command.prompt == "-" or (command.prompt is None and not stdin.isatty()):
        return stdin.read()
    return command.prompt


def _chat(terminal: _Terminal, model: LanguageModel, label: str, command: CommandLine, stdin: TextIO) -> int:
    terminal.note("chat mode: type a message, Enter to send; Ctrl-D to quit")
    conversation: list[Any] = []
    while True:
        terminal.err.write("> ")
        terminal.err.flush()
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            terminal.err.write("\n")
            return 0
        if not line:
            terminal.err.write("\n")
            return 0
        if not line.strip():
            continue
        conversation.append({"role": "user", "content": line.strip()})
        answer = _stream_answer(terminal, model, command, conversation, label=label, show_text=True)
        if answer.status == EXIT_INTERRUPTED:
            conversation.pop()
            continue
        if answer.status != 0:
            return answer.status
        conversation.extend(answer.messages)


def run(command: CommandLine, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Run a parsed command; returns the exit status."""
    terminal = _Terminal(stdout, stderr)
    interactive = command.prompt is None and stdin.isatty()
    prompt = None if interactive else _read_prompt(command, stdin)
    if not interactive and (not prompt or not prompt.strip()):
        terminal.note("error: give a prompt as an argument, or '-' to read it from standard input")
        return EXIT_USAGE
    choice = choose_model(command.model)
    if choice.model.startswith("llama-cpp:"):
        _show_local_loading(terminal)
    if choice.source == "local default":
        terminal.note(
            f"using the local model {LOCAL_MODEL} (in-process SmolLM2-135M-Instruct); "
            "pick another with --model provider:model or AI_SDK_DEFAULT_MODEL"
        )
    try:
        schema = load_schema(command.json_schema) if command.json_schema else None
        model = _resolve(choice)
    except (AISDKError, SchemaFileError, ImportError) as error:
        return terminal.fail(error)
    if schema is not None:
        model = JSONSchemaModel(model, schema)
    if prompt is None:
        return _chat(terminal, model, choice.model, command, stdin)
    conversation: list[Any] = [{"role": "user", "content": prompt.strip()}]
    answer = _stream_answer(terminal, model, command, conversation, label=choice.model, show_text=schema is None)
    if answer.status != 0 or schema is None:
        return answer.status
    try:
        value = validate_json(answer.text, schema)
    except AISDKError as error:
        terminal.out.write(answer.text + "\n")
        return terminal.fail(error)
    terminal.out.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    terminal.out.flush()
    return 0


def main(arguments: Sequence[str] | None = None) -> int:
    """Run ``ai-sdk`` with ``arguments`` (``sys.argv[1:]`` when ``None``); returns the exit status."""
    command = parse_command_line(arguments)
    try:
        return run(command, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`ai-sdk ... | head -1`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_MODEL_ERROR
