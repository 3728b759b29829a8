"""django_ai_sdk: the AI SDK as a Django app.

Add ``"django_ai_sdk"`` to ``INSTALLED_APPS``, configure ``AI_SDK`` (see :mod:`django_ai_sdk.conf`), and::

    from django_ai_sdk import ai_models
    from django_ai_sdk.views import ChatView

Names load on first use, so importing the package (as Django does while reading ``INSTALLED_APPS``) touches
neither the models nor the core.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_ai_sdk.cache import DjangoCacheStore
    from django_ai_sdk.chat_request import ChatRequestRejected
    from django_ai_sdk.handler import AIModelDoesNotExist, AIModelHandler, ai_models
    from django_ai_sdk.views import ChatHistoryView, ChatView, stream_chat_response

__all__ = [
    "AIModelDoesNotExist",
    "AIModelHandler",
    "ChatHistoryView",
    "ChatRequestRejected",
    "ChatView",
    "DjangoCacheStore",
    "ai_models",
    "stream_chat_response",
]

_MODULE_OF_NAME = {
    "AIModelDoesNotExist": "django_ai_sdk.handler",
    "AIModelHandler": "django_ai_sdk.handler",
    "ai_models": "django_ai_sdk.handler",
    "ChatRequestRejected": "django_ai_sdk.chat_request",
    "ChatHistoryView": "django_ai_sdk.views",
    "ChatView": "django_ai_sdk.views",
    "stream_chat_response": "django_ai_sdk.views",
    "DjangoCacheStore": "django_ai_sdk.cache",
}


def __getattr__(name: str) -> Any:
    module_name = _MODULE_OF_NAME.get(name)
    if module_name is None:
        raise AttributeError(f"module 'django_ai_sdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
