"""The shipped pytest plugin, exercised through ``pytester`` in a separate pytest process.

A subprocess matters: in this process our own conftest already runs the guard, which would hide a broken
plugin. Every inner test that attempts a remote connection first asserts the guard is installed, so even a
broken plugin never lets a packet leave (192.0.2.0/24 is the RFC 5737 documentation range besides).
"""

from __future__ import annotations

import pytest

from ai_sdk_core.testing.pytest_plugin import VENDOR_ENVIRONMENT_VARIABLES, is_loopback_host

INNER_TESTS = """
import asyncio
import os
import socket
import tempfile

import httpx
import pytest

from ai_sdk_core.testing.pytest_plugin import NetworkAccessBlockedError


def require_guard():
    for function in (socket.socket.connect, socket.create_connection, socket.getaddrinfo):
        assert getattr(function, "__ai_sdk_network_guard__", False), f"guard missing on {function}"


def test_public_address_fails_loudly():
    require_guard()
    socket.create_connection(("192.0.2.1", 443), timeout=1)


def test_socket_connect_to_public_address_is_blocked():
    require_guard()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        with pytest.raises(NetworkAccessBlockedError, match="192.0.2.1:80"):
            client.connect(("192.0.2.1", 80))
        with pytest.raises(NetworkAccessBlockedError):
            client.connect_ex(("192.0.2.1", 80))


def test_httpx_to_vendor_host_is_blocked_before_dns():
    require_guard()
    with httpx.Client() as client, pytest.raises(NetworkAccessBlockedError, match="api.openai.com"):
        client.get("https://api.openai.com/v1/models")


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
async def test_async_clients_are_blocked():
    require_guard()
    async with httpx.AsyncClient() as client:
        # anyio connects to an IP literal inside a task group, so the error may arrive in an exception group.
        with pytest.raises(Exception) as caught:
            await client.get("http://192.0.2.1/")
    error = caught.value
    assert isinstance(error, NetworkAccessBlockedError) or error.subgroup(NetworkAccessBlockedError) is not None
    # A literal IP skips getaddrinfo in asyncio; the socket's own connect still stops it.
    with pytest.raises(NetworkAccessBlockedError, match="socket.connect"):
        await asyncio.open_connection("192.0.2.1", 80)


def test_loopback_and_unix_sockets_work():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5) as client:
            accepted, _ = server.accept()
            with accepted:
                accepted.sendall(b"pong")
                assert client.recv(4) == b"pong"
    # pytester's tmp_path is longer than the 108 bytes a Unix socket path may have.
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "s")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix_server:
            unix_server.bind(path)
            unix_server.listen()
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix_client:
                unix_client.connect(path)


def test_vendor_keys_are_cleared():
    assert "OPENAI_API_KEY" not in os.environ
    assert "ANTHROPIC_BASE_URL" not in os.environ
    assert os.environ["UNRELATED_SETTING"] == "kept"


@pytest.mark.live("OPENAI_API_KEY")
def test_live_sees_its_key_and_no_guard():
    assert os.environ["OPENAI_API_KEY"] == "sk-test-not-a-key"
    assert not getattr(socket.create_connection, "__ai_sdk_network_guard__", False)


@pytest.mark.live("ANTHROPIC_API_KEY")
def test_live_without_key_is_skipped():
    raise AssertionError("must not run")
"""


def test_plugin_guards_network_clears_keys_and_gates_live_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeini(
        """
        [pytest]
        addopts = -p no:cacheprovider --strict-markers
        filterwarnings = error
        """
    )
    pytester.makeconftest('pytest_plugins = ["ai_sdk_core.testing.pytest_plugin"]\n')
    pytester.makepyfile(test_inner=INNER_TESTS)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-key")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:1")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("UNRELATED_SETTING", "kept")

    result = pytester.runpytest_subprocess("-rs", timeout=120)

    result.assert_outcomes(passed=6, failed=1, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "*NetworkAccessBlockedError: *blocked a real network connection to 192.0.2.1:443*",
            "*live test: set ANTHROPIC_API_KEY to run it*",
        ]
    )
    result.stdout.no_fnmatch_line("*sk-test-not-a-key*")


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST.", "app.localhost", "0.0.0.0", "", None],
)
def test_loopback_hosts_are_allowed(host: object) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host", ["192.0.2.1", "10.0.0.1", "2001:db8::1", "api.openai.com", "localhost.example.com", "::ffff:192.0.2.1", 5]
)
def test_remote_hosts_are_refused(host: object) -> None:
    assert not is_loopback_host(host)


def test_ipv4_mapped_loopback_is_allowed() -> None:
    assert is_loopback_host("::ffff:127.0.0.1")
    assert is_loopback_host(b"127.0.0.1")


def test_vendor_list_covers_the_main_providers() -> None:
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "OPENAI_BASE_URL"):
        assert name in VENDOR_ENVIRONMENT_VARIABLES
    assert list(VENDOR_ENVIRONMENT_VARIABLES) == sorted(set(VENDOR_ENVIRONMENT_VARIABLES))
