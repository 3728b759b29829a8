"""A throwaway PostgreSQL cluster on 127.0.0.1 for the persistence tests.

``planned_cluster()`` (called by the test settings, at import) picks a data directory and a free port, so the
``postgres`` database alias can be declared up front; ``start``/``stop`` are driven by a session-scoped fixture
in ``conftest.py``. The server binaries come from Debian's ``postgresql`` package (``.ci/run`` installs it). As
root, ``initdb`` and the server refuse to run, so both run as the ``postgres`` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PostgresCluster", "find_binaries", "planned_cluster"]


def find_binaries() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(os.path.join(candidate, "initdb"), os.X_OK):
            return Path(candidate)
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresCluster:
    """One cluster: ``root`` holds the data directory, the Unix socket and the log."""

    binaries: Path
    root: Path
    port: int
    started: bool = False

    @property
    def data_directory(self) -> Path:
        return self.root / "data"

    def _command(self, *arguments: str) -> list[str]:
        if os.geteuid() == 0:
            # initdb and postgres refuse to run as root.
            return ["runuser", "-u", "postgres", "--", *arguments]
        return list(arguments)

    def start(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)  # a leftover of a killed run with the same pid
        self.root.mkdir(mode=0o755)
        self.root.chmod(0o755)  # whatever the umask: the postgres user must reach the socket directory
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            self._command(
                str(self.binaries / "initdb"),
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-sync",
                "-D",
                str(self.data_directory),
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} -c fsync=off"
        subprocess.run(
            self._command(
                str(self.binaries / "pg_ctl"),
                "start",
                "-w",
                "-D",
                str(self.data_directory),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        self.started = True

    def stop(self) -> None:
        if self.started:
            subprocess.run(
                self._command(
                    str(self.binaries / "pg_ctl"), "stop", "-m", "fast", "-w", "-D", str(self.data_directory)
                ),
                check=False,
                capture_output=True,
                timeout=120,
            )
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def planned_cluster() -> PostgresCluster | None:
    """A cluster to start (nothing is created yet), or None when the binaries are missing."""
    binaries = find_binaries()
    if binaries is None:
        return None
    root = Path(tempfile.gettempdir()) / f"django-ai-sdk-pg-{os.getpid()}"
    return PostgresCluster(binaries=binaries, root=root, port=_free_port())
