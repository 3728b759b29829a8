"""The chat router through Starlette's TestClient (which streams: each body message reaches the caller as it is
sent, unlike httpx.ASGITransport, which buffers whole responses)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ai_sdk_core import ChatRequest, step_count_is, tool
from ai_sdk_core.testing import MockLanguageModel, mock_usage, text_stream_parts, tool_call_stream_parts
from fastapi_ai_sdk import (
    AISDKSettings,
    ChatFinish,
    ChatRequestBody,
    ai_sdk_lifespan,
    create_chat_router,
)
from fastapi_ai_sdk.testing import (
    chat_request_body,
    iter_ui_message_chunks,
    override_models,
    read_ui_message,
)

from .helpers import GatedModel

SETTINGS = AISDKSettings(models={"default": {"model": "mock:unused"}, "fast": {"model": "mock:unused"}})


def _app(**router_arguments: Any) -> FastAPI:
    # The aliases point at a provider that is never resolved: the tests override them with mock models.
    app = FastAPI(lifespan=ai_sdk_lifespan(SETTINGS, providers={"mock": _UnusedProvider()}))
    app.include_router(create_chat_router(**router_arguments))
    return app


class _UnusedProvider:
    def language_model(self, model_id: str) -> MockLanguageModel:
        return MockLanguageModel(do_stream=AssertionError("the real alias must not be called in these tests"))


@pytest.fixture
def finished() -> list[ChatFinish]:
    return []


@pytest.fixture
def app(finished: list[ChatFinish]) -> FastAPI:
    return _app(on_finish=finished.append, instructions="Be brief.")


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def test_the_answer_streams_chunk_by_chunk_before_the_model_finishes(app: FastAPI, client: TestClient) -> None:
    gated = GatedModel(["Hello", " world"])
    with (
        override_models(app, {"default": gated.model}),
        client.stream("POST", "/api/chat", json=chat_request_body("Hi")) as response,
    ):
        assert response.status_code == 200
        chunks = iter_ui_message_chunks(response)
        seen: list[dict[str, Any]] = []
        for chunk in chunks:
            seen.append(chunk)
            if chunk["type"] == "text-delta":
                break
        # The first delta reached the client while the model is still paused before the second one.
        assert seen[-1]["delta"] == "Hello"
        assert gated.first_delta_sent.is_set() and not gated.completed.is_set()
        gated.gate.set()
        rest = list(chunks)
    assert gated.completed.is_set()
    assert [chunk["delta"] for chunk in rest if chunk["type"] == "text-delta"] == [" world"]
    assert rest[-1]["type"] == "finish"


def test_headers_and_the_assembled_message(app: FastAPI, client: TestClient, finished: list[ChatFinish]) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("Hi", " there"))
    with (
        override_models(app, {"default": mock}),
        client.stream("POST", "/api/chat", json=chat_request_body("Hello", chat_id="c-7")) as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-vercel-ai-ui-message-stream"] == "v1"
        assert response.headers["cache-control"] == "no-cache"
        assert "connection" not in response.headers
        message = read_ui_message(response)
    assert message.role == "assistant"
    assert len(message.id) == 16  # named by the server, so that the stored message has the id the browser shows
    assert "".join(getattr(part, "text", "") for part in message.parts) == "Hi there"
    # The model got the instructions and the converted user message.
    prompt = mock.calls[0].prompt
    assert prompt[0].role == "system" and "Be brief." in str(prompt[0].content)
    assert prompt[-1].role == "user"
    # on_finish ran once with the whole conversation, the chat id and the alias.
    [finish] = finished
    assert finish.chat_id == "c-7" and finish.alias == "default" and not finish.is_aborted
    assert [item.role for item in finish.messages] == ["user", "assistant"]
    assert finish.response_message.id == message.id


def test_the_browser_picks_a_configured_alias(app: FastAPI, client: TestClient) -> None:
    default = MockLanguageModel(do_stream=text_stream_parts("from default"))
    fast = MockLanguageModel(do_stream=text_stream_parts("from fast"))
    with override_models(app, {"default": default, "fast": fast}):
        response = client.post("/api/chat", json=chat_request_body("Hi", model="fast"))
    assert response.status_code == 200
    assert "from fast" in response.text
    assert len(fast.calls) == 1 and default.calls == []


@pytest.mark.parametrize("requested", ["unknown", "openai:gpt-4o-mini", "mock:unused", 42])
def test_an_alias_that_is_not_configured_is_a_400_without_a_model_call(
    app: FastAPI, client: TestClient, requested: Any
) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    body = chat_request_body("Hi")
    body["model"] = requested
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", json=body)
    assert response.status_code == 400
    assert "alias" in response.json()["detail"]
    assert mock.calls == []


def test_the_router_limits_the_aliases_a_browser_may_pick(finished: list[ChatFinish]) -> None:
    app = _app(model_aliases=["default"])
    fast = MockLanguageModel(do_stream=text_stream_parts("fast"))
    with override_models(app, {"default": MockLanguageModel(), "fast": fast}), TestClient(app) as client:
        response = client.post("/api/chat", json=chat_request_body("Hi", model="fast"))
    assert response.status_code == 400
    assert fast.calls == []


@pytest.mark.parametrize(
    "body",
    [
        {"id": "c", "trigger": "submit-message"},  # no messages
        {"messages": "not a list"},
        {"messages": [{"id": "m", "role": "wizard", "parts": []}]},
        {"messages": [{"role": "user", "parts": [{"type": "text", "text": "no id"}]}]},
        {"messages": [{"id": "m", "role": "user"}]},  # no parts
        {"messages": [{"id": "m", "role": "user", "parts": [{"type": "text"}]}]},  # a text part without text
    ],
)
def test_wrong_shapes_get_fastapis_422_without_a_model_call(app: FastAPI, client: TestClient, body: Any) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, list) and all({"loc", "msg", "type"} <= set(error) for error in detail)
    assert mock.calls == []


def test_invalid_json_is_a_422(app: FastAPI, client: TestClient) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert mock.calls == []


def test_no_messages_is_a_400(app: FastAPI, client: TestClient) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", json={"id": "c", "messages": []})
    assert response.status_code == 400
    assert mock.calls == []


def test_unknown_fields_and_part_types_are_tolerated(app: FastAPI, client: TestClient) -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("ok"))
    body = chat_request_body("Hi", futureField={"x": 1})
    body["messages"][0]["parts"].append({"type": "some-future-part", "value": 1})
    body["messages"][0]["futureKey"] = True
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", json=body)
    assert response.status_code == 200
    assert len(mock.calls) == 1


def test_a_body_above_the_limit_is_a_413_before_parsing() -> None:
    app = _app(max_request_bytes=200)
    mock = MockLanguageModel(do_stream=text_stream_parts("never"))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        big = chat_request_body("x" * 500)
        assert client.post("/api/chat", json=big).status_code == 413
        # Declared too large: refused even though the bytes sent are not JSON at all (never parsed).
        response = client.post("/api/chat", content=b"{" * 300, headers={"content-type": "application/json"})
        assert response.status_code == 413
        # No Content-Length (chunked upload): counted while reading.
        response = client.post(
            "/api/chat", content=iter([b"[" * 150, b"[" * 150]), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert client.post("/api/chat", json=chat_request_body("ok")).status_code == 200
    assert len(mock.calls) == 1


def test_the_limit_comes_from_the_settings_by_default() -> None:
    settings = AISDKSettings(models={"default": {"model": "mock:unused"}}, max_request_bytes=100)
    app = FastAPI(lifespan=ai_sdk_lifespan(settings, providers={"mock": _UnusedProvider()}))
    app.include_router(create_chat_router())
    with override_models(app, {"default": MockLanguageModel()}), TestClient(app) as client:
        assert client.post("/api/chat", json=chat_request_body("y" * 200)).status_code == 413


def test_the_router_sends_keep_alive_comments_while_the_model_is_silent() -> None:
    app = _app(keep_alive_interval=0.01)
    gated = GatedModel(["Hello", " world"])
    with (
        override_models(app, {"default": gated.model}),
        TestClient(app) as client,
        client.stream("POST", "/api/chat", json=chat_request_body("Hi")) as response,
    ):
        lines = response.iter_lines()
        assert next(lines) == ": stream-open"
        # The model is paused after its first delta: comments arrive meanwhile, then the rest of the answer.
        seen_delta = False
        for line in lines:
            seen_delta = seen_delta or '"type":"text-delta"' in line
            if seen_delta and line == ": keep-alive":
                break
        assert not gated.completed.is_set()
        gated.gate.set()
        rest = [line for line in lines if line.startswith("data: ")]
    assert rest[-1] == "data: [DONE]" and any('"delta":" world"' in line for line in rest)


def test_the_resume_endpoint_answers_204(client: TestClient) -> None:
    response = client.get("/api/chat/chat-1/stream")
    assert response.status_code == 204
    assert response.content == b""


def test_protocol_version_5_drops_chunks_that_clients_of_major_5_reject() -> None:
    app = _app(protocol_version=5)
    mock = MockLanguageModel(do_stream=text_stream_parts("hi"))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        response = client.post("/api/chat", json=chat_request_body("Hi"))
    assert response.status_code == 200
    assert "text-delta" in response.text


def test_a_fixed_model_object_ignores_the_body_alias() -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("fixed"))
    app = _app(model=mock)
    with TestClient(app) as client:
        response = client.post("/api/chat", json=chat_request_body("Hi", model="anything"))
    assert response.status_code == 200
    assert "fixed" in response.text


def test_a_router_with_a_fixed_model_object_needs_no_sdk_lifespan() -> None:
    mock = MockLanguageModel(do_stream=text_stream_parts("no lifespan"))
    app = FastAPI()
    app.include_router(create_chat_router(model=mock))
    with TestClient(app) as client:
        response = client.post("/api/chat", json=chat_request_body("Hi"))
    assert response.status_code == 200 and "no lifespan" in response.text


def test_a_model_error_becomes_an_error_chunk_with_a_masked_text(app: FastAPI, client: TestClient) -> None:
    mock = MockLanguageModel(do_stream=[RuntimeError("secret upstream detail")])
    with override_models(app, {"default": mock}):
        response = client.post("/api/chat", json=chat_request_body("Hi"))
    assert response.status_code == 200
    events = [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: {")]
    errors = [event for event in events if event["type"] == "error"]
    assert errors and "secret upstream detail" not in response.text


def test_the_openapi_schema_documents_the_chat_body_and_the_event_stream(app: FastAPI) -> None:
    schema = app.openapi()
    operation = schema["paths"]["/api/chat"]["post"]
    body_content = operation["requestBody"]["content"]["application/json"]
    assert operation["requestBody"]["required"] is True
    assert body_content["schema"]["$ref"] == "#/components/schemas/ChatRouterPostBody"
    assert "useChat" in body_content["schema"]["description"]
    example = body_content["examples"]["submit"]["value"]
    assert example["messages"][0]["role"] == "user" and example["model"] == "default"
    components = schema["components"]["schemas"]
    body = components["ChatRouterPostBody"]
    # The wire shape: the standard fields, `model`, and any field the page adds (no `body` key on the wire).
    assert set(body["properties"]) == {"id", "messages", "trigger", "messageId", "model"}
    assert body["required"] == ["messages"] and body["additionalProperties"] is True
    assert body["properties"]["model"]["type"] == "string" and "alias" in body["properties"]["model"]["description"]
    assert "regenerate-message" in body["properties"]["trigger"]["description"]
    assert body["properties"]["messages"]["items"]["$ref"] == "#/components/schemas/UIMessage"
    message = components["UIMessage"]
    assert message["properties"]["role"]["enum"] == ["system", "user", "assistant"]
    part_refs = {variant["$ref"] for variant in message["properties"]["parts"]["items"]["oneOf"]}
    assert {"#/components/schemas/TextUIPart", "#/components/schemas/ToolUIPart"} <= part_refs
    assert "text/event-stream" in operation["responses"]["200"]["content"]
    assert {"400", "413", "422"} <= set(operation["responses"])
    assert operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/HTTPValidationError"
    )
    resume = schema["paths"]["/api/chat/{chat_id}/stream"]["get"]
    assert "204" in resume["responses"] and "content" not in resume["responses"]["204"]


def test_chat_request_body_in_an_endpoint_of_ones_own_documents_the_wire_shape() -> None:
    app = FastAPI()

    @app.post("/my-chat")
    async def my_chat(body: ChatRequestBody) -> dict[str, Any]:
        return {"extra": body.body, "messages": len(body.messages), "is_chat_request": isinstance(body, ChatRequest)}

    schema = app.openapi()
    reference = schema["paths"]["/my-chat"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert set(body["properties"]) == {"id", "messages", "trigger", "messageId"}
    assert body["additionalProperties"] is True
    with TestClient(app) as client:
        response = client.post("/my-chat", json=chat_request_body("Hi", tenant="acme"))
    assert response.json() == {"extra": {"tenant": "acme"}, "messages": 1, "is_chat_request": True}


def test_tools_run_between_steps_and_their_results_stream_to_the_client() -> None:
    def weather(city: str) -> str:
        """The weather in a city."""
        return f"Sunny in {city}"

    app = _app(tools={"weather": tool(weather)}, stream_options={"stop_when": step_count_is(2)})
    mock = MockLanguageModel(
        do_stream=[tool_call_stream_parts(("call-1", "weather", {"city": "Paris"})), text_stream_parts("It is sunny.")]
    )
    with (
        override_models(app, {"default": mock}),
        TestClient(app) as client,
        client.stream("POST", "/api/chat", json=chat_request_body("Weather in Paris?")) as response,
    ):
        chunks = list(iter_ui_message_chunks(response))
    [output] = [chunk for chunk in chunks if chunk["type"] == "tool-output-available"]
    assert output["toolCallId"] == "call-1" and output["output"] == "Sunny in Paris"
    assert [chunk["delta"] for chunk in chunks if chunk["type"] == "text-delta"] == ["It is sunny."]
    assert mock.calls[0].tools and mock.calls[0].tools[0].name == "weather"
    assert len(mock.calls) == 2  # the second step saw the tool result


def test_a_failing_on_finish_is_logged_and_the_app_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    def broken_save(finish: ChatFinish) -> None:
        raise RuntimeError("database is down")

    app = _app(on_finish=broken_save)
    mock = MockLanguageModel(do_stream=[text_stream_parts("one"), text_stream_parts("two")])
    with override_models(app, {"default": mock}), TestClient(app) as client:
        first = client.post("/api/chat", json=chat_request_body("Hi"))
        second = client.post("/api/chat", json=chat_request_body("Hi again"))
    assert first.status_code == second.status_code == 200
    assert "one" in first.text and "two" in second.text
    assert "on_finish failed" in caplog.text and "database is down" in caplog.text


def test_a_failure_outside_the_model_ends_the_stream_with_a_masked_error(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[Any] = []

    def broken_metadata(part: Any) -> Any:
        calls.append(part)
        if len(calls) == 1:
            raise RuntimeError("metadata bug with a secret")
        return None

    app = _app(message_metadata=broken_metadata)
    mock = MockLanguageModel(do_stream=text_stream_parts("fine"))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        first = client.post("/api/chat", json=chat_request_body("Hi"))
        assert first.status_code == 200
        assert 'data: {"type":"error","errorText":"An error occurred."}' in first.text
        assert "secret" not in first.text and first.text.endswith("data: [DONE]\n\n")
        # The app's task group survived: the next chat is answered.
        second = client.post("/api/chat", json=chat_request_body("Again"))
        assert '"type":"error"' not in second.text and '"type":"text-delta"' in second.text
    assert "chat generation failed" in caplog.text


def _async_stream(parts: list[Any]) -> Any:
    """``do_stream`` as a callable returning an async generator of parts (a model written async)."""

    async def stream() -> AsyncIterator[Any]:
        for part in parts:
            yield part

    return lambda options: stream()


@pytest.mark.parametrize("stream", [list, _async_stream], ids=["mock-stream", "async-generator"])
@pytest.mark.parametrize("async_on_finish", [False, True], ids=["sync-on-finish", "async-on-finish"])
def test_on_finish_gets_the_total_usage_of_the_turn(stream: Any, async_on_finish: bool) -> None:
    finished: list[ChatFinish] = []

    async def save(finish: ChatFinish) -> None:
        finished.append(finish)

    app = _app(on_finish=save if async_on_finish else finished.append)
    mock = MockLanguageModel(do_stream=stream(text_stream_parts("Hi", usage=mock_usage(5, 7))))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        assert client.post("/api/chat", json=chat_request_body("Hello")).status_code == 200
    [finish] = finished
    assert not finish.is_aborted
    assert finish.usage is not None
    assert (finish.usage.input_tokens, finish.usage.output_tokens, finish.usage.total_tokens) == (5, 7, 12)


def test_the_usage_of_a_turn_sums_its_steps(finished: list[ChatFinish]) -> None:
    def weather(city: str) -> str:
        """The weather in a city."""
        return f"Sunny in {city}"

    app = _app(
        on_finish=finished.append, tools={"weather": tool(weather)}, stream_options={"stop_when": step_count_is(2)}
    )
    mock = MockLanguageModel(
        do_stream=[
            tool_call_stream_parts(("call-1", "weather", {"city": "Paris"}), usage=mock_usage(20, 4)),
            text_stream_parts("It is sunny.", usage=mock_usage(30, 6)),
        ]
    )
    with override_models(app, {"default": mock}), TestClient(app) as client:
        assert client.post("/api/chat", json=chat_request_body("Weather in Paris?")).status_code == 200
    [finish] = finished
    assert finish.usage is not None
    assert (finish.usage.input_tokens, finish.usage.output_tokens, finish.usage.total_tokens) == (50, 10, 60)


def test_a_model_that_reports_no_usage_gives_none_not_zeros(finished: list[ChatFinish]) -> None:
    app = _app(on_finish=finished.append)
    mock = MockLanguageModel(do_stream=text_stream_parts("Hi", usage=mock_usage(None, None)))
    with override_models(app, {"default": mock}), TestClient(app) as client:
        assert client.post("/api/chat", json=chat_request_body("Hello")).status_code == 200
    [finish] = finished
    assert not finish.is_aborted and finish.usage is None


@pytest.mark.parametrize("protocol_version", [7, 6])
def test_on_finish_stores_the_message_as_the_clients_major_assembles_it(protocol_version: int) -> None:
    # A call of a tool that is not offered: a 7.x client keeps the call's input on the failed part, a 6.x client
    # keeps it as rawInput. What on_finish stores must be what that browser shows.
    def weather(city: str) -> str:
        return f"Sunny in {city}"

    finished: list[ChatFinish] = []
    app = _app(
        tools={"weather": tool(weather)},
        stream_options={"stop_when": step_count_is(2)},
        protocol_version=protocol_version,
        on_finish=finished.append,
    )
    mock = MockLanguageModel(
        do_stream=[tool_call_stream_parts(("call-1", "horoscope", {"sign": "leo"})), text_stream_parts("No.")]
    )
    with (
        override_models(app, {"default": mock}),
        TestClient(app) as client,
        client.stream("POST", "/api/chat", json=chat_request_body("Horoscope?")) as response,
    ):
        chunks = list(iter_ui_message_chunks(response))
    assert any(chunk["type"] == "tool-input-error" for chunk in chunks)
    [finish] = finished
    [failed] = [part for part in finish.response_message.to_dict()["parts"] if part.get("toolCallId") == "call-1"]
    assert failed["state"] == "output-error"
    if protocol_version == 7:
        assert failed["input"] == {"sign": "leo"} and "rawInput" not in failed
    else:
        assert failed["rawInput"] == {"sign": "leo"} and "input" not in failed
