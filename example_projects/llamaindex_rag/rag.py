"""Index a folder of text files with LlamaIndex and chat over it, through any AI SDK provider.

Offline by default: the chat model runs in this process (``llama-cpp:default``, SmolLM2-135M-Instruct) and the
embeddings too (``llama-cpp:all-minilm-l6-v2``). Any provider by flag::

    python rag.py                                        # interactive chat over ./docs, local models
    python rag.py "Why is Venus so hot?"                 # one question, answer streamed
    python rag.py --model openai:gpt-4o-mini --embedding-model openai:text-embedding-3-small "..."
    python rag.py --docs ~/notes --top-k 3

``--model`` falls back to ``AI_SDK_DEFAULT_MODEL``, then to the local model, like the ``ai-sdk`` command.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
from llama_index.core.chat_engine.types import BaseChatEngine
from llama_index.core.memory import ChatMemoryBuffer
from llama_index.core.node_parser import SentenceSplitter

from llama_index.embeddings.ai_sdk import AISDKEmbedding
from llama_index.llms.ai_sdk import AISDK

HERE = Path(__file__).resolve().parent
LOCAL_CHAT_MODEL = "llama-cpp:default"
LOCAL_EMBEDDING_MODEL = "llama-cpp:all-minilm-l6-v2"
MODEL_ENVIRONMENT_VARIABLE = "AI_SDK_DEFAULT_MODEL"
SYSTEM_PROMPT = "Answer from the context. If the context does not say, say you do not know. Be brief."


def build_index(folder: Path, embed_model: Any, *, chunk_size: int = 256) -> VectorStoreIndex:
    """Read every ``.txt``/``.md`` file under ``folder`` and embed it in chunks of ``chunk_size`` tokens."""
    reader = SimpleDirectoryReader(str(folder), required_exts=[".txt", ".md"], recursive=True)
    splitter = SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_size // 8)
    return VectorStoreIndex.from_documents(reader.load_data(), embed_model=embed_model, transformations=[splitter])


def chat_engine(index: VectorStoreIndex, llm: Any, *, top_k: int = 2) -> BaseChatEngine:
    """A chat engine that rewrites follow-ups into standalone questions and answers from the top ``top_k``
    chunks."""
    return index.as_chat_engine(
        chat_mode="condense_plus_context",
        llm=llm,
        similarity_top_k=top_k,
        system_prompt=SYSTEM_PROMPT,
        memory=ChatMemoryBuffer.from_defaults(token_limit=llm.metadata.context_window // 2),
    )


def ask(engine: BaseChatEngine, question: str, output: TextIO) -> str:
    """Stream the answer to ``output``, then list the files it came from; returns the answer."""
    response = engine.stream_chat(question)
    answer = ""
    for token in response.response_gen:
        answer += token
        output.write(token)
        output.flush()
    sources = sorted({str(node.node.metadata.get("file_name", "?")) for node in response.source_nodes})
    output.write(f"\n  [sources: {', '.join(sources)}]\n")
    return answer


def _parse(arguments: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("question", nargs="?", help="ask one question and exit (default: interactive chat)")
    parser.add_argument("--docs", type=Path, default=HERE / "docs", help="folder of text files (default: ./docs)")
    parser.add_argument(
        "--model", help=f"chat model, provider:model (default: ${MODEL_ENVIRONMENT_VARIABLE}, else local)"
    )
    parser.add_argument("--embedding-model", default=LOCAL_EMBEDDING_MODEL, help="embedding model, provider:model")
    parser.add_argument("--top-k", type=int, default=2, help="chunks retrieved per question")
    return parser.parse_args(arguments)


def main(arguments: Sequence[str] | None = None, *, llm: Any = None, embed_model: Any = None) -> int:
    """Run the example; ``llm``/``embed_model`` replace the models named by the flags (used by its test)."""
    options = _parse(arguments)
    model = options.model or os.environ.get(MODEL_ENVIRONMENT_VARIABLE) or LOCAL_CHAT_MODEL
    if llm is None and model == LOCAL_CHAT_MODEL:
        print(f"using the local model {LOCAL_CHAT_MODEL} (in process); pass --model for another", file=sys.stderr)
    llm = llm or AISDK(model, temperature=0)
    embed_model = embed_model or AISDKEmbedding(options.embedding_model)
    # No default OpenAI model anywhere: LlamaIndex would otherwise build one for anything not given a model.
    Settings.llm, Settings.embed_model = llm, embed_model
    index = build_index(options.docs, embed_model)
    engine = chat_engine(index, llm, top_k=options.top_k)
    if options.question:
        ask(engine, options.question, sys.stdout)
        return 0
    print("Ask about the documents (Ctrl-D to quit).", file=sys.stderr)
    for line in sys.stdin:
        if line.strip():
            ask(engine, line.strip(), sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
