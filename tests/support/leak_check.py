"""A pytest plugin that fails the run when a test leaves a connected socket open (issue 13's invariant).

An HTTP client nobody closed keeps its kept-alive connection until the interpreter exits, where Python prints
``ResourceWarning: unclosed <socket.socket ...>`` outside pytest's reach. This plugin looks while pytest still
can: when the session ends it collects garbage (an unreachable socket warns then, and the warning is an error),
and it lists the connected sockets still reachable (a client kept in a cache or a module global). Either fails
the last test's teardown, naming each socket; run with ``PYTHONTRACEMALLOC=20`` to see where each was opened.

``AI_SDK_LEAK_CHECK=module`` also checks after every module, to find which module leaves them (slower).

The SDK's own process-wide provider cache (``"provider:model"`` resolved with ``api_key=`` / ``base_url=``) is
closed after every test, as an app closes it at shutdown (``close_cached_providers``): otherwise each such test
would keep a connection to its own, long-gone, test server.

Enabled in ``tests/conftest.py`` (``pytest_plugins``) or with ``-p tests.support.leak_check``.
"""

from __future__ import annotations

import gc
import os
import socket
import tracemalloc
import warnings
from collections.abc import Iterator

import pytest

from ai_sdk_core import close_cached_providers

__all__ = ["connected_sockets", "describe_socket"]


def connected_sockets() -> list[socket.socket]:
    """Sockets still open and connected to a peer (listening sockets and closed ones are not leaks here)."""
    found = []
    for candidate in gc.get_objects():
        # type(), not isinstance(): isinstance reads __class__, which makes a lazy object (Django's settings)
        # set itself up.
        if not issubclass(type(candidate), socket.socket) or candidate.fileno() == -1:
            continue
        try:
            candidate.getpeername()
        except OSError:  # not connected: a listening or half-made socket
            continue
        found.append(candidate)
    return found


def describe_socket(leaked: socket.socket) -> str:
    """The socket's repr, and where it was allocated when tracemalloc is on."""
    description = repr(leaked)
    origin = tracemalloc.get_object_traceback(leaked)
    if origin is not None:
        description += "\n  allocated at:\n    " + "\n    ".join(origin.format())
    return description


def _leaks(known: set[int]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        gc.collect()
    problems = [str(warning.message) for warning in caught if issubclass(warning.category, ResourceWarning)]
    problems += [describe_socket(leaked) for leaked in connected_sockets() if id(leaked) not in known]
    return problems


def _fail(where: str, problems: list[str]) -> None:
    hint = "" if tracemalloc.is_tracing() else "\n(run with PYTHONTRACEMALLOC=20 to see where each was opened)"
    pytest.fail(f"{len(problems)} socket(s) left open {where}:\n" + "\n".join(problems) + hint, pytrace=False)


@pytest.fixture(autouse=True)
def _close_the_sdks_cached_providers() -> Iterator[None]:
    yield
    close_cached_providers()


@pytest.fixture(scope="session", autouse=True)
def _no_socket_left_open_by_the_session() -> Iterator[None]:
    known = {id(existing) for existing in connected_sockets()}  # whatever was open before the first test
    yield
    problems = _leaks(known)
    if problems:
        _fail("when the test session ended", problems)


@pytest.fixture(scope="module", autouse=True)
def _no_socket_left_open_by_the_module(request: pytest.FixtureRequest) -> Iterator[None]:
    if os.environ.get("AI_SDK_LEAK_CHECK") != "module":
        yield
        return
    known = {id(existing) for existing in connected_sockets()}
    yield
    problems = _leaks(known)
    if problems:
        _fail(f"by {request.module.__name__}", problems)
