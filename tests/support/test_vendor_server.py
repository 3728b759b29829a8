"""The vendor server driven through our own providers: every wire format, sync and async, JSON and streaming."""

from __future__ import annotations

import asyncio
import json
import math
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from ai_sdk_core import (
    APICallError,
    aembed_many,
    agenerate_object,
    agenerate_text,
    astream_text,
    embed_many,
    generate_object,
    generate_text,
    step_count_is,
    stream_text,
    tool,
)
from tests.support.vendor_server import (
    WIRE_FORMATS,
    ScriptedReply,
    ScriptedToolCall,
    SeenRequest,
    VendorServer,
    conforming_responder,
    embed_text,
    example_for_schema,
    reply_sequence,
)
from tests.support.vendor_server.fixtures import vendor_server  # noqa: F401  # the shipped fixture, tested below
from tests.support.vendor_server.loopback import HttpReply, LoopbackServer

CITY_SCHEMA = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
    "required": ["city", "population"],
    "additionalProperties": False,
}

ANTHROPIC_HEADERS = {"x-api-key": "test", "anthropic-version": "2023-06-01"}


def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


def weather_script(request: SeenRequest) -> ScriptedReply:
    """Call the tool for each city asked about, then answer from the tool results."""
    if request.messages[-1]["role"] == "tool":
        results = sorted(result["content"] for result in request.messages[-1]["tool_results"])
        return ScriptedReply(text="; ".join(results))
    return ScriptedReply(
        tool_calls=[
            ScriptedToolCall("get_weather", {"city": "Paris"}),
            ScriptedToolCall("get_weather", {"city": "Tokyo"}),
        ]
    )


@pytest.fixture
def server() -> Iterator[VendorServer]:
    with VendorServer() as running:
        yield running


# --- text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_generate_text_round_trip_and_request_normalisation(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="Bonjour!", input_tokens=11, output_tokens=7)
    result = generate_text(
        model=server.language_model(wire),
        system="Be brief.",
        prompt="Say hello in French",
        max_output_tokens=50,
        temperature=0.5,
    )
    assert result.text == "Bonjour!"
    assert result.finish_reason == "stop"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (11, 7)
    [seen] = server.requests
    assert seen.wire == wire
    assert seen.stream is False
    assert seen.system == "Be brief."
    assert seen.last_user_text == "Say hello in French"
    assert [message["role"] for message in seen.messages] == ["user"]
    assert seen.max_tokens == 50
    assert seen.temperature == 0.5
    assert seen.model
    assert seen.tools == []


def test_shipped_fixture_gives_a_running_server(vendor_server: VendorServer) -> None:  # noqa: F811
    assert generate_text(model=vendor_server.language_model("google"), prompt="fixture").text == "fixture"
    assert vendor_server.requests[0].model == "gemini-2.5-flash"


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_default_responder_echoes_and_estimates_usage(server: VendorServer, wire: str) -> None:
    result = generate_text(model=server.language_model(wire), prompt="echo me back")
    assert result.text == "echo me back"
    assert result.usage.input_tokens is not None and result.usage.input_tokens > 0
    assert result.usage.output_tokens is not None and result.usage.output_tokens > 0


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_stream_text_delivers_scripted_chunks(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="one two three four", chunk_size=5)
    result = stream_text(model=server.language_model(wire), prompt="Count")
    assert list(result.text_stream) == ["one t", "wo th", "ree f", "our"]
    assert result.finish_reason == "stop"
    assert result.usage.output_tokens is not None and result.usage.output_tokens > 0
    assert server.requests[0].stream is True


@pytest.mark.parametrize("wire", WIRE_FORMATS)
@pytest.mark.anyio
async def test_async_generate_and_stream(wire: str) -> None:
    async with VendorServer(lambda request: ScriptedReply(text=f"async {request.last_user_text}")) as server:
        generated = await agenerate_text(model=server.language_model(wire), prompt="ping")
        streamed = astream_text(model=server.language_model(wire), prompt="pong")
        pieces = [piece async for piece in streamed.text_stream]
    assert generated.text == "async ping"
    assert "".join(pieces) == "async pong"
    assert len(pieces) > 1
    assert [seen.stream for seen in server.requests] == [False, True]


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_finish_length(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="cut of", finish="length")
    assert generate_text(model=server.language_model(wire), prompt="long").finish_reason == "length"
    streamed = stream_text(model=server.language_model(wire), prompt="long")
    assert streamed.text == "cut of"
    assert streamed.finish_reason == "length"


