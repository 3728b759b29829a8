"""Shared machinery of HTTP providers: transport, retries, time budgets, SSE decoding, JSON, settings, secrets.

This layer imports only :mod:`ai_sdk_core.spec`. Importing the package loads none of its modules: each public
name loads its module (and httpx or pydantic_core, where that module needs them) on first access.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ai_sdk_core.provider_utils.event_stream import (
        ServerSentEvent,
        SSEDecoder,
        aiter_sse_events,
        iter_sse_events,
    )
    from ai_sdk_core.provider_utils.http import HttpRequest, HttpResponse, HttpTransport, merge_headers
    from ai_sdk_core.provider_utils.http_errors import ParseErrorHook
    from ai_sdk_core.provider_utils.http_model import (
        AsyncPartStream,
        HttpEmbeddingModel,
        HttpLanguageModel,
        PartStream,
        PreparedCall,
        StreamDecoder,
        apost_json,
        parse_json_response,
        post_json,
    )
    from ai_sdk_core.provider_utils.json import (
        PartialJSONState,
        parse_json,
        parse_partial_json,
        to_json_bytes,
        to_json_str,
        try_parse_json,
    )
    from ai_sdk_core.provider_utils.response_stream import AsyncResponseStream, ResponseStream
    from ai_sdk_core.provider_utils.retry import (
        acall_with_retries,
        call_with_retries,
        compute_retry_delay,
    )
    from ai_sdk_core.provider_utils.secret import Secret
    from ai_sdk_core.provider_utils.settings import (
        NOT_GIVEN,
        NotGiven,
        load_api_key,
        load_optional_setting,
        load_setting,
        without_trailing_slash,
    )
    from ai_sdk_core.provider_utils.timeouts import TimeBudget

__all__ = [
    "AsyncPartStream",
    "AsyncResponseStream",
    "HttpEmbeddingModel",
    "HttpLanguageModel",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "NOT_GIVEN",
    "NotGiven",
    "ParseErrorHook",
    "PartStream",
    "PartialJSONState",
    "PreparedCall",
    "ResponseStream",
    "SSEDecoder",
    "Secret",
    "ServerSentEvent",
    "StreamDecoder",
    "TimeBudget",
    "acall_with_retries",
    "aiter_sse_events",
    "apost_json",
    "call_with_retries",
    "compute_retry_delay",
    "iter_sse_events",
    "load_api_key",
    "load_optional_setting",
    "load_setting",
    "merge_headers",
    "parse_json",
    "parse_json_response",
    "parse_partial_json",
    "post_json",
    "to_json_bytes",
    "to_json_str",
    "try_parse_json",
    "without_trailing_slash",
]

# Public name -> module that defines it, imported on first attribute access (PEP 562).
_LAZY: dict[str, str] = {
    "SSEDecoder": "ai_sdk_core.provider_utils.event_stream",
    "ServerSentEvent": "ai_sdk_core.provider_utils.event_stream",
    "aiter_sse_events": "ai_sdk_core.provider_utils.event_stream",
    "iter_sse_events": "ai_sdk_core.provider_utils.event_stream",
    "HttpRequest": "ai_sdk_core.provider_utils.http",
    "HttpResponse": "ai_sdk_core.provider_utils.http",
    "HttpTransport": "ai_sdk_core.provider_utils.http",
    "ParseErrorHook": "ai_sdk_core.provider_utils.http_errors",
    "AsyncResponseStream": "ai_sdk_core.provider_utils.response_stream",
    "ResponseStream": "ai_sdk_core.provider_utils.response_stream",
    "merge_headers": "ai_sdk_core.provider_utils.http",
    "AsyncPartStream": "ai_sdk_core.provider_utils.http_model",
    "HttpEmbeddingModel": "ai_sdk_core.provider_utils.http_model",
    "HttpLanguageModel": "ai_sdk_core.provider_utils.http_model",
    "PartStream": "ai_sdk_core.provider_utils.http_model",
    "PreparedCall": "ai_sdk_core.provider_utils.http_model",
    "StreamDecoder": "ai_sdk_core.provider_utils.http_model",
    "apost_json": "ai_sdk_core.provider_utils.http_model",
    "parse_json_response": "ai_sdk_core.provider_utils.http_model",
    "post_json": "ai_sdk_core.provider_utils.http_model",
    "PartialJSONState": "ai_sdk_core.provider_utils.json",
    "parse_json": "ai_sdk_core.provider_utils.json",
    "parse_partial_json": "ai_sdk_core.provider_utils.json",
    "to_json_bytes": "ai_sdk_core.provider_utils.json",
    "to_json_str": "ai_sdk_core.provider_utils.json",
    "try_parse_json": "ai_sdk_core.provider_utils.json",
    "acall_with_retries": "ai_sdk_core.provider_utils.retry",
    "call_with_retries": "ai_sdk_core.provider_utils.retry",
    "compute_retry_delay": "ai_sdk_core.provider_utils.retry",
    "Secret": "ai_sdk_core.provider_utils.secret",
    "NOT_GIVEN": "ai_sdk_core.provider_utils.settings",
    "NotGiven": "ai_sdk_core.provider_utils.settings",
    "load_api_key": "ai_sdk_core.provider_utils.settings",
    "load_optional_setting": "ai_sdk_core.provider_utils.settings",
    "load_setting": "ai_sdk_core.provider_utils.settings",
    "without_trailing_slash": "ai_sdk_core.provider_utils.settings",
    "TimeBudget": "ai_sdk_core.provider_utils.timeouts",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
