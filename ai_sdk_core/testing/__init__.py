"""Test doubles shipped to users: mock models, a fixture-replay HTTP transport, a fault-injection HTTP server
(:class:`FaultServer`, 127.0.0.1 only) and an opt-in pytest plugin.

Example::

    from ai_sdk_core import generate_text
    from ai_sdk_core.testing import MockLanguageModel, mock_text_result

    model = MockLanguageModel(do_generate=mock_text_result("Hello!"))
    assert generate_text(model=model, prompt="Hi").text == "Hello!"

The pytest plugin (a network guard and cleared vendor keys for every test) is opt-in: add
``pytest_plugins = ["ai_sdk_core.testing.pytest_plugin"]`` to your ``conftest.py``.

Names load on first use, so importing this package does not import httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ai_sdk_core.testing.fault_server import (
        Connection,
        Drip,
        FaultServer,
        Flood,
        Handler,
        ReceivedRequest,
        Redirect,
        Reply,
        Silent,
        Stream,
        sse,
    )
    from ai_sdk_core.testing.mock_models import (
        MockEmbeddingModel,
        MockImageModel,
        MockLanguageModel,
        MockRerankingModel,
        MockSpeechModel,
        MockStream,
        MockTranscriptionModel,
        mock_text_result,
        mock_tool_call_result,
        mock_usage,
        simulate_stream,
        text_stream_parts,
        tool_call_stream_parts,
    )
    from ai_sdk_core.testing.replay import RecordedRequest, ReplayExhaustedError, ReplayResponse, ReplayTransport

__all__ = [
    "Connection",
    "Drip",
    "FaultServer",
    "Flood",
    "Handler",
    "MockEmbeddingModel",
    "MockImageModel",
    "MockLanguageModel",
    "MockRerankingModel",
    "MockSpeechModel",
    "MockStream",
    "MockTranscriptionModel",
    "ReceivedRequest",
    "RecordedRequest",
    "Redirect",
    "ReplayExhaustedError",
    "ReplayResponse",
    "ReplayTransport",
    "Reply",
    "Silent",
    "Stream",
    "mock_text_result",
    "mock_tool_call_result",
    "mock_usage",
    "simulate_stream",
    "sse",
    "text_stream_parts",
    "tool_call_stream_parts",
]

_MODULE_OF_NAME = {
    **dict.fromkeys(
        [
            "MockEmbeddingModel",
            "MockImageModel",
            "MockLanguageModel",
            "MockRerankingModel",
            "MockSpeechModel",
            "MockTranscriptionModel",
            "MockStream",
            "mock_text_result",
            "mock_tool_call_result",
            "mock_usage",
            "simulate_stream",
            "text_stream_parts",
            "tool_call_stream_parts",
        ],
        "ai_sdk_core.testing.mock_models",
    ),
    **dict.fromkeys(
        ["RecordedRequest", "ReplayExhaustedError", "ReplayResponse", "ReplayTransport"],
        "ai_sdk_core.testing.replay",
    ),
    **dict.fromkeys(
        [
            "Connection",
            "Drip",
            "FaultServer",
            "Flood",
            "Handler",
            "ReceivedRequest",
            "Redirect",
            "Reply",
            "Silent",
            "Stream",
            "sse",
        ],
        "ai_sdk_core.testing.fault_server",
    ),
}


def __getattr__(name: str) -> Any:
    module_name = _MODULE_OF_NAME.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ai_sdk_core.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
