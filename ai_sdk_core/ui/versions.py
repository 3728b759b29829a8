"""Adapting 7.x chunks to the major of the JS client that reads them.

The client never says which major it runs, and each major's chunk schema rejects a ``type`` it does not know:
one unknown chunk aborts the whole stream. So the server is configured with a ``protocol_version`` and every
chunk goes through :func:`adapt_chunk` on its way to the encoder.

==========================  ==================================  ==================================
7.x chunk                    for 6.x                              for 5.x
==========================  ==================================  ==================================
tool-approval-request        kept; ``reason``, ``isAutomatic``    ``tool-output-error`` with
                             removed                              :data:`APPROVAL_UNSUPPORTED_TEXT`
                                                                  (5.x has no approval state: the
                                                                  call ends as failed, and the next
                                                                  request tells the model so)
tool-output-denied           kept                                 ``tool-output-error`` with
                                                                  :data:`DENIED_TEXT`
tool-approval-response       dropped (6.x records approvals       dropped
                             on the client only)
custom                       dropped (no such part)               dropped
reasoning-file               dropped (reasoning, not answer)      dropped
steering-message             dropped (no such part)               dropped
reset-step                   dropped: the parts of the retried    dropped (same)
                             step stay on the client
finish ``interrupted``       ``other``                            ``other``
finish, any value the        ``other``                            ``other``
major lacks (``unknown``)
text-end                     ``citations`` removed                ``citations`` removed
tool-input-start             kept                                 ``inputEncoding``,
                                                                  ``providerMetadata``,
                                                                  ``toolMetadata``, ``title`` removed
tool-input-available/-error  kept                                 ``toolMetadata``, ``title`` removed
tool-output-available/-error kept                                 ``providerMetadata``,
                                                                  ``toolMetadata`` removed
abort                        kept                                 ``reason`` removed
==========================  ==================================  ==================================

A 5.x client finds the part of a tool chunk by the chunk's ``dynamic`` flag alone (7.x looks at the part it
already has): it aborts on a ``tool-output-error`` that looks in the wrong place, and a ``tool-input-error``
whose flag differs from its ``tool-input-start`` (a call of an unknown tool) would add a second part next to a
part left streaming forever. So for 5.x the stream encoders remember each call's flag (``tool_calls``, one dict
per stream): a replacement ``tool-output-error`` of a dynamic call says ``"dynamic": true``, and a
``tool-input-error`` takes the flag its call started with.

Every other chunk type (and every ``data-<name>`` chunk) passes unchanged in every major. A chunk whose ``type``
no major knows is dropped with a warning in the log (a client would abort on it), for 7.x too.

``None`` values are removed on the way (a key that is absent in JSON; the clients' schemas reject ``null`` for
optional fields), except under ``input``, ``output`` and ``data``, where JSON ``null`` is the payload itself.

*Clean* chunks need none of this for 7.x: plain dicts of a 7.x type without ``None`` values. The chunk
generators of this package produce only clean chunks and are registered with :func:`clean_source`, so the
encoder skips every per-chunk check for them (:func:`is_clean_source`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from types import CodeType
from typing import Any, Final, TypeVar

from ai_sdk_core.ui.chunks import (
    CHUNK_TYPES_BY_VERSION,
    FIELDS_UNKNOWN_BY_VERSION,
    FINISH_REASONS_BY_VERSION,
    LATEST_PROTOCOL_VERSION,
    check_protocol_version,
)
from ai_sdk_core.ui.errors import UIMessageStreamError

__all__ = [
    "APPROVAL_UNSUPPORTED_TEXT",
    "DENIED_TEXT",
    "NULLABLE_KEYS",
    "PASS_THROUGH_TYPES",
    "adapt_chunk",
    "adapt_clean_chunk",
    "clean_source",
    "is_clean_source",
]

logger = logging.getLogger("ai_sdk_core.ui")

APPROVAL_UNSUPPORTED_TEXT: Final = "This tool call needs the user's approval, which this client cannot give."
"""The ``errorText`` that replaces a ``tool-approval-request`` for 5.x clients."""

DENIED_TEXT: Final = "The user denied this tool call."
"""The ``errorText`` that replaces a ``tool-output-denied`` for 5.x clients."""

PASS_THROUGH_TYPES: Final[Mapping[int, frozenset[str]]] = {
    version: frozenset(
        chunk_type
        for chunk_type in CHUNK_TYPES_BY_VERSION[version]
        if chunk_type != "finish" and chunk_type not in FIELDS_UNKNOWN_BY_VERSION[version]
    )
    for version in CHUNK_TYPES_BY_VERSION
}
"""Per major, the chunk types that need no adapting at all: the encoder skips :func:`adapt_chunk` for them."""

# Chunk types of a higher major that a lower one gets in another form: (major, type) -> replacement text.
_AS_TOOL_OUTPUT_ERROR: Final = {
    (5, "tool-approval-request"): APPROVAL_UNSUPPORTED_TEXT,
    (5, "tool-output-denied"): DENIED_TEXT,
}

NULLABLE_KEYS: Final = frozenset({"input", "output", "data"})
"""Keys whose value is the payload itself (a tool's input or output, app data): ``None`` there is sent as JSON
``null``, as the JS SDK sends ``output: null`` for a tool that returned nothing. Elsewhere None means absent."""

_warned_types: set[str] = set()


def _warn_unknown(chunk_type: Any) -> None:
    # Once per type: a stream of thousands of bad chunks must not flood the log.
    key = repr(chunk_type)
    if key not in _warned_types:
        _warned_types.add(key)
        logger.warning("Dropped a UI message chunk of unknown type %s: a client would abort its stream on it", key)


def adapt_chunk(
    chunk: Mapping[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None
) -> list[dict[str, Any]]:
    """The chunks to send a client of major ``protocol_version`` in place of ``chunk``: usually one clean copy
    (``None`` values left out), sometimes an adapted one, ``[]`` for a chunk that major cannot read (see the
    module's table). The input is never modified. ``tool_calls``: the stream's tool calls so far (id -> whether
    dynamic), updated here, so that 5.x chunks of a call agree on its ``dynamic`` flag.

    Raises :class:`~ai_sdk_core.ui.errors.UIMessageStreamError` for a value that is not a chunk at all (not a
    mapping, or no string ``type``).
    """
    check_protocol_version(protocol_version)
    if not isinstance(chunk, Mapping):
        raise UIMessageStreamError(
            f"A UI message chunk must be a mapping, not {type(chunk).__name__}", chunk_type=type(chunk).__name__
        )
    chunk_type = chunk.get("type")
    if not isinstance(chunk_type, str):
        raise UIMessageStreamError("A UI message chunk needs a string 'type'", chunk_type=repr(chunk_type))
    cleaned = {key: value for key, value in chunk.items() if value is not None or key in NULLABLE_KEYS}
    if chunk_type.startswith("data-") or chunk_type in CHUNK_TYPES_BY_VERSION[LATEST_PROTOCOL_VERSION]:
        return adapt_clean_chunk(cleaned, protocol_version, tool_calls)
    # Every type of 5.x and 6.x is a 7.x type: this one no client reads.
    _warn_unknown(chunk_type)
    return []


def adapt_clean_chunk(
    chunk: dict[str, Any], protocol_version: int, tool_calls: dict[str, bool] | None = None
) -> list[dict[str, Any]]:
    """:func:`adapt_chunk` for a clean chunk (a dict of a 7.x type without None values): returns ``[chunk]``
    itself when it needs no change."""
    chunk_type = chunk["type"]
    if chunk_type in PASS_THROUGH_TYPES[protocol_version] or chunk_type.startswith("data-"):
        return [chunk]
    # Only reached where a chunk needs adapting, which in 5.x includes every tool-input-* chunk.
    if tool_calls is not None and protocol_version == 5 and chunk_type in _CALL_CHUNK_TYPES:
        chunk = _agree_on_dynamic(chunk, tool_calls)
    if chunk_type not in CHUNK_TYPES_BY_VERSION[protocol_version]:
        replacement_text = _AS_TOOL_OUTPUT_ERROR.get((protocol_version, chunk_type))
        if replacement_text is not None:
            tool_call_id = chunk.get("toolCallId", "")
            replacement = {"type": "tool-output-error", "toolCallId": tool_call_id, "errorText": replacement_text}
            if tool_calls is not None and tool_calls.get(tool_call_id):
                replacement["dynamic"] = True
            return [replacement]
        return []
    unknown_fields = FIELDS_UNKNOWN_BY_VERSION[protocol_version].get(chunk_type)
    if unknown_fields and not unknown_fields.isdisjoint(chunk):
        chunk = {key: value for key, value in chunk.items() if key not in unknown_fields}
    if chunk_type == "finish":
        reason = chunk.get("finishReason")
        if reason is not None and reason not in FINISH_REASONS_BY_VERSION[protocol_version]:
            chunk = {**chunk, "finishReason": "other"}
    return [chunk]


_CALL_CHUNK_TYPES: Final = frozenset({"tool-input-start", "tool-input-available", "tool-input-error"})


def _agree_on_dynamic(chunk: dict[str, Any], tool_calls: dict[str, bool]) -> dict[str, Any]:
    """Note the call's ``dynamic`` flag; a ``tool-input-error`` gets the flag the call already has (what a 7.x
    client does: it updates the existing part whatever the chunk says)."""
    tool_call_id = chunk.get("toolCallId")
    if not isinstance(tool_call_id, str):
        return chunk
    dynamic = chunk.get("dynamic") is True
    known = tool_calls.get(tool_call_id)
    if chunk["type"] == "tool-input-error" and known is not None and known != dynamic:
        if known:
            return {**chunk, "dynamic": True}
        return {key: value for key, value in chunk.items() if key != "dynamic"}
    tool_calls[tool_call_id] = dynamic
    return chunk


_CLEAN_SOURCE_CODES: set[CodeType] = set()
_Function = TypeVar("_Function", bound=Callable[..., Any])


def clean_source(function: _Function) -> _Function:
    """Register a generator function (sync or async) of this package that yields only clean chunks."""
    _CLEAN_SOURCE_CODES.add(function.__code__)
    return function


def is_clean_source(chunks: Any) -> bool:
    """Whether ``chunks`` is a generator made by a :func:`clean_source` function (checked once per stream)."""
    code = getattr(chunks, "gi_code", None) or getattr(chunks, "ag_code", None)
    return code in _CLEAN_SOURCE_CODES
