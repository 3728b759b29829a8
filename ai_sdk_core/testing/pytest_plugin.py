"""A pytest plugin that keeps a test suite hermetic: no real network, no vendor API keys.

Opt in from your ``conftest.py``::

    pytest_plugins = ["ai_sdk_core.testing.pytest_plugin"]

For every test it then

- makes any real network connection fail loudly with :class:`NetworkAccessBlockedError`: ``socket.socket.connect``,
  ``socket.socket.connect_ex``, ``socket.create_connection`` and ``socket.getaddrinfo`` refuse every address
  except loopback (``127.0.0.0/8``, ``::1``, ``localhost``) and Unix sockets, so test servers on ``127.0.0.1``
  and transport doubles keep working while an accidental call to a vendor is caught before a packet leaves;
- removes vendor API keys and base-URL overrides (:data:`VENDOR_ENVIRONMENT_VARIABLES`) from ``os.environ``, so a
  developer's exported ``OPENAI_API_KEY`` cannot turn a unit test into a paid request.

A test that really talks to a vendor opts out with the ``live`` marker, naming the variables it needs; it is
skipped unless all of them are set::

    @pytest.mark.live("OPENAI_API_KEY")
    def test_openai_answers() -> None: ...

The error subclasses ``RuntimeError``, not ``OSError``: an ``OSError`` would be turned into a retryable
connection error by httpx and our retry loop, hiding the mistake behind retries. An async client connecting to
an IP literal through anyio raises it inside an ``ExceptionGroup`` (anyio races connection attempts in a task
group); it is still the test's failure, with this message in it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

__all__ = [
    "LIVE_MARKER",
    "VENDOR_ENVIRONMENT_VARIABLES",
    "NetworkAccessBlockedError",
    "hermetic_test_environment",
    "is_loopback_host",
    "pytest_configure",
]

LIVE_MARKER = "live"
"""Name of the marker that lets a test reach the network and see vendor keys."""

# One prefix per provider family; each yields `<PREFIX>_API_KEY` and `<PREFIX>_BASE_URL`.
_VENDOR_PREFIXES = (
    "AI_GATEWAY",
    "ALIBABA",
    "ANTHROPIC",
    "ASSEMBLYAI",
    "AZURE",
    "AZURE_OPENAI",
    "BASETEN",
    "BFL",
    "CEREBRAS",
    "COHERE",
    "DASHSCOPE",
    "DEEPGRAM",
    "DEEPINFRA",
    "DEEPSEEK",
    "ELEVENLABS",
    "FAL",
    "FIREWORKS",
    "GLADIA",
    "GOOGLE_GENERATIVE_AI",
    "GOOGLE_VERTEX",
    "GROQ",
    "HUGGINGFACE",
    "HUME",
    "LMNT",
    "LUMA",
    "MISTRAL",
    "MOONSHOT",
    "OLLAMA",
    "OPENAI",
    "OPENROUTER",
    "PERPLEXITY",
    "REPLICATE",
    "REVAI",
    "TOGETHER",
    "TOGETHER_AI",
    "VERCEL",
    "VOYAGE",
    "XAI",
)

# Credentials that do not follow the `<PREFIX>_API_KEY` shape (cloud SDK chains, tokens, project settings).
_OTHER_CREDENTIALS = (
    "AWS_ACCESS_KEY_ID",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AZURE_RESOURCE_NAME",
    "FAL_KEY",
    "GOOGLE_API_KEY",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "GOOGLE_CLIENT_EMAIL",
    "GOOGLE_PRIVATE_KEY",
    "GOOGLE_PRIVATE_KEY_ID",
    "GOOGLE_VERTEX_LOCATION",
    "GOOGLE_VERTEX_PROJECT",
    "HF_TOKEN",
    "OPENAI_ORG_ID",
    "OPENAI_ORGANIZATION",
    "OPENAI_PROJECT",
    "REPLICATE_API_TOKEN",
    "VERCEL_OIDC_TOKEN",
)

VENDOR_ENVIRONMENT_VARIABLES: tuple[str, ...] = tuple(
    sorted(
        {f"{prefix}_{suffix}" for prefix in _VENDOR_PREFIXES for suffix in ("API_KEY", "BASE_URL")}
        | set(_OTHER_CREDENTIALS)
    )
)
"""Environment variables removed for every test that is not marked ``live``."""

# Marks our replacements so a test can check the guard is in place before it tries a connection.
_GUARD_ATTRIBUTE = "__ai_sdk_network_guard__"

_HELP = (
    "Tests must not reach the network: use a transport double (httpx.MockTransport, "
    "ai_sdk_core.testing.replay.ReplayTransport) or a server on 127.0.0.1, or mark the test "
    '@pytest.mark.live("OPENAI_API_KEY") to let it call the vendor when that key is set.'
)


class NetworkAccessBlockedError(RuntimeError):
    """Raised when a test tries to open a connection to a non-loopback address."""

    def __init__(self, target: str, via: str) -> None:
        self.target = target
        self.via = via
        super().__init__(
            f"ai_sdk_core.testing.pytest_plugin blocked a real network connection to {target} ({via}). {_HELP}"
        )


def is_loopback_host(host: object) -> bool:
    """Whether ``host`` (an IP literal, a host name, ``None`` or bytes) stays on this machine.

    Host names other than ``localhost`` count as remote: resolving them is already network traffic (DNS).
    The unspecified addresses (``0.0.0.0``, ``::``, ``""``) mean "this host" to ``connect``.
    """
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host == "":
        return True
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _describe(address: object) -> tuple[object, str]:
    if isinstance(address, tuple) and address:
        host = address[0]
        port = address[1] if len(address) > 1 else "?"
        return host, f"{host}:{port}"
    return address, repr(address)


def _guard(function: Callable[..., Any]) -> Callable[..., Any]:
    setattr(function, _GUARD_ATTRIBUTE, True)
    return function


def _install_network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_create_connection = socket.create_connection
    original_getaddrinfo = socket.getaddrinfo

    def check_socket_address(sock: socket.socket, address: Any, via: str) -> None:
        # Unix sockets, netlink and friends never leave the machine; only internet families are checked.
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        host, target = _describe(address)
        if not is_loopback_host(host):
            raise NetworkAccessBlockedError(target, via)

    @_guard
    def guarded_connect(self: socket.socket, address: Any) -> None:
        check_socket_address(self, address, "socket.connect")
        original_connect(self, address)

    @_guard
    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        check_socket_address(self, address, "socket.connect_ex")
        return original_connect_ex(self, address)

    @_guard
    def guarded_create_connection(address: Any, *arguments: Any, **keyword_arguments: Any) -> socket.socket:
        host, target = _describe(address)
        if not is_loopback_host(host):
            raise NetworkAccessBlockedError(target, "socket.create_connection")
        return original_create_connection(address, *arguments, **keyword_arguments)

    @_guard
    def guarded_getaddrinfo(host: Any, port: Any, *arguments: Any, **keyword_arguments: Any) -> Any:
        if not is_loopback_host(host):
            raise NetworkAccessBlockedError(f"{host}:{port}", "socket.getaddrinfo")
        return original_getaddrinfo(host, port, *arguments, **keyword_arguments)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``live`` marker so ``--strict-markers`` accepts it."""
    config.addinivalue_line(
        "markers",
        f"{LIVE_MARKER}(*environment_variables): calls a real vendor API with network access and the vendor's "
        "keys; skipped unless every named environment variable is set",
    )


@pytest.fixture(autouse=True)
def hermetic_test_environment(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Block real network access and clear vendor keys, or for ``live`` tests, check their keys are set."""
    live = request.node.get_closest_marker(LIVE_MARKER)
    if live is not None:
        missing = [str(name) for name in live.args if not os.environ.get(str(name))]
        if not live.args:
            pytest.skip(f'live test: name the key it needs, e.g. @pytest.mark.{LIVE_MARKER}("OPENAI_API_KEY")')
        if missing:
            pytest.skip(f"live test: set {', '.join(missing)} to run it")
        yield
        return
    for name in VENDOR_ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    _install_network_guard(monkeypatch)
    yield
