"""``AISDK`` as a LlamaIndex LLM, on scripted models: every entry point, streaming, tools, reasoning, files,
provider metadata across turns, usage, callbacks and structured output."""

from __future__ import annotations

import base64
import re
from typing import Any

import anyio
import anyio.lowlevel
import pytest
from llama_index.core.base.llms.types import (
    ChatMessage,
    DocumentBlock,
    ImageBlock,
    MessageRole,
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
)
from llama_index.core.callbacks import CallbackManager, TokenCountingHandler
from llama_index.core.instrumentation import get_dispatcher
from llama_index.core.instrumentation.event_handlers import BaseEventHandler
from llama_index.core.instrumentation.events import BaseEvent
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.program import FunctionCallingProgram
from llama_index.core.prompts import PromptTemplate
from llama_index.core.tools import FunctionTool
from llama_index.core.types import PydanticProgramMode
from pydantic import BaseModel, Field

from ai_sdk_core import APICallError, InvalidArgumentError, NoObjectGeneratedError
from ai_sdk_core.testing import (
    MockLanguageModel,
    mock_text_result,
    mock_tool_call_result,
    mock_usage,
    text_stream_parts,
    tool_call_stream_parts,
)
from llama_index.llms.ai_sdk import AISDK
from tests.integrations.llamaindex.helpers import (
    CALL_METADATA,
    REASONING_TOKENS,
    SEARCH_HITS,
    SEARCH_METADATA,
    SIGNATURE,
    provider_tool_result,
    provider_tool_stream,
    thinking_tool_result,
    thinking_tool_stream,
)

pytestmark = pytest.mark.anyio

USER = [ChatMessage(role=MessageRole.USER, content="Hi")]
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


def multiply(a: int, b: int) -> int:
    """Multiply two integers."""
    return a * b


TOOLS = [FunctionTool.from_defaults(fn=add), FunctionTool.from_defaults(fn=multiply)]


async def collect_async(generator: Any) -> list[Any]:
    return [item async for item in generator]


# --- metadata -----------------------------------------------------------------------------------------------------


def test_is_a_function_calling_llm_with_known_limits() -> None:
    llm = AISDK("openai:gpt-4o")
    assert isinstance(llm, FunctionCallingLLM)
    metadata = llm.metadata
    assert (metadata.context_window, metadata.num_output) == (128_000, 16_384)
    assert metadata.is_chat_model and metadata.is_function_calling_model
    assert metadata.model_name == "openai:gpt-4o"
    assert llm.language_model.model_id == "gpt-4o"


def test_metadata_overrides_and_unknown_models() -> None:
    llm = AISDK(MockLanguageModel(), context_window=8000, max_tokens=500, is_function_calling=False)
    assert (llm.metadata.context_window, llm.metadata.num_output) == (8000, 500)
    assert not llm.metadata.is_function_calling_model
    assert llm.metadata.model_name == "mock-provider:mock-model-id"
    default = AISDK(MockLanguageModel()).metadata
    assert (default.context_window, default.num_output) == (3900, 256)


def test_headers_stay_out_of_payloads_and_reprs() -> None:
    llm = AISDK(MockLanguageModel(), headers={"x-api-key": "secret-value"})
    assert "secret-value" not in repr(llm)
    assert "secret-value" not in str(llm.to_dict())
    assert "secret-value" not in str(llm.to_payload())


# --- chat and completion ------------------------------------------------------------------------------------------


async def test_chat_and_achat_return_text_usage_and_settings() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("Hello!", usage=mock_usage(1234, 56)))
    llm = AISDK(model, temperature=0.2, max_tokens=99, stop=["END"], additional_kwargs={"presence_penalty": 0.1})
    for response in (llm.chat(USER, top_p=0.5), await llm.achat(USER, top_p=0.5)):
        assert response.message.role == MessageRole.ASSISTANT
        assert response.message.content == "Hello!"
        assert response.raw["usage"]["prompt_tokens"] == 1234
        assert response.raw["usage"]["completion_tokens"] == 56
        assert response.raw["finish_reason"] == "stop"
        assert response.additional_kwargs == {"prompt_tokens": 1234, "completion_tokens": 56, "total_tokens": 1290}
    call = model.calls[0]
    assert (call.temperature, call.max_output_tokens, call.top_p, list(call.stop_sequences or [])) == (
        0.2,
        99,
        0.5,
        ["END"],
    )
    assert call.presence_penalty == 0.1


