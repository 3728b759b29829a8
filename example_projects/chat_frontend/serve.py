"""Build the front end when needed, then start an example backend serving it: one command per example.

From the repository root::

    python example_projects/chat_frontend/serve.py fastapi      # uvicorn fastapi_chat.main:app
    python example_projects/chat_frontend/serve.py django       # manage.py migrate, then runserver

Then open http://127.0.0.1:8000. ``--port`` picks another port; ``--build-only`` builds and exits. The build
(``npm ci`` when node_modules is missing or older than package-lock.json, then ``npm run build``) runs only when
a source file is newer than ``dist/index.html``. The end-to-end tests (tests/e2e) call :func:`ensure_built` too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["DIST", "FRONTEND", "ensure_built", "main"]

FRONTEND = Path(__file__).resolve().parent
DIST = FRONTEND / "dist"
EXAMPLES = FRONTEND.parent
_SOURCES = ("src", "index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json")


def _newest_change(paths: list[Path]) -> float:
    times = [0.0]
    for path in paths:
        if path.is_dir():
            times.extend(child.stat().st_mtime for child in path.rglob("*") if child.is_file())
        elif path.exists():
            times.append(path.stat().st_mtime)
    return max(times)


def _npm(*arguments: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not on PATH: install Node.js 20.19+ (or use a prebuilt dist/).")
    subprocess.run([npm, *arguments], cwd=FRONTEND, check=True)  # noqa: S603  # fixed npm commands, no shell


def ensure_built(*, force: bool = False) -> Path:
    """``dist/index.html``, building it first when it is missing or older than the sources (or ``force``)."""
    index = DIST / "index.html"
    installed = FRONTEND / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < (FRONTEND / "package-lock.json").stat().st_mtime:
        _npm("ci", "--no-audit", "--no-fund")
    if force or not index.exists() or index.stat().st_mtime < _newest_change([FRONTEND / name for name in _SOURCES]):
        _npm("run", "build")
    return index


def main(argv: list[str] | None = None) -> None:
    """Build if needed, then run the chosen example on 127.0.0.1 (replacing this process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("example", choices=["django", "fastapi"])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--build-only", action="store_true", help="build the front end and exit")
    options = parser.parse_args(argv)
    ensure_built()
    if options.build_only:
        return
    port = str(options.port)
    if options.example == "fastapi":
        command = [sys.executable, "-m", "uvicorn", "fastapi_chat.main:app", "--app-dir", str(EXAMPLES)]
        os.execv(sys.executable, [*command, "--host", "127.0.0.1", "--port", port])  # noqa: S606  # our interpreter
    project = EXAMPLES / "django_chat"
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=project, check=True)
    os.chdir(project)
    os.execv(sys.executable, [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"])  # noqa: S606


if __name__ == "__main__":
    main()
