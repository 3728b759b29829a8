"""Case 7: bodies that are not what the endpoint promises. ``text/html`` on a JSON endpoint, JSON missing required
fields, unknown fields (tolerated), ``NaN``, nesting deep enough for a ``RecursionError`` and bytes that are not
UTF-8: each is a typed error or tolerated, never a bare parsing error."""

from __future__ import annotations

import json
import math

import pytest

from ai_sdk_core.spec import APICallError, InvalidResponseDataError
from ai_sdk_core.testing import Reply
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import WIRES, json_reply, make_model, stream_events

pytestmark = pytest.mark.anyio

FLAVOURS = ["generate", "stream"]
_JSON = {"content-type": "application/json"}


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_html_on_a_json_endpoint_is_a_typed_error(
    harness: Harness, check: Checker, wire: str, flavour: str
) -> None:
    page = "<!doctype html><html><body><h1>Welcome to our captive portal</h1></body></html>"
    harness.server.script(Reply(200, body=page, headers={"content-type": "text/html"}))
    outcome = await harness.call(flavour, max_retries=0)
    assert outcome.text == ""
    if flavour == "generate" or outcome.error is not None:
        check.typed(outcome.error)
    else:
        # A stream of HTML holds no event: like any stream without its terminal event, never a normal stop.
        assert outcome.finish_reason != "stop"


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,  # a RecursionError in a naive parser
        b'{"id": "\xff\xfe\xfd"}',  # not UTF-8
        '{"id": "x", "choices": [',  # cut
        "",  # empty
    ],
    ids=["deep", "not-utf8", "truncated", "empty"],
)
@pytest.mark.parametrize("wire", WIRES)
async def test_unparseable_json_is_a_typed_error(
    harness: Harness, check: Checker, wire: str, body: str | bytes
) -> None:
    harness.server.script(Reply(200, body=body, headers=_JSON))
    outcome = await harness.generate(max_retries=0)
    error = check.typed(outcome.error)
    assert isinstance(error, InvalidResponseDataError)


@pytest.mark.parametrize("wire", ["openai-chat", "openai-responses", "anthropic"])
@pytest.mark.parametrize("body", [{"id": "x"}, {"id": "x", "choices": "x", "output": "x", "content": 5}, None, [1, 2]])
async def test_missing_required_fields_are_a_typed_error(
    harness: Harness, check: Checker, wire: str, body: object
) -> None:
    harness.server.script(Reply(200, body=json.dumps(body), headers=_JSON))
    outcome = await harness.generate(max_retries=0)
    error = check.typed(outcome.error)
    assert isinstance(error, InvalidResponseDataError)


async def test_gemini_without_candidates_is_an_empty_answer(harness: Harness, check: Checker) -> None:
    # Gemini leaves `candidates` out when it blocks a prompt; the vendor schema has it optional.
    harness.model = make_model("google", harness.server.base_url, *harness.clients)
    harness.server.script(Reply(200, json={"promptFeedback": {"blockReason": "SAFETY"}}))
    outcome = await harness.generate(max_retries=0)
    assert outcome.error is None
    assert outcome.text == ""
    assert outcome.result.finish_reason != "stop"


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_unknown_fields_are_tolerated(harness: Harness, check: Checker, wire: str, flavour: str) -> None:
    body = json_reply(wire, "tolerant")
    body["x_vendor_extension"] = {"nested": [1, {"deeper": None}]}
    if flavour == "generate":
        harness.server.script(Reply(json=body))
    else:
        events = [
            event.replace(b'data: {"', b'data: {"x_unknown":[1,2],"', 1) for event in stream_events(wire, "tolerant")
        ]
        harness.server.script(Reply(body=b"".join(events), headers={"content-type": "text/event-stream"}))
    outcome = await harness.call(flavour)
    assert outcome.error is None, repr(outcome.error)
    assert outcome.text == "tolerant"
    check.no_secret()


@pytest.mark.parametrize("wire", WIRES)
async def test_nan_in_a_number_field_never_reaches_the_usage(harness: Harness, check: Checker, wire: str) -> None:
    text = json.dumps(json_reply(wire, "counted"))
    for field in ('"prompt_tokens": 1', '"input_tokens": 1', '"promptTokenCount": 1'):
        text = text.replace(field, field[:-1] + "NaN")
    assert "NaN" in text
    harness.server.script(Reply(200, body=text, headers=_JSON))
    outcome = await harness.generate(max_retries=0)
    if outcome.error is not None:
        check.typed(outcome.error)
        return
    usage = outcome.result.usage
    for value in (usage.input_tokens, usage.output_tokens, usage.total_tokens):
        assert value is None or (isinstance(value, int) and math.isfinite(value)), usage


@pytest.mark.parametrize("wire", WIRES)
async def test_html_on_a_streaming_endpoint_is_a_typed_error(harness: Harness, check: Checker, wire: str) -> None:
    # A captive portal or a misrouted gateway answers 200 with a page: no event in it, so no answer either.
    page = "<!doctype html><html><body><h1>Welcome to our captive portal</h1></body></html>"
    harness.server.script(Reply(200, body=page, headers={"content-type": "text/html"}))
    outcome = await harness.stream(max_retries=0)
    assert outcome.text == ""
    error = check.typed(outcome.error)
    assert isinstance(error, (InvalidResponseDataError, APICallError)), repr(error)
