"""The only module that touches ``llama_cpp``: loading a model once per process, and the token loop.

``llama_cpp`` is imported on the first load, never at import time, so ``import ai_sdk_core.providers.llama_cpp``
works without the ``local`` extra and costs nothing.

The loop drives ``Llama.generate`` (llama.cpp's sampler chain: temperature, top-k/p, min-p, penalties, seed and a
GBNF grammar) one token at a time. Owning the loop is what gives exact token counts in a stream, a cancellation
check between two tokens, stop sequences that never leak into the text, and UTF-8 characters split across tokens
decoded whole.
"""

from __future__ import annotations

import codecs
import importlib
import logging
import random
import sys
import threading
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ai_sdk_core.providers.llama_cpp.convert import ChatMessage
from ai_sdk_core.providers.llama_cpp.errors import LocalExtraNotInstalledError
from ai_sdk_core.providers.llama_cpp.stop import StopSequenceScanner
from ai_sdk_core.spec.errors import InvalidPromptError, UnsupportedFunctionalityError

__all__ = [
    "GenerationOutcome",
    "GenerationRequest",
    "LoadSettings",
    "LoadedModel",
    "generate_text_deltas",
    "import_llama_cpp",
    "load_model",
]

logger = logging.getLogger("ai_sdk_core.providers.llama_cpp")


def import_llama_cpp() -> ModuleType:
    """``llama_cpp``, or an error that says which extra to install."""
    try:
        return importlib.import_module("llama_cpp")
    except ImportError as error:
        raise LocalExtraNotInstalledError("llama-cpp-python", cause=error) from error


@dataclass(slots=True, frozen=True)
class LoadSettings:
    """How a model file is loaded; with the path, the key of the per-process model cache.

    ``n_threads=None`` lets llama.cpp choose; ``chat_template`` (Jinja) replaces the template in the GGUF file.
    """

    n_ctx: int = 4096
    n_threads: int | None = None
    n_batch: int = 512
    n_gpu_layers: int = 0
    chat_template: str | None = None
    embedding: bool = False


@dataclass(slots=True)
class LoadedModel:
    """A loaded ``Llama`` and what is derived from it once. ``lock`` serialises calls: a llama.cpp context
    holds one sequence's state and is not thread-safe."""

    path: Path
    llama: Any
    lock: threading.Lock
    formatter: Any = None
    vocab: Any = None
    # llama_cpp.llama_vocab_is_eog, looked up once: it is called for every generated token.
    vocab_is_eog: Callable[[Any, int], bool] | None = None

    def format_prompt(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The prompt tokens of ``messages`` rendered by the model's chat template."""
        if self.formatter is None:
            raise UnsupportedFunctionalityError(
                "chat without a chat template",
                f"{self.path.name} has no chat template; pass chat_template= (a Jinja template) to the provider.",
            )
        try:
            rendered = self.formatter(messages=list(messages))
        except ValueError as error:  # the template's raise_exception(), e.g. roles that do not alternate
            raise InvalidPromptError(f"The chat template of {self.path.name} rejected the prompt: {error}") from error
        tokens: list[int] = self.llama.tokenize(
            rendered.prompt.encode("utf-8"), add_bos=not rendered.added_special, special=True
        )
        return tokens

    def is_end_of_generation(self, token: int) -> bool:
        """Whether ``token`` ends the turn (end of sequence, end of turn, ...)."""
        if self.vocab_is_eog is None:
            return bool(token == self.llama.token_eos())
        return bool(self.vocab_is_eog(self.vocab, token))


_models: dict[tuple[Path, LoadSettings], LoadedModel] = {}
# Held while loading, so that two first calls at once load the file once.
_load_lock = threading.Lock()


def _make_formatter(llama_cpp: ModuleType, llama: Any, settings: LoadSettings) -> Any:
    template = settings.chat_template or llama.metadata.get("tokenizer.chat_template")
    if not template:
        return None
    eos_id, bos_id = llama.token_eos(), llama.token_bos()
    eos = llama.detokenize([eos_id], special=True).decode("utf-8", errors="replace") if eos_id >= 0 else ""
    bos = llama.detokenize([bos_id], special=True).decode("utf-8", errors="replace") if bos_id >= 0 else ""
    llama_chat_format = importlib.import_module("llama_cpp.llama_chat_format")
    return llama_chat_format.Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)


