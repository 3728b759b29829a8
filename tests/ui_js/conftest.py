"""Fixtures of the JS-client conformance suite: the Python chat server (uvicorn in a thread, 127.0.0.1, a free
port) and the Node driver (``driver.mjs`` over the npm ``ai`` packages installed in ``tests/ui_js/node_modules``).

Without Node or those packages the suite is skipped locally (``tox -e ui-js`` installs them) and fails under
``CI=true``, so that CI cannot pass without running the real client.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.ui_js.app import ChatApp
from tests.ui_js.checks import Drive, Run, Turn, check_common

HERE = Path(__file__).parent
DRIVER = HERE / "driver.mjs"
# The packages driver.mjs imports, per protocol major.
PACKAGES = {7: "ai", 6: "ai6", 5: "ai5"}
DRIVER_TIMEOUT_SECONDS = 45.0


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"tests/ui_js cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"{reason}; run `tox -e ui-js` (it runs `npm ci --prefix tests/ui_js` first)")


@dataclass
class JsClient:
    """Runs driver.mjs and returns its JSON result."""

    node: str

    def run(self, base_url: str, scenario: str, major: int) -> dict[str, Any]:
        """Drive ``scenario`` on the server at ``base_url`` with the ``ai`` client of ``major``."""
        try:
            completed = subprocess.run(
                [self.node, str(DRIVER), base_url, scenario, str(major)],
                cwd=HERE,
                capture_output=True,
                text=True,
                timeout=DRIVER_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            stderr = error.stderr.decode() if isinstance(error.stderr, bytes) else error.stderr
            pytest.fail(f"driver.mjs {scenario} {major} did not finish in {DRIVER_TIMEOUT_SECONDS}s: {stderr}")
        if completed.returncode != 0:
            pytest.fail(f"driver.mjs {scenario} {major} exited {completed.returncode}: {completed.stderr}")
        result: dict[str, Any] = json.loads(completed.stdout)
        return result


@pytest.fixture(scope="session")
def js_client() -> JsClient:
    node = shutil.which("node")
    if node is None:
        _unavailable("`node` is not on PATH")
        raise AssertionError("unreachable")
    missing = [name for name in PACKAGES.values() if not (HERE / "node_modules" / name / "package.json").is_file()]
    if missing:
        _unavailable(f"npm packages {missing} are not installed in tests/ui_js/node_modules")
    return JsClient(node=node)


@dataclass
class ChatServer:
    """The running app and its base URL."""

    app: ChatApp
    base_url: str


@pytest.fixture(scope="session")
def chat_server(js_client: JsClient) -> Iterator[ChatServer]:
    try:
        import uvicorn
    except ImportError:
        _unavailable("uvicorn is not installed (the ui-js tox env installs it)")
        raise

    app = ChatApp()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        app,
        lifespan="off",
        http="h11",
        ws="none",
        loop="asyncio",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="ui-js-uvicorn", daemon=True)
    app.attach_logging()
    thread.start()
    try:
        for _ in range(200):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.05)
        if not server.started:
            pytest.fail("uvicorn did not start")
        yield ChatServer(app=app, base_url=f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        app.detach_logging()
        listener.close()
        if thread.is_alive():
            pytest.fail("uvicorn did not shut down")


@pytest.fixture
def drive(chat_server: ChatServer, js_client: JsClient) -> Drive:
    """Runs a scenario with the client of a major, then the common checks on each turn (``checks.py``)."""
    app = chat_server.app

    def run(scenario: str, major: int, *, compare_finish: bool = True, compare_reader: bool = True) -> Run:
        first = len(app.exchanges)
        result = js_client.run(chat_server.base_url, scenario, major)
        assert result["packageVersion"].startswith(f"{major}."), result["packageVersion"]
        exchanges = app.exchanges[first:]
        assert len(exchanges) == len(result["turns"]), [exchange.scenario for exchange in exchanges]
        for exchange in exchanges:
            # The response has ended once the client is done, except that a stopped request ends on the server
            # only when it notices the disconnect: wait for that (bounded), never for a fixed time.
            assert exchange.done.wait(10), f"the server did not finish {scenario!r}"
            assert exchange.failure is None, repr(exchange.failure)
        turns = [Turn(client, exchange) for client, exchange in zip(result["turns"], exchanges, strict=True)]
        for turn in turns:
            check_common(turn, compare_finish=compare_finish, compare_reader=compare_reader)
        return Run(result, turns)

    return run
