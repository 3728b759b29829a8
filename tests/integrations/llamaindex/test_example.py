"""``example_projects/llamaindex_rag``: its index, retrieval and streamed chat, on the scripted vendor."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from llama_index.core import Settings

from llama_index.embeddings.ai_sdk import AISDKEmbedding
from llama_index.llms.ai_sdk import AISDK
from tests.support.vendor_server import ScriptedReply, SeenRequest, VendorServer

EXAMPLE = Path(__file__).resolve().parents[3] / "example_projects" / "llamaindex_rag"


@pytest.fixture
def rag() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("llamaindex_rag_example", EXAMPLE / "rag.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    saved = Settings._llm, Settings._embed_model
    yield module
    Settings._llm, Settings._embed_model = saved


def venus_answer(request: SeenRequest) -> ScriptedReply:
    context = request.system or ""
    if "thick carbon dioxide atmosphere" in context:
        return ScriptedReply(text="Its thick carbon dioxide atmosphere traps heat.")
    return ScriptedReply(text="I do not know.")


def test_one_question_is_answered_from_the_right_file(rag: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    with VendorServer(venus_answer) as server:
        llm = AISDK(server.language_model("anthropic"))
        embed_model = AISDKEmbedding(server.embedding_model(256))
        assert rag.main(["Why is Venus the hottest planet?", "--top-k", "1"], llm=llm, embed_model=embed_model) == 0
        output = capsys.readouterr().out
        assert output.startswith("Its thick carbon dioxide atmosphere traps heat.")
        assert "[sources: solar_system.txt]" in output
        (request,) = server.requests
        assert request.stream
        assert rag.SYSTEM_PROMPT in (request.system or "")


def test_the_default_models_are_local(rag: ModuleType) -> None:
    options = rag._parse([])
    assert options.embedding_model == "llama-cpp:all-minilm-l6-v2"
    assert rag.LOCAL_CHAT_MODEL == "llama-cpp:default"
    assert sorted(path.name for path in options.docs.iterdir()) == ["bees.txt", "solar_system.txt", "tea.txt"]
