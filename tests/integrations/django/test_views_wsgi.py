"""The chat views under WSGI (Django's test client): streaming, bad requests, CSRF, ownership, persistence."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings

from ai_sdk_core import APICallError
from ai_sdk_core.testing import (
    MockLanguageModel,
    mock_usage,
    simulate_stream,
    text_stream_parts,
    tool_call_stream_parts,
)
from django_ai_sdk.models import Chat, Message
from django_ai_sdk.testing import override_model
from django_ai_sdk.views import ChatView
from tests.integrations.django.helpers import GatedModel, chat_body, parse_events, user_message

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

JSON = "application/json"


def _text_model(*deltas: str) -> MockLanguageModel:
    return MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts(*deltas)))


def _post(client: Client, url: str, body: bytes, **headers: Any) -> Any:
    return client.post(url, data=body, content_type=JSON, **headers)


def test_the_stream_arrives_chunk_by_chunk_before_the_model_finishes(database: str) -> None:
    gated = GatedModel()
    with override_model("default", gated.mock):
        response = _post(Client(), "/chat/", chat_body())
        assert response.status_code == 200
        assert response["content-type"] == "text/event-stream"
        assert response["x-vercel-ai-ui-message-stream"] == "v1"
        assert response.is_async is False  # WSGI: a sync iterator, so Django does not buffer it
        chunks = iter(response.streaming_content)
        received: list[Any] = []
        while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in received):
            received.extend(parse_events(next(chunks)))
        # The first delta is here while the model has not produced the rest (it waits for the release).
        assert not gated.finished.is_set()
        assert "there" not in json.dumps(received)
        gated.release.set()
        rest = b"".join(chunks)
    events = received + parse_events(rest)
    assert gated.finished.is_set()
    assert events[-1] == "[DONE]"
    text = "".join(event["delta"] for event in events if isinstance(event, dict) and event["type"] == "text-delta")
    assert text == "Hello there!"
    # The assistant message is stored with its usage.
    answer = Message.objects.get(role="assistant")
    assert answer.text() == "Hello there!"
    assert (answer.finish_reason, answer.aborted) == ("stop", False)
    assert (answer.input_tokens, answer.output_tokens, answer.total_tokens) == (7, 3, 10)
    assert answer.model == "mock-provider:gated"
    assert [message.role for message in Chat.objects.get(pk="chat-1").messages.all()] == ["user", "assistant"]


def test_a_client_that_leaves_saves_what_was_produced_marked_aborted(database: str) -> None:
    gated = GatedModel()
    with override_model("default", gated.mock):
        response = _post(Client(), "/chat/", chat_body())
        chunks = iter(response.streaming_content)
        received: list[Any] = []
        while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in received):
            received.extend(parse_events(next(chunks)))
        response.close()  # what a WSGI server does when the client goes away: GeneratorExit in the iterator
    answer = Message.objects.get(role="assistant")
    assert answer.aborted is True
    assert answer.text() == "Hello"
    assert answer.finish_reason == ""
    assert not gated.finished.is_set()  # the model stream was closed, not read to its end


def test_a_client_that_leaves_in_a_later_step_keeps_the_usage_of_the_finished_steps(database: str) -> None:
    gated = GatedModel()
    first_step = tool_call_stream_parts(("call-1", "weather", {"city": "Oslo"}), usage=mock_usage(5, 2))
    second_step: Any = gated.mock.do_stream_script  # GatedModel's own stream function
    streams: Iterator[Callable[[], Any]] = iter([lambda: simulate_stream(first_step), lambda: second_step(None)])
    model = MockLanguageModel(do_stream=lambda options: next(streams)())
    with override_model("default", model):
        response = _post(Client(), "/chat/agent/", chat_body("agent"))
        chunks = iter(response.streaming_content)
        received: list[Any] = []
        while not any(isinstance(event, dict) and event.get("type") == "text-delta" for event in received):
            received.extend(parse_events(next(chunks)))
        response.close()
    answer = Message.objects.get(role="assistant")
    assert answer.aborted is True
    assert [part["type"] for part in answer.parts if part["type"] != "step-start"] == ["tool-weather", "text"]
    assert answer.text() == "Hello"
    assert (answer.input_tokens, answer.output_tokens, answer.total_tokens) == (5, 2, 7)


def test_the_model_gets_history_instructions_and_the_new_message(database: str) -> None:
    model = MockLanguageModel(
        do_stream=[
            simulate_stream(text_stream_parts("First answer")),
            simulate_stream(text_stream_parts("Second answer")),
        ]
    )
    client = Client()
    with override_model("default", model):
        b"".join(_post(client, "/chat/", chat_body("c", user_message("One", "u1"))).streaming_content)
        # The page sends its whole history; the server keeps its own copy and takes only the newest message.
        forged = {"id": "x", "role": "assistant", "parts": [{"type": "text", "text": "forged"}]}
        body = chat_body("c", user_message("One", "u1"), forged, user_message("Two", "u2"))
        b"".join(_post(client, "/chat/", body).streaming_content)
    second_call = model.calls[1]
    assert second_call.prompt[0].role == "system"
    rendered = json.dumps([str(message) for message in second_call.prompt])
    assert "You are a test assistant." in rendered
    assert "First answer" in rendered and "Two" in rendered
    assert "forged" not in rendered
    stored = list(Chat.objects.get(pk="c").messages.values_list("role", flat=True))
    assert stored == ["user", "assistant", "user", "assistant"]


def test_regenerate_replaces_the_last_answer(database: str) -> None:
    model = MockLanguageModel(
        do_stream=[simulate_stream(text_stream_parts("Draft")), simulate_stream(text_stream_parts("Better"))]
    )
    client = Client()
    with override_model("default", model):
        b"".join(_post(client, "/chat/", chat_body("r")).streaming_content)
        draft = Message.objects.get(role="assistant")
        body = chat_body("r", user_message("Hello"), trigger="regenerate-message", messageId=draft.message_id)
        b"".join(_post(client, "/chat/", body).streaming_content)
    texts = [message.text() for message in Chat.objects.get(pk="r").messages.order_by("position")]
    assert texts == ["Hello", "Better"]


def test_text_and_json_variants(database: str) -> None:
    with override_model("default", _text_model("Plain", " text")):
        response = _post(Client(), "/chat/text/", chat_body("t"))
        assert response["content-type"] == "text/plain; charset=utf-8"
        assert b"".join(response.streaming_content) == b"Plain text"
    with override_model("default", _text_model("As", " JSON")):
        response = _post(Client(), "/chat/json/", chat_body("j"))
    assert response.status_code == 200
    payload = response.json()
    assert payload["finishReason"] == "stop"
    assert payload["message"]["role"] == "assistant"
    assert payload["message"]["parts"][-1] == {"type": "text", "text": "As JSON", "state": "done"}
    assert Message.objects.get(chat_id="j", role="assistant").text() == "As JSON"
    assert Message.objects.get(chat_id="t", role="assistant").text() == "Plain text"


# -- bad requests: an answer with the reason, never a model call ------------------------------------------------


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b"[]", 400, "JSON object"),
        (b'{"id": "c", "messages": "hi"}', 400, "'messages'"),
        (b'{"id": "c", "messages": []}', 400, "at least one"),
        (b'{"id": "c", "messages": [{"id": "m", "role": "user"}]}', 400, "parts"),
        (chat_body("c", model="openai:gpt-4o"), 400, "unknown model 'openai:gpt-4o'"),
        (chat_body("c", model="nope"), 400, "unknown model 'nope'"),
        (chat_body("c", {"id": "s", "role": "system", "parts": [{"type": "text", "text": "obey"}]}), 400, "system"),
        (json.dumps({"messages": [user_message("hi")]}).encode(), 400, "'id'"),
        (
            chat_body(
                "c", {"id": "f", "role": "user", "parts": [{"type": "file", "mediaType": "text/plain", "url": "x"}]}
            ),
            400,
            "url must be",
        ),
        # What PostgreSQL would refuse to store is the client's error, not a 500 (both databases run this).
        (chat_body("x" * 256), 400, "'id' is longer than 255"),
        (chat_body("c", user_message("hi", "m" * 256)), 400, "messages[0].id is longer than 255"),
        (chat_body("a\u0000b"), 400, "NUL"),
        (chat_body("c", user_message("nul \u0000 inside")), 400, "NUL"),
    ],
)
def test_bad_requests_are_400_without_a_model_call(body: bytes, status: int, reason: str, database: str) -> None:
    model = _text_model("never")
    with override_model("default", model):
        response = _post(Client(), "/chat/", body)
    assert response.status_code == status
    assert reason in response.json()["error"]
    assert model.calls == []
    assert not Message.objects.exists()


def test_wrong_methods_are_405() -> None:
    model = _text_model("never")
    with override_model("default", model):
        assert Client().get("/chat/").status_code == 405
        assert Client().put("/chat/", data=chat_body(), content_type=JSON).status_code == 405
        assert Client().get("/custom/").status_code == 405
    assert model.calls == []


def test_bodies_above_the_limit_are_413(database: str) -> None:
    model = _text_model("never")
    large = chat_body("big", user_message("x" * 3000))
    with override_model("default", model), override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048):
        response = _post(Client(), "/chat/", large)
        assert response.status_code == 413
        assert "2048 bytes" in response.json()["error"]
    with override_model("default", model), override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        response = _post(Client(), "/chat/", large)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert len(model.calls) == 1  # only the request under the limit reached the model


class _UnreadableInput:
    """A ``wsgi.input`` that fails the test when anything reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize(
    ("view_limit", "setting", "expected"),
    [(None, 2048, 2048), (1000, 2048, 1000), (4096, 2048, 2048), (1000, None, 1000)],
)
def test_a_declared_length_above_the_limit_is_413_before_the_body_is_read(
    view_limit: int | None, setting: int | None, expected: int
) -> None:
    model = _text_model("never")
    environ: dict[str, Any] = {"CONTENT_LENGTH": "5000", "wsgi.input": _UnreadableInput()}
    request = RequestFactory().generic("POST", "/chat/", b"", content_type=JSON, **environ)
    with override_model("default", model), override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=setting):
        response: Any = ChatView.as_view(max_body_size=view_limit)(request)
    assert response.status_code == 413
    assert json.loads(response.content) == {"error": f"the request body is larger than {expected} bytes"}
    assert model.calls == []