async def test_leading_system_messages_become_instructions() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("ok"))
    llm = AISDK(model)
    llm.chat([ChatMessage(role=MessageRole.SYSTEM, content="Be brief."), *USER])
    prompt = model.calls[0].prompt
    assert prompt[0].role == "system" and prompt[0].content == "Be brief."
    assert prompt[1].role == "user"


async def test_complete_family() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("Paris"), do_stream=text_stream_parts("Pa", "ris"))
    llm = AISDK(model)
    assert llm.complete("Capital of France?").text == "Paris"
    assert (await llm.acomplete("Capital of France?")).text == "Paris"
    streamed = list(llm.stream_complete("Capital of France?"))
    assert [(item.delta, item.text) for item in streamed] == [("Pa", "Pa"), ("ris", "Paris"), ("", "Paris")]
    assert streamed[-1].additional_kwargs["completion_tokens"] == 10
    astreamed = await collect_async(await llm.astream_complete("Capital of France?"))
    assert [item.text for item in astreamed] == ["Pa", "Paris", "Paris"]
    assert model.calls[0].prompt[0].content[0].text == "Capital of France?"


def test_unknown_keyword_arguments_are_refused_before_any_call() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("x"))
    with pytest.raises(TypeError, match="frobnicate"):
        AISDK(model).chat(USER, frobnicate=True)
    assert model.calls == []


# --- reasoning, tool calls, streaming -----------------------------------------------------------------------------


async def test_chat_returns_thinking_and_tool_call_blocks() -> None:
    model = MockLanguageModel(do_generate=thinking_tool_result())
    llm = AISDK(model)
    for response in (llm.chat(USER), await llm.achat(USER)):
        blocks = response.message.blocks
        assert [type(block) for block in blocks] == [ThinkingBlock, TextBlock, ToolCallBlock, ToolCallBlock]
        assert blocks[0].content == "Let me think."
        assert blocks[0].num_tokens == REASONING_TOKENS
        assert blocks[0].additional_information["provider_metadata"] == SIGNATURE
        assert response.message.content == "Checking both."
        assert [(block.tool_call_id, block.tool_name, block.tool_kwargs) for block in blocks[2:]] == [
            ("call-1", "add", {"a": 1, "b": 2}),
            ("call-2", "multiply", {"a": 3, "b": 4}),
        ]
        legacy = response.message.additional_kwargs["tool_calls"]
        assert legacy[0] == {
            "id": "call-1",
            "type": "function",
            "function": {"name": "add", "arguments": '{"a": 1, "b": 2}'},
        }
        selections = llm.get_tool_calls_from_response(response)
        assert [(item.tool_id, item.tool_name, item.tool_kwargs) for item in selections] == [
            ("call-1", "add", {"a": 1, "b": 2}),
            ("call-2", "multiply", {"a": 3, "b": 4}),
        ]


def test_no_tool_call_is_an_error_only_when_asked() -> None:
    response = AISDK(MockLanguageModel(do_generate=mock_text_result("no tools"))).chat(USER)
    llm = AISDK(MockLanguageModel())
    assert llm.get_tool_calls_from_response(response, error_on_no_tool_call=False) == []
    with pytest.raises(ValueError, match="at least one tool call"):
        llm.get_tool_calls_from_response(response)


