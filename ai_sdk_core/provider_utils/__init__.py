"""Shared machinery of HTTP providers: transport, retries, time budgets, SSE decoding, JSON, settings, secrets.

This layer imports only :mod:`ai_sdk_core.spec`.
"""

from __future__ import annotations

from ai_sdk_core.provider_utils.event_stream import (
    ServerSentEvent,
    SSEDecoder,
    aiter_sse_events,
    iter_sse_events,
)
from ai_sdk_core.provider_utils.http import (
    AsyncResponseStream,
    HttpRequest,
    HttpResponse,
    HttpTransport,
    ParseErrorHook,
    ResponseStream,
    merge_headers,
)
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