# --- tools -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_tool_loop_sync(server: VendorServer, wire: str) -> None:
    server.responder = weather_script
    result = generate_text(
        model=server.language_model(wire),
        prompt="Weather in Paris and Tokyo?",
        tools={"get_weather": tool(get_weather)},
        stop_when=step_count_is(3),
    )
    assert result.text == "sunny in Paris; sunny in Tokyo"
    assert [call.input for call in result.steps[0].tool_calls] == [{"city": "Paris"}, {"city": "Tokyo"}]
    assert result.steps[0].finish_reason == "tool-calls"
    first, second = server.requests
    assert first.tools == [
        {
            "name": "get_weather",
            "description": "The weather in a city.",
            "parameters": first.tools[0]["parameters"],
        }
    ]
    assert first.tools[0]["parameters"]["properties"]["city"]["type"] == "string"
    assert [message["role"] for message in second.messages] == ["user", "assistant", "tool"]
    calls = second.messages[1]["tool_calls"]
    results = second.messages[2]["tool_results"]
    assert [call["arguments"] for call in calls] == [{"city": "Paris"}, {"city": "Tokyo"}]
    assert [(result["id"], result["name"]) for result in results] == [(call["id"], "get_weather") for call in calls]
    assert [result["content"] for result in results] == ["sunny in Paris", "sunny in Tokyo"]


