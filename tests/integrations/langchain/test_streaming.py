"""Streaming as LangChain merges it: the chunks of ``stream`` summed with ``+`` say what ``invoke`` says, on every
wire format; tool call chunks and content blocks share one index space; callbacks arrive in order on one run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import LLMResult
from langchain_core.tools import tool

from ai_sdk_core import APICallError
from langchain_ai_sdk import ChatAISDK
from tests.integrations.langchain.helpers import ServerProvider
from tests.support.vendor_server import ScriptedReply, ScriptedToolCall, VendorServer

pytestmark = pytest.mark.anyio

WIRES = ("openai-chat", "openai-responses", "anthropic", "google")

THINKING_REPLY = ScriptedReply(
    text="The answer is forty-two, as computed.",
    reasoning="Let me think about the question carefully.",
    reasoning_signature="sig-abc",
    input_tokens=1200,
    cached_input_tokens=1000,
    output_tokens=60,
    reasoning_tokens=20,
    chunk_size=6,
)
PARALLEL_CALLS_REPLY = ScriptedReply(
    text="Checking both.",
    tool_calls=[
        ScriptedToolCall("get_weather", {"city": "San Francisco, California"}),
        ScriptedToolCall("add", {"a": 12345, "b": 67890}),
    ],
    chunk_size=4,
)


@tool
def get_weather(city: str) -> str:
    """Current weather of a city."""
    return f"Sunny in {city}."


@tool
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@pytest.fixture(scope="module")
def server() -> Iterator[VendorServer]:
    with VendorServer() as running:
        yield running


@pytest.fixture(autouse=True)
def reset(server: VendorServer) -> Iterator[None]:
    server.requests.clear()
    yield
    assert not server.errors, server.errors


def chat(server: VendorServer, wire: str, **options: Any) -> ChatAISDK:
    return ChatAISDK(model="scripted-model-1", provider=ServerProvider(server, wire), **options)


def merged(chunks: list[AIMessageChunk]) -> AIMessageChunk:
    total = chunks[0]
    for chunk in chunks[1:]:
        total = total + chunk
    return total


def _masked(value: Any, response_id: str) -> Any:
    """``value`` with the response id (which differs between two requests) replaced by a placeholder."""
    if isinstance(value, dict):
        return {key: _masked(item, response_id) for key, item in value.items()}
    return "<response-id>" if value == response_id else value


def _content_view(message: AIMessage) -> list[tuple[str, str, list[str]]]:
    """Each block's type, text and provider metadata keys (ids differ per request, and streamed blocks carry the
    ``index`` LangChain merged them by)."""
    view = []
    for block in message.content_blocks:
        if block["type"] in ("text", "reasoning"):
            text = str(block.get("text", block.get("reasoning", "")))
            metadata = (block.get("extras") or {}).get("provider_metadata") or {}
            view.append(
                (block["type"], text, sorted(f"{vendor}.{key}" for vendor, keys in metadata.items() for key in keys))
            )
    return view


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("reply", [THINKING_REPLY, PARALLEL_CALLS_REPLY], ids=["reasoning", "parallel-tools"])
def test_merged_stream_equals_invoke(server: VendorServer, wire: str, reply: ScriptedReply) -> None:
    server.responder = lambda request: reply
    llm = chat(server, wire).bind_tools([get_weather, add])
    invoked = llm.invoke("Weather and a sum")
    chunks = list(llm.stream("Weather and a sum"))
    streamed = merged(chunks)

    assert invoked.id and streamed.id and streamed.id == streamed.response_metadata["id"]
    assert sum(1 for chunk in chunks if chunk.usage_metadata) == 1
    assert streamed.usage_metadata == invoked.usage_metadata
    assert _masked(streamed.response_metadata, streamed.id) == _masked(invoked.response_metadata, invoked.id)
    assert _content_view(streamed) == _content_view(invoked)
    assert [(call["name"], call["args"]) for call in streamed.tool_calls] == [
        (call["name"], call["args"]) for call in invoked.tool_calls
    ]
    assert streamed.invalid_tool_calls == invoked.invalid_tool_calls == []
    assert set(streamed.additional_kwargs.get("tool_call_provider_metadata", {})) == {
        call["id"] for call in streamed.tool_calls if wire == "openai-responses"
    }


@pytest.mark.parametrize("wire", WIRES)
def test_finish_reason_is_spelled_as_chat_openai_spells_it(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: PARALLEL_CALLS_REPLY
    llm = chat(server, wire).bind_tools([get_weather, add])
    assert llm.invoke("Weather and a sum").response_metadata["finish_reason"] == "tool_calls"
    assert merged(list(llm.stream("Weather and a sum"))).response_metadata["finish_reason"] == "tool_calls"


@pytest.mark.parametrize("wire", WIRES)
def test_tool_call_chunks_and_content_blocks_share_one_index_space(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(
        reasoning="Two tools are needed.", **{k: getattr(PARALLEL_CALLS_REPLY, k) for k in ("text", "tool_calls")}
    )
    chunks = list(chat(server, wire).bind_tools([get_weather, add]).stream("Weather and a sum"))
    streamed = merged(chunks)

    tool_indexes = sorted({chunk["index"] for chunk in streamed.tool_call_chunks if chunk["index"] is not None})
    block_indexes = [block["index"] for block in streamed.content if isinstance(block, dict)]
    assert len(tool_indexes) == 2
    assert len(block_indexes) == 2  # reasoning, text
    assert not set(tool_indexes) & set(block_indexes)


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("with_reasoning", [False, True], ids=["text", "reasoning"])
def test_output_version_v1_streams_standard_blocks(server: VendorServer, wire: str, with_reasoning: bool) -> None:
    server.responder = lambda request: ScriptedReply(
        text=PARALLEL_CALLS_REPLY.text,
        tool_calls=PARALLEL_CALLS_REPLY.tool_calls,
        reasoning="Two tools are needed." if with_reasoning else None,
    )
    llm = chat(server, wire, output_version="v1").bind_tools([get_weather, add])
    streamed = merged(list(llm.stream("Weather and a sum")))
    invoked = llm.invoke("Weather and a sum")

    expected = [*(["reasoning"] if with_reasoning else []), "text", "tool_call", "tool_call"]
    for message in (streamed, invoked):
        assert isinstance(message.content, list)
        blocks = [block for block in message.content if isinstance(block, dict)]
        assert [block["type"] for block in blocks] == expected
        calls = [block for block in blocks if block["type"] == "tool_call"]
        assert [(call["name"], call["args"]) for call in calls] == [
            ("get_weather", {"city": "San Francisco, California"}),
            ("add", {"a": 12345, "b": 67890}),
        ]
        assert message.response_metadata["output_version"] == "v1"


class _EventLog(BaseCallbackHandler):
    def __init__(self) -> None:
        self.events: list[tuple[str, UUID]] = []
        self.result: LLMResult | None = None

    def on_chat_model_start(self, serialized: Any, messages: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self.events.append(("start", run_id))

    def on_llm_new_token(self, token: str, *, run_id: UUID, **kwargs: Any) -> None:
        self.events.append(("token", run_id))

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        self.events.append(("end", run_id))
        self.result = response


@pytest.mark.parametrize("wire", WIRES)
def test_callbacks_arrive_in_order_on_one_run(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(text="one two three four five", chunk_size=4)
    log = _EventLog()
    chunks = list(chat(server, wire).stream("Count", config={"callbacks": [log]}))

    kinds = [kind for kind, _ in log.events]
    assert kinds[0] == "start" and kinds[-1] == "end"
    assert kinds.count("start") == kinds.count("end") == 1
    assert kinds.count("token") == len(chunks)  # one per chunk, each once
    run_ids = {run_id for _, run_id in log.events}
    assert len(run_ids) == 1
    (run_id,) = run_ids
    assert chunks[0].id == f"lc_run--{run_id}"
    assert log.result is not None
    final = log.result.generations[0][0].message  # type: ignore[attr-defined]
    assert final.text == "one two three four five"
    assert final.id == chunks[-1].id != chunks[0].id  # the vendor's response id


async def test_async_callbacks_arrive_in_order_on_one_run(server: VendorServer) -> None:
    server.responder = lambda request: ScriptedReply(text="one two three four five", chunk_size=4)
    log = _EventLog()
    chunks = [chunk async for chunk in chat(server, "openai-responses").astream("Count", config={"callbacks": [log]})]

    kinds = [kind for kind, _ in log.events]
    assert (kinds[0], kinds[-1], kinds.count("token")) == ("start", "end", len(chunks))
    assert len({run_id for _, run_id in log.events}) == 1


class _ErrorLog(BaseCallbackHandler):
    def __init__(self) -> None:
        self.errors: list[BaseException] = []

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        self.errors.append(error)


@pytest.mark.parametrize("wire", WIRES)
def test_a_vendor_error_while_streaming_is_typed_and_reported(server: VendorServer, wire: str) -> None:
    server.responder = lambda request: ScriptedReply(status=400)
    log = _ErrorLog()
    with pytest.raises(APICallError) as raised:
        list(chat(server, wire, max_retries=0).stream("Hello", config={"callbacks": [log]}))
    assert raised.value.status_code == 400
    assert log.errors == [raised.value]


def test_streamed_invalid_tool_arguments_become_invalid_tool_calls() -> None:
    from ai_sdk_core.testing import MockLanguageModel, simulate_stream, tool_call_stream_parts

    # Arguments that are not JSON at all. (A truncated object such as '{"a": 1, "b":' is repaired by LangChain's
    # partial JSON parser when it merges chunks, for every chat model alike, so it would come out as a valid call.)
    parts = tool_call_stream_parts(("call-1", "add", "a=1, b=2"), ("call-2", "add", '{"a": 2, "b": 3}'))
    llm = ChatAISDK(model=MockLanguageModel(do_stream=simulate_stream(parts))).bind_tools([add])
    streamed = merged(list(llm.stream("Add")))

    assert [(call["id"], call["args"]) for call in streamed.tool_calls] == [("call-2", {"a": 2, "b": 3})]
    (invalid,) = streamed.invalid_tool_calls
    assert (invalid["id"], invalid["name"], invalid["args"]) == ("call-1", "add", "a=1, b=2")