def _check_cumulative_stream(responses: list[Any]) -> None:
    deltas = [response.delta for response in responses]
    assert "".join(deltas) == "Checking both."
    thinking = [response.additional_kwargs.get("thinking_delta") for response in responses]
    assert [delta for delta in thinking if delta] == ["Let me ", "think."]
    # Each response holds everything so far: the text grows, it never holds only the delta.
    texts = [response.message.content for response in responses]
    assert texts[deltas.index("both.")] == "Checking both."
    assert texts == sorted(texts, key=len)
    final = responses[-1]
    blocks = final.message.blocks
    assert [type(block) for block in blocks] == [ThinkingBlock, TextBlock, ToolCallBlock, ToolCallBlock]
    assert blocks[0].content == "Let me think."
    assert blocks[0].num_tokens == REASONING_TOKENS  # known once the answer is complete
    assert blocks[0].additional_information["provider_metadata"] == SIGNATURE
    assert [block.tool_kwargs for block in blocks[2:]] == [{"a": 1, "b": 2}, {"a": 3, "b": 4}]
    assert final.message.additional_kwargs["ai_sdk_tool_call_metadata"] == {"call-1": CALL_METADATA}
    assert final.raw["usage"]["prompt_tokens"] == 11
    assert final.additional_kwargs["completion_tokens"] == 7
    # Partial tool input is visible while it streams (FunctionAgent shows it in AgentStream events).
    partial = [
        block.tool_kwargs
        for response in responses
        for block in response.message.blocks
        if isinstance(block, ToolCallBlock) and isinstance(block.tool_kwargs, str)
    ]
    assert '{"a": 1, ' in partial


async def test_stream_chat_is_cumulative_with_thinking_deltas_and_tool_calls() -> None:
    model = MockLanguageModel(do_stream=[thinking_tool_stream(), thinking_tool_stream()])
    llm = AISDK(model)
    _check_cumulative_stream(list(llm.stream_chat(USER)))
    _check_cumulative_stream(await collect_async(await llm.astream_chat(USER)))


async def test_stream_error_is_raised_after_the_partial_text() -> None:
    error = APICallError("upstream broke", url="http://127.0.0.1/x", status_code=500)
    parts = [*text_stream_parts("partial")[:3], error]
    llm = AISDK(MockLanguageModel(do_stream=[parts, parts]))
    seen: list[str] = []
    with pytest.raises(APICallError, match="upstream broke"):
        for response in llm.stream_chat(USER):
            seen.append(response.message.content or "")
    assert seen == ["partial"]
    with pytest.raises(APICallError):
        await collect_async(await llm.astream_chat(USER))


# --- provider metadata across turns, files ------------------------------------------------------------------------


async def test_provider_metadata_and_tool_names_survive_the_next_turn() -> None:
    model = MockLanguageModel(do_generate=[thinking_tool_result(), mock_text_result("21")])
    llm = AISDK(model)
    first = llm.chat(USER, tools=TOOLS)
    history = [
        *USER,
        first.message,
        ChatMessage(role=MessageRole.TOOL, content="3", additional_kwargs={"tool_call_id": "call-1"}),
        ChatMessage(role=MessageRole.TOOL, content="12", additional_kwargs={"tool_call_id": "call-2"}),
    ]
    # The conversation goes through a JSON round trip, as LlamaIndex memory and workflow contexts do.
    history = [ChatMessage.model_validate_json(message.model_dump_json()) for message in history]
    assert llm.chat(history).message.content == "21"
    prompt = model.calls[1].prompt
    assistant = prompt[1]
    reasoning, text, call_1, call_2 = assistant.content
    assert (reasoning.type, reasoning.text, reasoning.provider_options) == ("reasoning", "Let me think.", SIGNATURE)
    assert text.text == "Checking both."
    assert (call_1.tool_call_id, call_1.input, call_1.provider_options) == ("call-1", {"a": 1, "b": 2}, CALL_METADATA)
    assert call_2.provider_options is None
    tool_message = prompt[2]
    assert tool_message.role == "tool"
    assert [(part.tool_call_id, part.tool_name, part.output.value) for part in tool_message.content] == [
        ("call-1", "add", "3"),
        ("call-2", "multiply", "12"),
    ]