@pytest.mark.parametrize("wire", WIRE_FORMATS)
@pytest.mark.anyio
async def test_tool_loop_async_streaming(wire: str) -> None:
    async with VendorServer(weather_script) as server:
        result = astream_text(
            model=server.language_model(wire),
            prompt="Weather?",
            tools={"get_weather": tool(get_weather)},
            stop_when=step_count_is(3),
        )
        text = "".join([piece async for piece in result.text_stream])
        steps = await result.steps
    assert text == "sunny in Paris; sunny in Tokyo"
    assert [call.input for call in steps[0].tool_calls] == [{"city": "Paris"}, {"city": "Tokyo"}]
    assert len(server.requests) == 2


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_scripted_tool_call_id_and_tool_choice(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(
        tool_calls=[ScriptedToolCall("get_weather", {"city": "Oslo"}, id="call_fixed")]
    )
    result = generate_text(
        model=server.language_model(wire),
        prompt="Oslo?",
        tools={"get_weather": tool(get_weather)},
        tool_choice="required",
    )
    [call] = result.tool_calls
    assert call.tool_call_id == "call_fixed"
    assert result.tool_results[0].output == "sunny in Oslo"
    assert server.requests[0].tool_choice is not None


# --- reasoning, usage details, structured output ---------------------------------------------------------


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_reasoning_and_signature_round_trip(server: VendorServer, wire: str) -> None:
    server.responder = reply_sequence(
        ScriptedReply(
            reasoning="Look it up first.",
            reasoning_signature="c2lnbmVk",
            tool_calls=[ScriptedToolCall("get_weather", {"city": "Rome"})],
        ),
        ScriptedReply(text="Sunny.", reasoning="Done."),
    )
    options: dict[str, Any] = {}
    if wire == "openai-responses":
        # Store off: reasoning goes back whole, with the encrypted content standing in for the signature.
        options["provider_options"] = {"openai": {"store": False, "include": ["reasoning.encrypted_content"]}}
    result = generate_text(
        model=server.language_model(wire),
        prompt="Rome?",
        tools={"get_weather": tool(get_weather)},
        stop_when=step_count_is(3),
        **options,
    )
    assert result.text == "Sunny."
    assert result.reasoning_text == "Done."
    assert result.steps[0].reasoning_text == "Look it up first."
    assistant = server.requests[1].messages[1]
    assert assistant["reasoning"] == ("Look it up first." if wire != "openai-chat" else None)
    if wire != "openai-chat":  # Chat Completions has no reasoning signature
        assert assistant["signature"] == "c2lnbmVk"


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_usage_details(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(
        text="ok", input_tokens=100, output_tokens=40, cached_input_tokens=60, reasoning_tokens=30
    )
    usage = generate_text(model=server.language_model(wire), prompt="usage").usage
    assert usage.input_tokens == 100
    assert usage.output_tokens == 40
    assert usage.input_token_details.cache_read_tokens == 60
    if wire != "anthropic":  # Anthropic does not report reasoning tokens apart
        assert usage.output_token_details.reasoning_tokens == 30


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_structured_output_sees_schema(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text=json.dumps({"city": "Lima", "population": 10}))
    result = generate_object(model=server.language_model(wire), schema=CITY_SCHEMA, prompt="A city")
    assert result.object == {"city": "Lima", "population": 10}
    response_format = server.requests[0].response_format
    assert response_format is not None
    assert set(response_format["properties"]) == {"city", "population"}
    assert server.requests[0].tools == []


@pytest.mark.anyio
async def test_structured_output_async_anthropic_json_tool() -> None:
    async with VendorServer(lambda request: ScriptedReply(text='{"city": "Quito", "population": 3}')) as server:
        result = await agenerate_object(
            model=server.language_model("anthropic", "claude-3-5-haiku-latest"), schema=CITY_SCHEMA, prompt="City"
        )
    assert result.object == {"city": "Quito", "population": 3}
    # The forced JSON tool is a response format, not one of the caller's tools.
    assert server.requests[0].tools == []
    assert server.requests[0].response_format["required"] == ["city", "population"]
    assert [tool["name"] for tool in server.requests[0].body["tools"]] == ["json"]


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_image_parts_are_counted(server: VendorServer, wire: str) -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "What is this?"}, {"type": "image", "image": png}]}
    ]
    generate_text(model=server.language_model(wire), messages=messages)
    [message] = server.requests[0].messages
    assert (message["text"], message["images"]) == ("What is this?", 1)


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_stop_sequence_cuts_the_text(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="one, two, three")
    stopped = generate_text(model=server.language_model(wire), prompt="count", stop_sequences=["three"])
    streamed = stream_text(model=server.language_model(wire), prompt="count", stop_sequences=["three"])
    # The Responses API has no stop sequences: our provider drops them (with a warning), so nothing is cut.
    expected = "one, two, three" if wire == "openai-responses" else "one, two, "
    assert stopped.text == streamed.text == expected
    assert stopped.finish_reason == streamed.finish_reason == "stop"
    assert server.requests[0].stop == ([] if wire == "openai-responses" else ["three"])


def test_anthropic_reports_stop_sequence(server: VendorServer) -> None:
    body = {"model": "m", "max_tokens": 20, "stop_sequences": ["!"], "messages": [{"role": "user", "content": "Hi!"}]}
    with httpx.Client(headers=ANTHROPIC_HEADERS) as client:
        answer = client.post(server.base_url("anthropic") + "/messages", json=body).json()
    assert answer["stop_reason"] == "stop_sequence"
    assert answer["content"] == [{"type": "text", "text": "Hi"}]


# --- the conforming responder ----------------------------------------------------------------------------


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_conforming_responder_calls_the_forced_tool(server: VendorServer, wire: str) -> None:
    server.responder = conforming_responder
    calls: list[dict[str, Any]] = []

    def record(city: str, days: int) -> str:
        """Record a forecast request."""
        calls.append({"city": city, "days": days})
        return "noted"

    result = generate_text(
        model=server.language_model(wire),
        prompt="Use the tool.",
        tools={"get_weather": tool(get_weather), "record": tool(record)},
        tool_choice={"type": "tool", "tool_name": "record"},
        stop_when=step_count_is(2),
    )
    assert calls == [{"city": "example", "days": 1}]
    assert result.text == "noted"


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_conforming_responder_answers_json_requests(server: VendorServer, wire: str) -> None:
    server.responder = conforming_responder
    result = generate_object(model=server.language_model(wire), schema=CITY_SCHEMA, prompt="A city")
    assert result.object == {"city": "example", "population": 1}


