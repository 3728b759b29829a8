"""The pure decisions of the transport: headers, redirects, retryable statuses, error construction."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ai_sdk_core.provider_utils import HttpRequest, PreparedCall, TimeBudget, merge_headers
from ai_sdk_core.provider_utils.http_errors import api_call_error_from_response, is_retryable_response, send_error
from ai_sdk_core.provider_utils.redirects import RequestPlan, plan_redirect
from ai_sdk_core.spec import APICallError, TimeoutBudgetError, TimeoutConfig

CREDENTIALS = frozenset({"authorization", "x-api-key"})
HEADERS = {"authorization": "Bearer k", "x-api-key": "k", "content-type": "application/json", "x-trace": "1"}


def test_merge_headers_later_wins_case_insensitively_and_none_removes() -> None:
    merged = merge_headers({"Authorization": "a", "X-One": "1"}, None, {"authorization": "b", "x-one": None})
    assert merged == {"authorization": "b"}


def redirect(url: str, method: str, status: int, location: str) -> tuple[httpx.URL, str, dict[str, str]]:
    return plan_redirect(
        url=httpx.URL(url),
        method=method,
        status_code=status,
        location=location,
        headers=HEADERS,
        credential_headers=CREDENTIALS,
    )


@pytest.mark.parametrize("status", [307, 308])
def test_307_308_repeat_the_post_same_origin_keeps_credentials(status: int) -> None:
    url, method, headers = redirect("https://api.test/v1/a", "POST", status, "/v1/b")
    assert (str(url), method) == ("https://api.test/v1/b", "POST")
    assert headers == HEADERS


@pytest.mark.parametrize(("status", "method"), [(303, "POST"), (302, "POST"), (301, "POST")])
def test_303_and_post_301_302_become_get_without_body_headers(status: int, method: str) -> None:
    _, next_method, headers = redirect("https://api.test/a", method, status, "/b")
    assert next_method == "GET"
    assert "content-type" not in headers


@pytest.mark.parametrize(
    "location",
    ["https://other.test/a", "http://api.test/a", "https://api.test:8443/a", "https://sub.api.test/a"],
)
def test_another_origin_loses_credentials(location: str) -> None:
    _, _, headers = redirect("https://api.test/v1", "POST", 307, location)
    assert "authorization" not in headers
    assert "x-api-key" not in headers
    assert headers["x-trace"] == "1"


def test_explicit_default_port_is_the_same_origin() -> None:
    _, _, headers = redirect("https://api.test/v1", "POST", 307, "https://api.test:443/v2")
    assert headers["authorization"] == "Bearer k"


def test_redirect_to_a_non_http_scheme_is_refused() -> None:
    with pytest.raises(APICallError, match="file"):
        redirect("https://api.test/v1", "POST", 307, "file:///etc/passwd")


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (400, {}, False),
        (401, {}, False),
        (408, {}, True),
        (409, {}, True),
        (429, {}, True),
        (500, {}, True),
        (529, {}, True),
        (500, {"x-should-retry": "false"}, False),
        (400, {"x-should-retry": "true"}, True),
        (429, {"x-should-retry": "FALSE"}, False),
        (500, {"x-should-retry": "maybe"}, True),
    ],
)
def test_is_retryable_response(status: int, headers: dict[str, str], expected: bool) -> None:
    assert is_retryable_response(status, headers) is expected


def test_api_call_error_keeps_status_headers_and_bounded_body() -> None:
    error = api_call_error_from_response(
        url="https://api.test/v1",
        status_code=503,
        reason_phrase="Service Unavailable",
        headers={"retry-after": "1"},
        body_text="x" * 100_000,
    )
    assert error.message == "The API call failed with status 503 Service Unavailable."
    assert error.status_code == 503
    assert error.response_headers == {"retry-after": "1"}
    assert error.response_body is not None and len(error.response_body) < 10_000
    assert error.is_retryable


def test_api_call_error_message_from_hook() -> None:
    def hook(status_code: int, headers: Any, body_text: str) -> tuple[str, Any]:
        return "quota exceeded", {"code": "quota"}

    error = api_call_error_from_response(
        url="u", status_code=429, reason_phrase="", headers={}, body_text="{}", parse_error=hook
    )
    assert (error.message, error.data) == ("quota exceeded", {"code": "quota"})


def test_request_repr_never_shows_headers() -> None:
    request = HttpRequest(url="https://api.test", body={}, headers={"authorization": "Bearer sk-live-123"})
    assert "sk-live-123" not in repr(request)
    assert "sk-live-123" not in repr(PreparedCall(request=request))


def test_send_errors_map_to_budgets_and_connection_errors() -> None:
    url = httpx.URL("http://127.0.0.1:1/x")
    budget = TimeBudget(TimeoutConfig(connect=2, first_chunk=30))
    read = send_error(httpx.ReadTimeout("slow"), budget, url)
    assert isinstance(read, TimeoutBudgetError)
    assert read.budget == "first_chunk"
    refused = send_error(httpx.ConnectError("refused"), budget, url)
    assert isinstance(refused, APICallError)
    assert (refused.status_code, refused.is_retryable) == (None, True)
    unsupported = send_error(httpx.UnsupportedProtocol("ftp"), budget, url)
    assert isinstance(unsupported, APICallError)
    assert unsupported.is_retryable is False


def test_connect_timeout_is_a_retryable_api_call_error_caused_by_the_timeout() -> None:
    timeout = httpx.ConnectTimeout("slow")
    error = send_error(timeout, TimeBudget(TimeoutConfig(connect=2, first_chunk=30)), httpx.URL("http://h.test/x"))
    assert isinstance(error, APICallError)
    assert (error.status_code, error.is_retryable, error.url) == (None, True, "http://h.test/x")
    assert error.__cause__ is timeout
    assert "TimeoutConfig.connect" in error.message


def test_connect_timeout_cut_by_a_running_budget_that_ran_out_is_that_budget() -> None:
    now = [0.0]
    budget = TimeBudget(TimeoutConfig(connect=10, first_chunk=1), clock=lambda: now[0])
    now[0] = 1.5  # the connect timeout was cut to first_chunk's second, which is gone
    error = send_error(httpx.ConnectTimeout("slow"), budget, httpx.URL("http://h.test/x"))
    assert isinstance(error, TimeoutBudgetError)
    assert error.budget == "first_chunk"


def gateway_plan() -> RequestPlan:
    return RequestPlan(
        "https://gateway.test/v1",
        headers={"x-custom": "kept"},
        content=b"{}",
        credentials=frozenset({"authorization", "api-key"}),
    )


def test_a_hop_to_another_origin_drops_the_client_headers_and_auth() -> None:
    with httpx.Client(headers={"api-key": "SECRET1", "x-client": "kept"}, auth=("u", "SECRET2")) as client:
        plan = gateway_plan()
        first = plan.build(client, httpx.Timeout(None))
        assert first.headers["api-key"] == "SECRET1"
        assert plan.auth(client) is client.auth
        assert plan.follow(307, "https://elsewhere.test/v1")
        moved = plan.build(client, httpx.Timeout(None))
        assert "api-key" not in moved.headers
        assert "authorization" not in moved.headers
        assert (moved.headers["x-client"], moved.headers["x-custom"]) == ("kept", "kept")
        assert plan.auth(client) is None
        # Back on the first origin, the chain has still been elsewhere: credentials stay off.
        assert plan.follow(307, "https://gateway.test/v2")
        assert "api-key" not in plan.build(client, httpx.Timeout(None)).headers
        assert plan.auth(client) is None


def test_a_same_origin_hop_keeps_the_client_credentials() -> None:
    with httpx.Client(headers={"api-key": "SECRET1"}, auth=("u", "SECRET2")) as client:
        plan = gateway_plan()
        assert plan.follow(308, "/v2")
        assert plan.build(client, httpx.Timeout(None)).headers["api-key"] == "SECRET1"
        assert plan.auth(client) is client.auth