async def test_provider_executed_tools_are_no_tool_calls_but_go_back_to_the_provider() -> None:
    model = MockLanguageModel(
        do_generate=[provider_tool_result(), mock_text_result("ok"), mock_text_result("ok")],
        do_stream=[provider_tool_stream()],
    )
    llm = AISDK(model)
    blocking = llm.chat(USER)
    streamed = [response async for response in await llm.astream_chat(USER)][-1]
    for response in (blocking, streamed):
        # An agent must not run a tool the provider already ran.
        assert llm.get_tool_calls_from_response(response, error_on_no_tool_call=False) == []
        assert "tool_calls" not in response.message.additional_kwargs
        assert response.message.content == "Steamed soon after picking."
        # The next turn sends the call and its result back, as the provider needs (after a JSON round trip).
        history = [*USER, ChatMessage.model_validate_json(response.message.model_dump_json()), *USER]
        llm.chat(history)
        call, result, text = model.calls[-1].prompt[1].content
        assert (call.type, call.tool_call_id, call.tool_name, call.input) == (
            "tool-call",
            "srv-1",
            "web_search",
            {"query": "green tea"},
        )
        assert (call.provider_executed, call.provider_options) == (True, SEARCH_METADATA)
        assert (result.type, result.tool_call_id, result.output.type, result.output.value) == (
            "tool-result",
            "srv-1",
            "json",
            SEARCH_HITS,
        )
        assert text.text == "Steamed soon after picking."


def test_openai_style_tool_calls_from_other_llms_convert() -> None:
    model = MockLanguageModel(do_generate=mock_text_result("done"))
    legacy = ChatMessage(
        role=MessageRole.ASSISTANT,
        content="",
        additional_kwargs={
            "tool_calls": [{"id": "c9", "type": "function", "function": {"name": "add", "arguments": '{"a":1}'}}]
        },
    )
    tool_reply = ChatMessage(role=MessageRole.TOOL, content="1", additional_kwargs={"tool_call_id": "c9"})
    AISDK(model).chat([*USER, legacy, tool_reply])
    assistant, tool_message = model.calls[0].prompt[1:]
    assert [(part.tool_call_id, part.tool_name, part.input) for part in assistant.content] == [("c9", "add", {"a": 1})]
    assert tool_message.content[0].tool_name == "add"


def test_image_and_document_blocks_reach_the_model() -> None:
    model = MockLanguageModel(
        do_generate=mock_text_result("a pixel"), supported_urls={"image/*": [re.compile(r"^https://")]}
    )
    message = ChatMessage(
        role=MessageRole.USER,
        blocks=[
            TextBlock(text="Describe these."),
            ImageBlock(image=PNG),
            ImageBlock(url="https://example.com/cat.png"),
            DocumentBlock(data=PDF, document_mimetype="application/pdf", title="report.pdf"),
        ],
    )
    AISDK(model).chat([message])
    text, inline_image, url_image, document = model.calls[0].prompt[0].content
    assert text.text == "Describe these."
    assert inline_image.media_type == "image/png"
    assert bytes(inline_image.data) == PNG or base64.b64decode(inline_image.data) == PNG
    assert str(url_image.data) == "https://example.com/cat.png"
    assert document.media_type == "application/pdf"
    assert document.filename == "report.pdf"
    assert bytes(document.data) == PDF or base64.b64decode(document.data) == PDF


def test_images_and_documents_in_tool_outputs_reach_the_model() -> None:
    # FunctionAgent puts a tool's output blocks on the tool message as they are.
    model = MockLanguageModel(do_generate=mock_text_result("a pixel and a report"))
    call = ChatMessage(
        role=MessageRole.ASSISTANT,
        blocks=[ToolCallBlock(tool_call_id="c1", tool_name="snapshot", tool_kwargs={})],
    )
    output = ChatMessage(
        role=MessageRole.TOOL,
        blocks=[
            TextBlock(text="Here it is."),
            ImageBlock(image=PNG),
            DocumentBlock(data=PDF, document_mimetype="application/pdf"),
            ImageBlock(url="https://example.com/cat.png"),
        ],
        additional_kwargs={"tool_call_id": "c1"},
    )
    AISDK(model).chat([*USER, call, output])
    (result,) = model.calls[0].prompt[2].content
    assert (result.tool_call_id, result.tool_name, result.output.type) == ("c1", "snapshot", "content")
    text, image, document, url = result.output.value
    assert (text.type, text.text) == ("text", "Here it is.")
    assert (image.type, image.media_type, base64.b64decode(image.data)) == ("media", "image/png", PNG)
    assert (document.type, document.media_type, base64.b64decode(document.data)) == ("media", "application/pdf", PDF)
    assert (url.type, url.text) == ("text", "https://example.com/cat.png")