def test_example_for_schema_follows_refs_enums_and_unions() -> None:
    schema = {
        "type": "object",
        "properties": {
            "kind": {"enum": ["b", "a"]},
            "size": {"anyOf": [{"type": "null"}, {"type": "number", "minimum": 3}]},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "owner": {"$ref": "#/$defs/Person"},
        },
        "$defs": {"Person": {"type": "object", "properties": {"name": {"type": "string"}, "ok": {"type": "boolean"}}}},
    }
    assert example_for_schema(schema) == {
        "kind": "b",
        "size": 3.0,
        "tags": ["example", "example"],
        "owner": {"name": "example", "ok": True},
    }


# --- errors ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_vendor_error_status(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(status=400)
    with pytest.raises(APICallError) as caught:
        generate_text(model=server.language_model(wire), prompt="bad", max_retries=0)
    assert caught.value.status_code == 400
    assert "Scripted error 400" in str(caught.value)


@pytest.mark.parametrize("wire", WIRE_FORMATS)
def test_rate_limit_is_retried(server: VendorServer, wire: str) -> None:
    server.responder = reply_sequence(ScriptedReply(status=429), ScriptedReply(text="second try"))
    result = generate_text(model=server.language_model(wire), prompt="retry", max_retries=1)
    assert result.text == "second try"
    assert len(server.requests) == 2


def test_custom_error_body_is_sent_verbatim(server: VendorServer) -> None:
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded right now"}}
    server.responder = lambda request: ScriptedReply(status=529, error_body=body)
    with pytest.raises(APICallError) as caught:
        generate_text(model=server.language_model("anthropic"), prompt="x", max_retries=0)
    assert caught.value.status_code == 529
    assert "Overloaded right now" in str(caught.value)


def test_responder_failure_answers_500_and_is_kept(server: VendorServer) -> None:
    server.responder = reply_sequence(ScriptedReply(text="only one"))
    generate_text(model=server.language_model("openai-chat"), prompt="first")
    with pytest.raises(APICallError) as caught:
        generate_text(model=server.language_model("openai-chat"), prompt="second", max_retries=0)
    assert caught.value.status_code == 500
    assert "ran out of replies" in str(caught.value)
    assert isinstance(server.errors[0], LookupError)


@pytest.mark.parametrize(
    ("path", "headers", "body", "status"),
    [
        ("/openai/v1/chat/completions", {}, {"model": "m", "messages": [{"role": "user", "content": "x"}]}, 401),
        ("/openai/v1/chat/completions", {"authorization": "Bearer k"}, {"model": "m", "messages": []}, 400),
        ("/openai/v1/responses", {"authorization": "Bearer k"}, {"input": "x"}, 400),
        ("/anthropic/v1/messages", {"x-api-key": "k"}, {"model": "m", "max_tokens": 1, "messages": []}, 400),
        ("/anthropic/v1/messages", ANTHROPIC_HEADERS, {"model": "m", "messages": [{"role": "user"}]}, 400),
        ("/google/v1beta/models/g:generateContent", {}, {"contents": [{"parts": [{"text": "x"}]}]}, 403),
        ("/google/v1beta/models/g:generateContent", {"x-goog-api-key": "k"}, {"contents": []}, 400),
        ("/openai/v1/embeddings", {}, {"model": "m", "input": ["x"]}, 401),
        ("/openai/v1/embeddings", {"authorization": "Bearer k"}, {"model": "m", "input": []}, 400),
        ("/google/v1beta/models/e:batchEmbedContents", {"x-goog-api-key": "k"}, {"requests": []}, 400),
    ],
)
def test_requests_a_vendor_would_refuse(
    server: VendorServer, path: str, headers: dict[str, str], body: dict[str, Any], status: int
) -> None:
    with httpx.Client(headers=headers) as client:
        answer = client.post(server.url + path, json=body)
    assert answer.status_code == status
    assert "error" in answer.json()
    assert server.requests == []


