"""LangChain integration: every AI SDK provider as a LangChain chat model (:class:`ChatAISDK`) and embeddings
(:class:`AISDKEmbeddings`). Install with ``pip install 'ai-sdk-core[langchain]'`` (langchain-core 1.x).

Example::

    from langchain_ai_sdk import ChatAISDK

    llm = ChatAISDK(model="openai:gpt-4.1-mini", temperature=0)
    print(llm.invoke("Say hi").text)
"""

from __future__ import annotations

try:
    import langchain_core  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the installed extras
    raise ImportError("langchain_ai_sdk needs langchain-core: pip install 'ai-sdk-core[langchain]'") from error

from langchain_ai_sdk.chat_model import ChatAISDK
from langchain_ai_sdk.embeddings import AISDKEmbeddings

__all__ = ["AISDKEmbeddings", "ChatAISDK"]