# --- tools --------------------------------------------------------------------------------------------------------


def test_chat_with_tools_sends_tools_choice_and_single_call_switch() -> None:
    model = MockLanguageModel(do_generate=[thinking_tool_result(), thinking_tool_result()])
    llm = AISDK(model)
    history = list(USER)
    response = llm.chat_with_tools(TOOLS, chat_history=history, tool_required=True)
    assert history == USER  # the caller's list is not appended to
    call = model.calls[0]
    assert [(tool.name, tool.input_schema["required"]) for tool in call.tools] == [
        ("add", ["a", "b"]),
        ("multiply", ["a", "b"]),
    ]
    assert "Add two integers." in call.tools[0].description
    assert call.tool_choice.type == "required"
    assert call.provider_options["openai"] == {"parallel_tool_calls": False}
    assert call.provider_options["anthropic"] == {"disable_parallel_tool_use": True}
    # Parallel calls not allowed: only the first call is kept, whatever the provider returned.
    assert [selection.tool_name for selection in llm.get_tool_calls_from_response(response)] == ["add"]
    assert len(response.message.additional_kwargs["tool_calls"]) == 1

    response = llm.chat_with_tools(TOOLS, user_msg="go", allow_parallel_tool_calls=True, tool_choice="multiply")
    call = model.calls[1]
    assert (call.tool_choice.type, call.tool_choice.tool_name) == ("tool", "multiply")
    assert call.provider_options is None
    assert len(llm.get_tool_calls_from_response(response)) == 2


def test_strict_tool_schemas_per_llm_and_per_call() -> None:
    model = MockLanguageModel(do_generate=[mock_text_result("x") for _ in range(3)])
    AISDK(model).chat_with_tools(TOOLS, user_msg="go")
    AISDK(model, strict=True).chat_with_tools(TOOLS, user_msg="go")
    AISDK(model, strict=True).chat_with_tools(TOOLS, user_msg="go", strict=False)
    assert [[tool.strict for tool in call.tools] for call in model.calls] == [
        [None, None],
        [True, True],
        [False, False],
    ]


def test_tool_choice_spellings() -> None:
    model = MockLanguageModel(do_generate=[mock_text_result("x") for _ in range(4)])
    llm = AISDK(model)
    llm.chat_with_tools(TOOLS, user_msg="go")
    llm.chat_with_tools(TOOLS, user_msg="go", tool_choice="none")
    llm.chat_with_tools(TOOLS, user_msg="go", tool_choice={"type": "function", "function": {"name": "add"}})
    llm.chat_with_tools(TOOLS, user_msg="go", tool_choice="any")
    choices = [call.tool_choice for call in model.calls]
    assert [choice.type for choice in choices] == ["auto", "none", "tool", "required"]
    assert choices[2].tool_name == "add"
    with pytest.raises(InvalidArgumentError, match="tool_choice"):
        llm.chat_with_tools(TOOLS, user_msg="go", tool_choice={"type": "function"})
    assert len(model.calls) == 4  # refused before anything was sent


async def test_predict_and_call_runs_the_llama_index_tool() -> None:
    model = MockLanguageModel(do_generate=mock_tool_call_result(("c1", "add", {"a": 20, "b": 22})))
    llm = AISDK(model)
    assert str(llm.predict_and_call(TOOLS, user_msg="20+22?")) == "42"
    assert str(await llm.apredict_and_call(TOOLS, user_msg="20+22?")) == "42"


# --- structured output --------------------------------------------------------------------------------------------


class Album(BaseModel):
    """An album."""

    title: str
    year: int


ALBUM_JSON = '{"title": "Blue", "year": 1971}'
ALBUM_CALL = mock_tool_call_result(("c1", "Album", {"title": "Blue", "year": 1971}))
PROMPT = PromptTemplate("Name an album by {artist}.")


def _check_json_mode_call(call: Any) -> None:
    assert call.tools is None
    assert call.response_format.type == "json"
    assert call.response_format.name == "Album"
    assert set(call.response_format.schema["properties"]) == {"title", "year"}