def test_broken_script_answers_500_before_the_stream_starts(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text="not json")  # the forced json tool needs JSON
    model = server.language_model("anthropic", "claude-3-5-haiku-latest")
    with pytest.raises(APICallError) as caught:
        generate_object(model=model, schema=CITY_SCHEMA, prompt="x", max_retries=0)
    assert caught.value.status_code == 500
    assert "must be JSON" in str(caught.value)
    assert len(server.errors) == 1


def test_malformed_body_is_refused(server: VendorServer) -> None:
    with httpx.Client(headers={"authorization": "Bearer k"}) as client:
        answer = client.post(server.base_url("openai-chat") + "/chat/completions", json={"model": "m", "messages": [7]})
    assert answer.status_code == 400
    assert "Malformed request" in answer.json()["error"]["message"]
    assert server.rejections and server.requests == []


def test_unknown_route_and_bad_json(server: VendorServer) -> None:
    with httpx.Client(headers=ANTHROPIC_HEADERS) as client:
        missing = client.post(server.url + "/nowhere", json={})
        broken = client.post(server.base_url("anthropic") + "/messages", content=b"{not json")
    assert missing.status_code == 404
    assert broken.status_code == 400
    assert broken.json()["error"]["type"] == "invalid_request_error"


# --- Responses API state ---------------------------------------------------------------------------------


def test_responses_previous_response_id_is_resolved(server: VendorServer) -> None:
    url = server.base_url("openai-responses") + "/responses"
    with httpx.Client(headers={"authorization": "Bearer test"}) as client:
        first = client.post(url, json={"model": "gpt-4.1-mini", "input": "My name is Ada."}).json()
        client.post(url, json={"model": "gpt-4.1-mini", "input": "Who am I?", "previous_response_id": first["id"]})
    history = server.requests[1].messages
    assert [(message["role"], message["text"]) for message in history] == [
        ("user", "My name is Ada."),
        ("assistant", "My name is Ada."),
        ("user", "Who am I?"),
    ]


# --- embeddings ------------------------------------------------------------------------------------------


def _cosine(left: list[float], right: list[float]) -> float:
    return sum(a * b for a, b in zip(left, right, strict=True))


def test_embeddings_are_deterministic_and_word_based(server: VendorServer) -> None:
    texts = ["The cat sat on the mat", "A cat on a mat", "Quarterly revenue grew strongly"]
    result = embed_many(model=server.embedding_model(dimensions=32), values=texts)
    vectors = [list(vector) for vector in result.embeddings]
    assert all(len(vector) == 32 for vector in vectors)
    assert all(math.isclose(math.sqrt(_cosine(vector, vector)), 1.0) for vector in vectors)
    assert _cosine(vectors[0], vectors[1]) > _cosine(vectors[0], vectors[2])
    assert vectors[0] == embed_text("the CAT sat on the mat", 32)
    assert result.usage.tokens is not None and result.usage.tokens > 0
    assert server.embedding_requests[0]["input"] == texts


def test_embeddings_honour_requested_dimensions(server: VendorServer) -> None:
    result = embed_many(
        model=server.embedding_model(),
        values=["alpha"],
        provider_options={"openai": {"dimensions": 8}},
    )
    assert len(result.embeddings[0]) == 8
    assert server.embedding_requests[0]["dimensions"] == 8


def test_google_embeddings(server: VendorServer) -> None:
    model = server.embedding_model(24, vendor="google")
    result = embed_many(model=model, values=["red apple", "green apple"])
    assert [len(vector) for vector in result.embeddings] == [24, 24]
    assert list(result.embeddings[0]) == embed_text("red apple", 24)
    resized = embed_many(model=model, values=["pear"], provider_options={"google": {"outputDimensionality": 4}})
    assert len(resized.embeddings[0]) == 4


