"""tox inline plugin: let tox find pyenv-installed interpreters that are not the active pyenv version.

pyenv's shims only run the versions named by ``pyenv global``/``PYENV_VERSION``; a shim for another version
exits with "command not found", so tox would skip ``py312`` on a machine that has 3.12 installed. This hook adds
each ``$PYENV_ROOT/versions/*/bin/python3.X`` to tox's ``--discover`` list (paths tried before PATH). Nothing
changes on a machine without pyenv, and an explicit ``--discover`` from the command line still comes first.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from tox.plugin import impl

__all__ = ["tox_add_core_config"]

# `python3.12`, not `python3.12-config` nor `python3.12t`.
_VERSIONED_PYTHON = re.compile(r"python3\.\d+")


def _pyenv_interpreters() -> list[str]:
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    versions = Path(root) / "versions"
    if not versions.is_dir():
        return []
    found: list[str] = []
    for version in sorted(versions.iterdir()):
        # Only CPython 3.x builds (skips virtualenvs made by pyenv-virtualenv, which live there too).
        for executable in sorted((version / "bin").glob("python3.*")):
            if _VERSIONED_PYTHON.fullmatch(executable.name) and os.access(executable, os.X_OK):
                found.append(str(executable))
    return found


@impl
def tox_add_core_config(core_conf: Any, state: Any) -> None:
    """Append pyenv interpreters to ``--discover`` so version-specific envs find them."""
    options = state.conf.options
    discover = list(getattr(options, "discover", None) or [])
    for executable in _pyenv_interpreters():
        if executable not in discover:
            discover.append(executable)
    options.discover = discover
