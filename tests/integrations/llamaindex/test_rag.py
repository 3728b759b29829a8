"""A real LlamaIndex RAG pipeline on ``AISDKEmbedding`` and ``AISDK``: a ``VectorStoreIndex`` over a small corpus,
a query engine and a streaming chat engine, against the scripted vendor on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from llama_index.core import Document, Settings, VectorStoreIndex
from llama_index.core.callbacks import CallbackManager, TokenCountingHandler
from llama_index.core.memory import ChatMemoryBuffer

from llama_index.embeddings.ai_sdk import AISDKEmbedding
from llama_index.llms.ai_sdk import AISDK
from tests.support.vendor_server import ScriptedReply, SeenRequest, VendorServer

pytestmark = pytest.mark.anyio

WIRES = ["openai-chat", "openai-responses", "anthropic", "google"]
CORPUS = {
    "mars": "Mars is a cold desert planet. Its sky looks butterscotch by day and blue at sunset.",
    "bees": "Honey bees dance to tell hive mates where flowers grow. The waggle dance encodes distance.",
    "tea": "Green tea leaves are steamed or pan fired soon after picking, which keeps them green.",
    "rust": "Iron rusts when oxygen and water react with it, forming reddish iron oxide flakes.",
}
ANSWER = "By day the Martian sky looks butterscotch."


@pytest.fixture
def counter() -> Iterator[TokenCountingHandler]:
    """A token counter installed the way LlamaIndex documents it (``Settings.callback_manager``), then removed."""
    handler = TokenCountingHandler()
    Settings.callback_manager = CallbackManager([handler])
    yield handler
    Settings.callback_manager = CallbackManager([])


def build_index(server: VendorServer, **kwargs: Any) -> VectorStoreIndex:
    documents = [Document(text=text, doc_id=name) for name, text in CORPUS.items()]
    embed_model = AISDKEmbedding(server.embedding_model(256), embed_batch_size=2)
    return VectorStoreIndex.from_documents(documents, embed_model=embed_model, **kwargs)


def answer_from_context(request: SeenRequest) -> ScriptedReply:
    """Answer only when the Mars passage reached the model (in the system prompt or the user turn)."""
    prompt = f"{request.system or ''}\n{request.last_user_text}"
    if not request.stream and "Conversation" in prompt:
        # The condense step of a follow-up question: answer with a standalone question.
        return ScriptedReply(text="What colour is the sky on Mars by day?")
    return ScriptedReply(text=ANSWER if "butterscotch" in prompt else "I do not know.", input_tokens=321)


@pytest.mark.parametrize("wire", WIRES)
async def test_query_engine_retrieves_and_answers(wire: str, counter: TokenCountingHandler) -> None:
    async with VendorServer(answer_from_context) as server:
        index = build_index(server)
        engine = index.as_query_engine(llm=AISDK(server.language_model(wire)), similarity_top_k=1)
        response = engine.query("What colour is the sky on Mars?")
        assert str(response) == ANSWER
        assert [node.node.ref_doc_id for node in response.source_nodes] == ["mars"]
        (request,) = server.requests
        assert CORPUS["mars"] in request.last_user_text
        assert CORPUS["bees"] not in request.last_user_text
        assert "What colour is the sky on Mars?" in request.last_user_text
        assert counter.llm_token_counts[0].prompt_token_count == 321

        async_response = await engine.aquery("Why do honey bees dance?")
        assert str(async_response) == "I do not know."
        assert [node.node.ref_doc_id for node in async_response.source_nodes] == ["bees"]
        assert CORPUS["bees"] in server.requests[-1].last_user_text


@pytest.mark.parametrize("wire", WIRES)
async def test_streaming_query_engine(wire: str) -> None:
    async with VendorServer(answer_from_context) as server:
        engine = build_index(server).as_query_engine(
            llm=AISDK(server.language_model(wire)), similarity_top_k=1, streaming=True
        )
        response = engine.query("What colour is the sky on Mars?")
        tokens = list(response.response_gen)
        assert len(tokens) > 1
        assert "".join(tokens) == ANSWER
        assert response.source_nodes[0].node.ref_doc_id == "mars"
        assert server.requests[0].stream


@pytest.mark.parametrize("wire", WIRES)
async def test_streaming_chat_engine_over_two_turns(wire: str) -> None:
    async with VendorServer(answer_from_context) as server:
        index = build_index(server)
        engine = index.as_chat_engine(
            chat_mode="condense_plus_context",
            llm=AISDK(server.language_model(wire)),
            similarity_top_k=1,
            # The default Memory keeps an aiosqlite database that is never closed; the buffer holds a plain list.
            memory=ChatMemoryBuffer.from_defaults(token_limit=3000),
        )
        first = engine.stream_chat("What colour is the Mars sky?")
        tokens = list(first.response_gen)
        assert "".join(tokens) == ANSWER
        assert first.source_nodes[0].node.ref_doc_id == "mars"
        assert server.requests[0].stream
        assert CORPUS["mars"] in (server.requests[0].system or "")

        # Follow-up: the question is condensed with the history (a blocking call), then answered by streaming.
        second = await engine.astream_chat("And at sunset?")
        streamed = [token async for token in second.async_response_gen()]
        assert "".join(streamed) == ANSWER
        condense, answer = server.requests[1:]
        assert not condense.stream and "What colour is the Mars sky?" in condense.last_user_text
        assert answer.stream
        assert [message["role"] for message in answer.messages][-3:] == ["user", "assistant", "user"]
        assert answer.messages[-2]["text"] == ANSWER
        history = engine.chat_history
        assert [message.content for message in history][-1] == ANSWER