@pytest.mark.anyio
async def test_embeddings_async() -> None:
    async with VendorServer() as server:
        result = await aembed_many(model=server.embedding_model(16), values=["x y", "y z"])
    assert [len(vector) for vector in result.embeddings] == [16, 16]


# --- transport -------------------------------------------------------------------------------------------


def test_malformed_tool_arguments_are_kept_as_text(server: VendorServer) -> None:
    history = {
        "model": "m",
        "messages": [
            {"role": "user", "content": "x"},
            {"role": "assistant", "tool_calls": [{"id": "c1", "function": {"name": "f", "arguments": "{oops"}}]},
            {"role": "tool", "tool_call_id": "c1", "content": "done"},
        ],
    }
    with httpx.Client(headers={"authorization": "Bearer k"}) as client:
        assert client.post(server.base_url("openai-chat") + "/chat/completions", json=history).status_code == 200
    assistant, tool_turn = server.requests[0].messages[1:]
    assert assistant["tool_calls"] == [{"id": "c1", "name": "f", "arguments": "{oops"}]
    assert tool_turn["tool_results"] == [{"id": "c1", "name": "f", "content": "done"}]


def test_keep_alive_reuses_one_connection(server: VendorServer) -> None:
    model = server.language_model("openai-chat")
    for prompt in ("one", "two", "three"):
        generate_text(model=model, prompt=prompt)
    list(stream_text(model=model, prompt="four").text_stream)
    assert len(server.requests) == 4
    assert server.connections_accepted == 1


def test_chunked_request_bodies_are_read(server: VendorServer) -> None:
    body = json.dumps({"model": "m", "max_tokens": 9, "messages": [{"role": "user", "content": "chunked hello"}]})
    pieces = iter([body[:10].encode(), body[10:].encode()])
    with httpx.Client(headers=ANTHROPIC_HEADERS) as client:
        answer = client.post(server.base_url("anthropic") + "/messages", content=pieces)
    assert answer.json()["content"] == [{"type": "text", "text": "chunked hello"}]


def test_concurrent_threads_and_successive_event_loops(server: VendorServer) -> None:
    model = server.language_model("openai-responses")
    with ThreadPoolExecutor(max_workers=6) as pool:
        texts = list(pool.map(lambda number: generate_text(model=model, prompt=f"n{number}").text, range(18)))
    assert texts == [f"n{number}" for number in range(18)]

    async def one_loop(number: int) -> str:
        return (await agenerate_text(model=model, prompt=f"loop {number}")).text

    # One model serves event loop after event loop, as pytest gives each async test its own.
    assert [asyncio.run(one_loop(number)) for number in range(3)] == ["loop 0", "loop 1", "loop 2"]
    assert len(server.requests) == 21


def test_events_are_flushed_one_at_a_time() -> None:
    """The second event is only produced after the client has read the first: a buffered server would hang
    here until the generator's wait ran out, and the test would see ``released`` false."""
    released = threading.Event()
    outcome: dict[str, bool] = {}

    def events() -> Iterator[str]:
        yield "data: first\n\n"
        outcome["released"] = released.wait(timeout=10)
        yield "data: second\n\n"

    server = LoopbackServer(lambda path, headers, body: HttpReply(200, events=events()))
    try:
        with httpx.Client() as client, client.stream("POST", f"http://127.0.0.1:{server.port}/", json={}) as response:
            lines = response.iter_lines()
            assert next(lines) == "data: first"
            released.set()
            assert [line for line in lines if line] == ["data: second"]
    finally:
        server.close()
    assert outcome["released"] is True


def test_close_ends_every_thread() -> None:
    before = {thread.name for thread in threading.enumerate()}
    server = VendorServer()
    generate_text(model=server.language_model("google"), prompt="hi")
    idle = httpx.Client(headers=ANTHROPIC_HEADERS)
    body = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    assert idle.post(server.base_url("anthropic") + "/messages", json=body).status_code == 200  # left open
    server.close()
    idle.close()
    lingering = [thread.name for thread in threading.enumerate() if thread.name.startswith("vendor-server")]
    assert lingering == [name for name in before if name.startswith("vendor-server")]
    server.close()  # idempotent