def load_model(path: Path, settings: LoadSettings) -> LoadedModel:
    """The model of ``path`` loaded with ``settings``, loading it on first use in this process (and saying so
    once through the ``ai_sdk_core.providers.llama_cpp`` logger, and on a terminal's stderr)."""
    key = (path.resolve(), settings)
    loaded = _models.get(key)
    if loaded is not None:
        return loaded
    llama_cpp = import_llama_cpp()
    with _load_lock:
        loaded = _models.get(key)
        if loaded is not None:
            return loaded
        note = f"Loading local model {path.name} (once per process)..."
        logger.info(note)
        if sys.stderr.isatty() and not logger.isEnabledFor(logging.INFO):
            print(note, file=sys.stderr, flush=True)
        started = time.perf_counter()
        llama = llama_cpp.Llama(
            model_path=str(path),
            n_ctx=settings.n_ctx,
            n_threads=settings.n_threads,
            n_batch=settings.n_batch,
            n_gpu_layers=settings.n_gpu_layers,
            embedding=settings.embedding,
            verbose=False,
        )
        formatter = None if settings.embedding else _make_formatter(llama_cpp, llama, settings)
        loaded = LoadedModel(
            path=path,
            llama=llama,
            lock=threading.Lock(),
            formatter=formatter,
            vocab=llama_cpp.llama_model_get_vocab(llama.model),
            vocab_is_eog=llama_cpp.llama_vocab_is_eog,
        )
        _models[key] = loaded
        logger.debug("Loaded %s in %.2f s", path.name, time.perf_counter() - started)
        return loaded


@dataclass(slots=True)
class GenerationRequest:
    """One generation: chat messages plus llama.cpp sampling settings (``None``: llama-cpp-python's chat
    defaults, the ones ``create_chat_completion`` uses)."""

    messages: list[ChatMessage]
    max_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    typical_p: float | None = None
    repeat_penalty: float | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    stop_sequences: tuple[str, ...] = ()
    seed: int | None = None
    grammar: str | None = None

    def sampling_arguments(self) -> dict[str, Any]:
        """Keyword arguments of ``Llama.generate``."""
        return {
            "temp": 0.2 if self.temperature is None else self.temperature,
            "top_p": 0.95 if self.top_p is None else self.top_p,
            "top_k": 40 if self.top_k is None else self.top_k,
            "min_p": 0.05 if self.min_p is None else self.min_p,
            "typical_p": 1.0 if self.typical_p is None else self.typical_p,
            "repeat_penalty": 1.0 if self.repeat_penalty is None else self.repeat_penalty,
            "presence_penalty": self.presence_penalty or 0.0,
            "frequency_penalty": self.frequency_penalty or 0.0,
        }


@dataclass(slots=True)
class GenerationOutcome:
    """Filled in while a generation runs: ``finish_reason`` is ``"stop"`` (end of turn or a stop sequence),
    ``"length"`` (token budget or context full) or ``"cancelled"``."""

    finish_reason: str = "cancelled"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    stop_sequence: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def generate_text_deltas(
    model: LoadedModel, request: GenerationRequest, cancel: threading.Event, outcome: GenerationOutcome
) -> Generator[str, None, None]:
    """Generate, yielding text as it decodes; ``outcome`` holds the counts and the finish reason at the end.

    Holds ``model.lock`` from the first ``next()`` until the generator ends or is closed. ``cancel`` is checked
    before each token is used: setting it from any thread stops the generation at the next token.
    """
    llama_cpp = import_llama_cpp()
    with model.lock:
        llama = model.llama
        tokens = model.format_prompt(request.messages)
        context = llama.n_ctx()
        if len(tokens) >= context:
            raise InvalidPromptError(
                f"The prompt is {len(tokens)} tokens, more than the context window of {context} tokens "
                "(load the model with a larger n_ctx)."
            )
        outcome.prompt_tokens = len(tokens)
        budget = context - len(tokens)
        limit = min(request.max_tokens, budget) if request.max_tokens else budget
        llama.set_seed(request.seed if request.seed is not None else random.randrange(2**31))  # noqa: S311 (a sampling seed, not a secret)
        grammar = None
        if request.grammar is not None:
            grammar = llama_cpp.LlamaGrammar.from_string(request.grammar, verbose=False)
        scanner = StopSequenceScanner(request.stop_sequences)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        started = time.perf_counter()
        token_stream = llama.generate(tokens, reset=True, grammar=grammar, **request.sampling_arguments())
        try:
            for token in token_stream:
                if cancel.is_set():
                    outcome.finish_reason = "cancelled"
                    return
                if model.is_end_of_generation(token):
                    outcome.finish_reason = "stop"
                    break
                outcome.completion_tokens += 1
                if outcome.completion_tokens == 1:
                    outcome.timings["first_token_seconds"] = time.perf_counter() - started
                text = decoder.decode(llama.detokenize([token]))
                if text:
                    released, stopped = scanner.feed(text)
                    if released:
                        yield released
                    if stopped:
                        outcome.finish_reason = "stop"
                        outcome.stop_sequence = True
                        return
                if outcome.completion_tokens >= limit:
                    outcome.finish_reason = "length"
                    break
            released, stopped = scanner.feed(decoder.decode(b"", final=True))
            rest = released + ("" if stopped else scanner.flush())
            if stopped:
                outcome.finish_reason, outcome.stop_sequence = "stop", True
            if rest:
                yield rest
        finally:
            token_stream.close()
            outcome.timings["generation_seconds"] = time.perf_counter() - started