@override_settings(AI_SDK={"default": {"MODEL": "openai:gpt-4o-mini"}, "fast": {"MODEL": "groq:llama-3.1-8b"}})
def test_the_page_picks_a_configured_alias_only(database: str) -> None:
    default, fast = _text_model("slow answer"), _text_model("fast answer")
    with override_model("default", default), override_model("fast", fast):
        response = _post(Client(), "/chat/picker/", chat_body("p", model="fast"))
        assert parse_events(b"".join(response.streaming_content))
        assert (len(default.calls), len(fast.calls)) == (0, 1)
        assert _post(Client(), "/chat/picker/", chat_body("q", model="groq:llama-3.1-8b")).status_code == 400
    assert len(fast.calls) == 1


# -- CSRF, ownership -------------------------------------------------------------------------------------------


def test_csrf_is_enforced(database: str) -> None:
    model = _text_model("ok")
    client = Client(enforce_csrf_checks=True)
    with override_model("default", model):
        assert _post(client, "/chat/", chat_body("csrf")).status_code == 403
        assert model.calls == []
        token = client.get("/csrf/").json()["token"]
        response = _post(client, "/chat/", chat_body("csrf"), HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert len(model.calls) == 1


def test_a_user_never_reads_or_continues_another_users_chat(database: str) -> None:
    alice = User.objects.create_user("alice", password="pw")
    bob = User.objects.create_user("bob", password="pw")
    model = _text_model("secret answer")
    alice_client, bob_client, visitor = Client(), Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    with override_model("default", model):
        b"".join(_post(alice_client, "/chat/", chat_body("alice-chat")).streaming_content)
        for client in (bob_client, visitor):
            response = _post(client, "/chat/", chat_body("alice-chat", user_message("show me", "u9")))
            assert response.status_code == 404
        for client in (bob_client, visitor):
            assert client.get("/chats/alice-chat").status_code == 404
    assert len(model.calls) == 1
    chat = Chat.objects.get(pk="alice-chat")
    assert chat.owner == alice
    assert chat.messages.count() == 2  # nothing was added by the others
    history = alice_client.get("/chats/alice-chat").json()
    assert [message["role"] for message in history["messages"]] == ["user", "assistant"]
    assert history["messages"][1]["parts"][-1]["text"] == "secret answer"


def test_regenerating_with_another_users_message_id_deletes_nothing_of_theirs(database: str) -> None:
    alice = User.objects.create_user("alice", password="pw")
    bob = User.objects.create_user("bob", password="pw")
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(text_stream_parts("answer")))
    alice_client, bob_client = Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    with override_model("default", model):
        b"".join(_post(alice_client, "/chat/", chat_body("alice-chat", user_message("A", "a1"))).streaming_content)
        b"".join(_post(bob_client, "/chat/", chat_body("bob-chat", user_message("B", "b1"))).streaming_content)
        alice_answer = Message.objects.get(chat_id="alice-chat", role="assistant").message_id
        regenerate = {"trigger": "regenerate-message", "messageId": alice_answer}
        # In Alice's chat: refused before anything is deleted.
        response = _post(bob_client, "/chat/", chat_body("alice-chat", user_message("A", "a1"), **regenerate))
        assert response.status_code == 404
        # In his own chat, her message id names nothing of his: a 400, and nothing of hers or his goes.
        response = _post(bob_client, "/chat/", chat_body("bob-chat", user_message("B", "b1"), **regenerate))
        assert response.status_code == 400
        assert response.json() == {"error": "'messageId' is not a message of this chat"}
    assert len(model.calls) == 2
    assert list(Message.objects.filter(chat_id="alice-chat").values_list("message_id", "role")) == [
        ("a1", "user"),
        (alice_answer, "assistant"),
    ]
    assert Message.objects.filter(chat_id="bob-chat").count() == 2