async def test_structured_predict_asks_for_json_of_the_schema(recorder: _Recorder) -> None:
    # Like LlamaIndex's OpenAI LLM: the provider's structured output (the AI SDK's Output.object), no tool call.
    model = MockLanguageModel(do_generate=mock_text_result(ALBUM_JSON))
    llm = AISDK(model, system_prompt="Answer in JSON.")
    assert llm.structured_predict(Album, PROMPT, artist="Joni Mitchell") == Album(title="Blue", year=1971)
    assert await llm.astructured_predict(Album, PROMPT, artist="Joni Mitchell") == Album(title="Blue", year=1971)
    for call in model.calls:
        _check_json_mode_call(call)
        assert call.prompt[0].content == "Answer in JSON."
        assert call.prompt[-1].content[0].text == "Name an album by Joni Mitchell."
    assert recorder.events.count("LLMStructuredPredictStartEvent") == 2
    assert recorder.events.count("LLMStructuredPredictEndEvent") == 2
    assert recorder.events.count("LLMChatEndEvent") == 2  # through chat: callbacks and token counting see it


def test_a_wrong_answer_is_a_typed_error() -> None:
    llm = AISDK(MockLanguageModel(do_generate=mock_text_result('{"title": "Blue"}')))
    with pytest.raises(NoObjectGeneratedError):
        llm.structured_predict(Album, PROMPT, artist="Joni Mitchell")


async def test_function_mode_uses_a_required_tool_call() -> None:
    model = MockLanguageModel(do_generate=ALBUM_CALL)
    llm = AISDK(model, pydantic_program_mode=PydanticProgramMode.FUNCTION)
    assert llm.structured_predict(Album, PROMPT, artist="Joni Mitchell") == Album(title="Blue", year=1971)
    assert await llm.astructured_predict(Album, PROMPT, artist="Joni Mitchell") == Album(title="Blue", year=1971)
    call = model.calls[0]
    assert [tool.name for tool in call.tools] == ["Album"]
    assert call.tool_choice.type == "required"
    assert call.response_format is None
    assert call.prompt[-1].content[0].text == "Name an album by Joni Mitchell."


async def test_function_calling_program_uses_a_tool_call() -> None:
    model = MockLanguageModel(do_generate=ALBUM_CALL)
    program = FunctionCallingProgram.from_defaults(output_cls=Album, prompt=PROMPT, llm=AISDK(model))
    assert program(artist="Joni Mitchell") == Album(title="Blue", year=1971)
    assert await program.acall(artist="Joni Mitchell") == Album(title="Blue", year=1971)
    assert [tool.name for tool in model.calls[0].tools] == ["Album"]


async def test_structured_llm() -> None:
    model = MockLanguageModel(do_generate=mock_text_result(ALBUM_JSON))
    structured = AISDK(model).as_structured_llm(Album)
    question = [ChatMessage(role=MessageRole.USER, content="An album by Joni Mitchell")]
    for response in (structured.chat(question), await structured.achat(question)):
        assert response.raw == Album(title="Blue", year=1971)
        assert '"title":"Blue"' in (response.message.content or "").replace(" ", "")
    _check_json_mode_call(model.calls[0])


async def test_stream_structured_predict_yields_growing_objects() -> None:
    pieces = ('{"title": "Bl', 'ue", ', '"year": 1971}')
    model = MockLanguageModel(do_stream=[text_stream_parts(*pieces), text_stream_parts(*pieces)])
    llm = AISDK(model)
    results = list(llm.stream_structured_predict(Album, PROMPT, artist="Joni Mitchell"))
    assert results[-1] == Album(title="Blue", year=1971)
    assert getattr(results[0], "title", None) == "Bl"  # a partial object while the JSON streams in
    _check_json_mode_call(model.calls[0])
    stream = await llm.astream_structured_predict(Album, PROMPT, artist="Joni Mitchell")
    assert [result async for result in stream][-1] == Album(title="Blue", year=1971)


async def test_stream_structured_predict_in_function_mode() -> None:
    parts = tool_call_stream_parts(("c1", "Album", {"title": "Blue", "year": 1971}))
    model = MockLanguageModel(do_stream=[parts, parts])
    llm = AISDK(model, pydantic_program_mode=PydanticProgramMode.FUNCTION)
    assert list(llm.stream_structured_predict(Album, PROMPT, artist="Joni Mitchell"))[-1] == Album(
        title="Blue", year=1971
    )
    stream = await llm.astream_structured_predict(Album, PROMPT, artist="Joni Mitchell")
    assert [result async for result in stream][-1] == Album(title="Blue", year=1971)
    assert [tool.name for tool in model.calls[0].tools] == ["Album"]


