"""No network at all: LlamaIndex's run-time downloads (tiktoken encodings for its default tokenizer, NLTK data for
its sentence splitter) must come from the caches llama-index-core ships in ``llama_index/core/_static``.

The pipeline runs in a fresh interpreter whose sockets all refuse to connect (loopback included) and record the
attempt, with empty ``HOME`` and ``TMPDIR`` (so no cache left by an earlier run can hide a download) and no
``TIKTOKEN_CACHE_DIR``/``NLTK_DATA``/``DATA_GYM_CACHE_DIR`` in the environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import asyncio, json, socket, sys

attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args[:2])[:200])
    raise OSError("network blocked by test_offline")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

from llama_index.core import Document, Settings, VectorStoreIndex
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.callbacks import CallbackManager, TokenCountingHandler
from llama_index.core.memory import ChatMemoryBuffer
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.tools import FunctionTool
from llama_index.core.utils import get_tokenizer, globals_helper
from llama_index.embeddings.ai_sdk import AISDKEmbedding
from llama_index.llms.ai_sdk import AISDK

from ai_sdk_core.testing import (
    MockEmbeddingModel, MockLanguageModel, mock_text_result, text_stream_parts, tool_call_stream_parts,
)

counter = TokenCountingHandler()  # the default tokenizer: tiktoken's cl100k_base
Settings.callback_manager = CallbackManager([counter])
documents = [Document(text=f"Sentence one about topic {n}. Sentence two about topic {n}.") for n in range(5)]
splitter = SentenceSplitter(chunk_size=64, chunk_overlap=8)  # NLTK punkt and the tokenizer
embed_model = AISDKEmbedding(MockEmbeddingModel(), embed_batch_size=2)
index = VectorStoreIndex.from_documents(documents, embed_model=embed_model, transformations=[splitter])
llm = AISDK(MockLanguageModel(do_generate=mock_text_result("topic 3"), do_stream=text_stream_parts("top", "ic")))
answer = str(index.as_query_engine(llm=llm).query("Which topic?"))
engine = index.as_chat_engine(
    chat_mode="condense_plus_context", llm=llm, memory=ChatMemoryBuffer.from_defaults(token_limit=500)
)
streamed = "".join(engine.stream_chat("Which topic?").response_gen)
stopwords = len(globals_helper.stopwords)
tokens = len(get_tokenizer()("hello world"))

def add(a: int, b: int) -> int:
    "Add."
    return a + b

agent_model = MockLanguageModel(
    do_stream=[tool_call_stream_parts(("c1", "add", {"a": 1, "b": 2})), text_stream_parts("3")]
)
agent = FunctionAgent(tools=[FunctionTool.from_defaults(fn=add)], llm=AISDK(agent_model), streaming=True)

async def run_agent():
    return await agent.run(user_msg="1+2?")

agent_answer = str(asyncio.run(run_agent()).response.content)
pipeline_attempts = list(attempts)

# The guard itself works: a real download attempt is seen.
import urllib.request
try:
    urllib.request.urlopen("https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken", timeout=1)
except Exception:
    pass
print(json.dumps({
    "answer": answer, "streamed": streamed, "agent": agent_answer, "stopwords": stopwords, "tokens": tokens,
    "llm_counts": len(counter.llm_token_counts), "attempts": pipeline_attempts,
    "probe_seen": len(attempts) > len(pipeline_attempts),
}))
"""


def test_pipeline_never_touches_the_network(tmp_path: Path) -> None:
    home = tmp_path / "home"
    temporary = tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR", "NLTK_DATA", "XDG_CACHE_HOME"}
    }
    environment.update(HOME=str(home), TMPDIR=str(temporary), PYTHONDONTWRITEBYTECODE="1")
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "integrations")])
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=50,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert report["probe_seen"] is True
    assert report["answer"] == "topic 3"
    assert report["streamed"] == "topic"
    assert report["agent"] == "3"
    assert report["stopwords"] > 100
    assert report["tokens"] == 2
    assert report["llm_counts"] >= 2
    # Nothing was downloaded into the empty caches either.
    assert list(temporary.rglob("*")) == []
    assert not (home / ".cache").exists() or not any((home / ".cache").rglob("*tiktoken*"))
