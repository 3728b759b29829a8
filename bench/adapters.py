"""The framework adapters under test (case 6), with the interface of ``clients.py``, on OpenAI Chat Completions.

- LangChain: ``ChatOpenAI`` of ``langchain-openai`` against our ``ChatAISDK``; ``invoke``/``ainvoke`` per call,
  ``stream``/``astream`` per chunk. ``stream_usage=True`` makes ChatOpenAI ask for the usage chunk, as ChatAISDK
  always does; neither retries.
- LlamaIndex: ``OpenAI`` of ``llama-index-llms-openai`` against our ``AISDK``; ``chat``/``achat`` per call,
  ``stream_chat``/``astream_chat`` per chunk.

Both sides of a pair pay the framework's own machinery (LangChain's callback manager and run tree, LlamaIndex's
``llm_chat_callback`` events, one message chunk object per chunk): that is part of what a user sees, so the
target is stated on the overhead over raw httpx, ours at most half the peer's.
"""

from __future__ import annotations

from typing import Any

from clients import API_KEY, PROMPT, Implementation, Target

__all__ = ["ADAPTERS", "ChatAISDKAdapter", "ChatOpenAIAdapter", "LlamaIndexAISDK", "LlamaIndexOpenAI"]


class _LangChain(Implementation):
    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.model = self._build(target)

    def _build(self, target: Target) -> Any:
        raise NotImplementedError

    def call(self) -> None:
        assert self.model.invoke(PROMPT).content

    def stream(self) -> int:
        return sum(1 for chunk in self.model.stream(PROMPT) if chunk.content)

    async def acall(self) -> None:
        assert (await self.model.ainvoke(PROMPT)).content

    async def astream(self) -> int:
        count = 0
        async for chunk in self.model.astream(PROMPT):
            count += bool(chunk.content)
        return count


class ChatOpenAIAdapter(_LangChain):
    """``langchain_openai.ChatOpenAI`` (the peer)."""

    label = "langchain-openai ChatOpenAI"

    def _build(self, target: Target) -> Any:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=target.model_id, api_key=API_KEY, base_url=target.v1, max_retries=0, stream_usage=True)


class ChatAISDKAdapter(_LangChain):
    """``langchain_ai_sdk.ChatAISDK`` over our OpenAI chat model."""

    label = "langchain_ai_sdk ChatAISDK"
    ours = True

    def _build(self, target: Target) -> Any:
        from ai_sdk_core.providers.openai import create_openai
        from langchain_ai_sdk import ChatAISDK

        return ChatAISDK(model=create_openai(base_url=target.v1, api_key=API_KEY).chat(target.model_id), max_retries=0)


class _LlamaIndex(Implementation):
    def __init__(self, target: Target) -> None:
        super().__init__(target)
        from llama_index.core.llms import ChatMessage

        self.llm = self._build(target)
        self.messages = [ChatMessage(role="user", content=PROMPT)]

    def _build(self, target: Target) -> Any:
        raise NotImplementedError

    def call(self) -> None:
        assert self.llm.chat(self.messages).message.content

    def stream(self) -> int:
        return sum(1 for response in self.llm.stream_chat(self.messages) if response.delta)

    async def acall(self) -> None:
        assert (await self.llm.achat(self.messages)).message.content

    async def astream(self) -> int:
        count = 0
        async for response in await self.llm.astream_chat(self.messages):
            count += bool(response.delta)
        return count


class LlamaIndexOpenAI(_LlamaIndex):
    """``llama_index.llms.openai.OpenAI`` (the peer)."""

    label = "llama-index-llms-openai OpenAI"

    def _build(self, target: Target) -> Any:
        from llama_index.llms.openai import OpenAI

        return OpenAI(model=target.model_id, api_key=API_KEY, api_base=target.v1, max_retries=0)


class LlamaIndexAISDK(_LlamaIndex):
    """``llama_index.llms.ai_sdk.AISDK`` over our OpenAI chat model."""

    label = "llama_index AISDK"
    ours = True

    def _build(self, target: Target) -> Any:
        from ai_sdk_core.providers.openai import create_openai
        from llama_index.llms.ai_sdk import AISDK

        return AISDK(create_openai(base_url=target.v1, api_key=API_KEY).chat(target.model_id), max_retries=0)


# (peer, ours) pairs; the target compares their overheads over raw httpx.
ADAPTERS: list[tuple[type[Implementation], type[Implementation]]] = [
    (ChatOpenAIAdapter, ChatAISDKAdapter),
    (LlamaIndexOpenAI, LlamaIndexAISDK),
]