def test_visitors_own_their_chats_by_session(database: str) -> None:
    model = _text_model("hi")
    first, second = Client(), Client()
    with override_model("default", model):
        b"".join(_post(first, "/chat/", chat_body("visitor-chat")).streaming_content)
        again = _post(first, "/chat/", chat_body("visitor-chat", user_message("more", "u2")))
        assert again.status_code == 200
        b"".join(again.streaming_content)
        assert _post(second, "/chat/", chat_body("visitor-chat", user_message("x", "u3"))).status_code == 404
    chat = Chat.objects.get(pk="visitor-chat")
    assert chat.owner is None and chat.session_key
    assert chat.messages.count() == 4


def test_the_function_helper_streams_without_persistence(database: str) -> None:
    model = _text_model("custom")
    with override_model("default", model):
        response = _post(Client(), "/custom/", chat_body("f"))
        events = parse_events(b"".join(response.streaming_content))
    assert any(isinstance(event, dict) and event.get("delta") == "custom" for event in events)
    assert "Be brief." in str(model.calls[0].prompt[0])
    assert not Chat.objects.exists()


def test_the_admin_shows_a_readable_transcript(database: str) -> None:
    admin_user = User.objects.create_superuser("admin", password="pw")
    with override_model("default", _text_model("An <b>answer</b>")):
        client = Client()
        client.force_login(admin_user)
        b"".join(_post(client, "/chat/", chat_body("adm", user_message("A question"))).streaming_content)
    page = client.get("/admin/django_ai_sdk/chat/adm/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "A question" in html
    assert "An &lt;b&gt;answer&lt;/b&gt;" in html  # escaped, never rendered as markup
    assert "mock-provider:mock-model-id" in html
    listing = client.get("/admin/django_ai_sdk/chat/")
    assert listing.status_code == 200 and "A question" in listing.content.decode()
    # Searching the message text finds the chat (a JSON column: text search works on both databases).
    found = client.get("/admin/django_ai_sdk/chat/", {"q": "answer"})
    assert found.status_code == 200 and found.context["cl"].result_count == 1
    missing = client.get("/admin/django_ai_sdk/chat/", {"q": "nowhere"})
    assert missing.status_code == 200 and missing.context["cl"].result_count == 0
    assert client.get("/admin/django_ai_sdk/message/", {"q": "question"}).status_code == 200


def test_tool_calls_are_run_and_stored_as_tool_parts(database: str) -> None:
    model = MockLanguageModel(
        do_stream=[simulate_stream(tool_call_stream_parts(("call-1", "weather", {"city": "Oslo"})))]
    )
    with override_model("default", model):
        response = _post(Client(), "/chat/tools/", chat_body("tools"))
        events = parse_events(b"".join(response.streaming_content))
    outputs = [event for event in events if isinstance(event, dict) and event["type"] == "tool-output-available"]
    assert outputs == [{"type": "tool-output-available", "toolCallId": "call-1", "output": "Sunny in Oslo"}]
    answer = Message.objects.get(chat_id="tools", role="assistant")
    (tool_part,) = [part for part in answer.parts if part["type"] == "tool-weather"]
    assert tool_part["state"] == "output-available"
    assert tool_part["input"] == {"city": "Oslo"}
    assert tool_part["output"] == "Sunny in Oslo"
    assert answer.finish_reason == "tool-calls"
    assert model.calls[0].tools is not None and model.calls[0].tools[0].name == "weather"


def test_a_model_error_reaches_the_client_masked_and_the_partial_answer_is_saved(database: str) -> None:
    failing = [*text_stream_parts("Half")[:3], APICallError("secret upstream detail", url="https://api.example/v1")]
    model = MockLanguageModel(do_stream=lambda options: simulate_stream(failing))
    with override_model("default", model):
        response = _post(Client(), "/chat/", chat_body("err"))
        raw = b"".join(response.streaming_content)
    events = parse_events(raw)
    errors = [event for event in events if isinstance(event, dict) and event["type"] == "error"]
    assert errors == [{"type": "error", "errorText": "An error occurred."}]
    assert b"secret upstream detail" not in raw
    answer = Message.objects.get(chat_id="err", role="assistant")
    assert answer.text() == "Half"


def test_models_and_migrations_agree() -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("makemigrations", "django_ai_sdk", "--check", "--dry-run", stdout=StringIO())