# --- callbacks, instrumentation, token counting -------------------------------------------------------------------


class _Recorder(BaseEventHandler):
    events: list[str] = Field(default_factory=list)

    @classmethod
    def class_name(cls) -> str:
        return "Recorder"

    def handle(self, event: BaseEvent, **kwargs: Any) -> None:
        self.events.append(event.class_name())


@pytest.fixture
def recorder() -> Any:
    handler = _Recorder(events=[])
    dispatcher = get_dispatcher()
    dispatcher.add_event_handler(handler)
    yield handler
    dispatcher.event_handlers.remove(handler)


async def test_callbacks_count_the_real_token_usage(recorder: _Recorder) -> None:
    usage = mock_usage(1234, 56)
    model = MockLanguageModel(
        do_generate=mock_text_result("Hello!", usage=usage),
        do_stream=[text_stream_parts("Hel", "lo!", usage=usage) for _ in range(2)],
    )
    counter = TokenCountingHandler()
    llm = AISDK(model, callback_manager=CallbackManager([counter]))
    llm.chat(USER)
    await llm.achat(USER)
    list(llm.stream_chat(USER))
    await collect_async(await llm.astream_chat(USER))
    llm.complete("Hi")
    assert [(event.prompt_token_count, event.completion_token_count) for event in counter.llm_token_counts] == [
        (1234, 56)
    ] * 5
    assert counter.total_llm_token_count == 5 * 1290
    assert recorder.events.count("LLMChatStartEvent") == 4
    assert recorder.events.count("LLMChatEndEvent") == 4
    assert recorder.events.count("LLMChatInProgressEvent") == 6
    assert recorder.events.count("LLMCompletionEndEvent") == 1


def test_callbacks_see_failures() -> None:
    error = APICallError("nope", url="http://127.0.0.1/x", status_code=400)
    ends: list[Any] = []

    class Handler(TokenCountingHandler):
        def on_event_end(self, event_type: Any, payload: Any = None, event_id: str = "", **kwargs: Any) -> None:
            ends.append(payload)

    llm = AISDK(MockLanguageModel(do_generate=error), callback_manager=CallbackManager([Handler()]), max_retries=0)
    with pytest.raises(APICallError):
        llm.chat(USER)
    assert any(error in payload.values() for payload in ends if payload)


async def test_leaving_a_stream_early_closes_the_model_stream() -> None:
    model = MockLanguageModel(do_stream=[text_stream_parts("a", "b", "c"), text_stream_parts("a", "b", "c")])
    llm = AISDK(model)
    stream = llm.stream_chat(USER)
    assert next(stream).delta == "a"
    stream.close()
    assert model.streams[0].closed
    astream = await llm.astream_chat(USER)
    assert (await anext(astream)).delta == "a"
    await astream.aclose()
    # LlamaIndex's callback wrapper does not close the generator it wraps: the event loop's async-generator
    # finaliser does, on its next turns.
    for _ in range(5):
        await anyio.lowlevel.checkpoint()
    assert model.streams[1].closed


def test_the_payload_follows_field_changes_and_is_a_fresh_dict_each_time() -> None:
    # LlamaIndex builds the payload at every call; the cached one must not go stale or be shared.
    llm = AISDK(MockLanguageModel(model_id="gpt-4o"))
    first = llm.to_payload()
    assert first["class_name"] == "ai_sdk_llm"
    assert (first["context_window"], first["num_output"]) == (128_000, 16_384)
    first["num_output"] = -1
    assert llm.to_payload()["num_output"] == 16_384
    llm.max_tokens = 100
    llm.context_window = 2_000
    llm.is_function_calling = False
    changed = llm.to_payload()
    assert (changed["context_window"], changed["num_output"], changed["is_function_calling_model"]) == (
        2_000,
        100,
        False,
    )
    assert "api_key" not in changed
