"""The chunks of the UI message stream, as JSON objects with the wire's camelCase keys, and what each protocol
major of the JS client (``ai`` 5.x, 6.x, 7.x) accepts.

Chunks are plain dicts on purpose: they are built once per streamed token and encoded at once, so a model class
per chunk would cost more than the JSON encoding itself. The TypedDicts below document (and type-check) their
shapes; ``NotRequired`` keys are left out when they have no value, never set to ``None``::

    {"type": "text-delta", "id": "text-1", "delta": "Hel"}
    {"type": "data-weather", "id": "w1", "data": {"city": "Paris", "status": "loading"}}

A client rejects a chunk whose ``type`` it does not know (its stream aborts), and each major knows a different
set, so a server picks a ``protocol_version``; :mod:`ai_sdk_core.ui.versions` adapts 7.x chunks to a lower one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "AbortChunk",
    "CHUNK_TYPES_BY_VERSION",
    "CustomChunk",
    "DataChunk",
    "ErrorChunk",
    "FIELDS_UNKNOWN_BY_VERSION",
    "FINISH_REASONS_BY_VERSION",
    "FileChunk",
    "FinishChunk",
    "FinishStepChunk",
    "LATEST_PROTOCOL_VERSION",
    "MessageMetadataChunk",
    "ReasoningDeltaChunk",
    "ReasoningEndChunk",
    "ReasoningFileChunk",
    "ReasoningStartChunk",
    "ResetStepChunk",
    "SUPPORTED_PROTOCOL_VERSIONS",
    "SourceDocumentChunk",
    "SourceUrlChunk",
    "StartChunk",
    "StartStepChunk",
    "SteeringMessageChunk",
    "TextDeltaChunk",
    "TextEndChunk",
    "TextStartChunk",
    "ToolApprovalRequestChunk",
    "ToolApprovalResponseChunk",
    "ToolInputAvailableChunk",
    "ToolInputDeltaChunk",
    "ToolInputErrorChunk",
    "ToolInputStartChunk",
    "ToolOutputAvailableChunk",
    "ToolOutputDeniedChunk",
    "ToolOutputErrorChunk",
    "UIMessageChunk",
    "check_protocol_version",
]

ProviderMetadata: TypeAlias = dict[str, dict[str, Any]]

SUPPORTED_PROTOCOL_VERSIONS: Final = (5, 6, 7)
"""The majors of the npm ``ai`` package whose ``useChat`` this server can feed (``protocol_version=``)."""

LATEST_PROTOCOL_VERSION: Final = 7


class StartChunk(TypedDict):
    """A message starts; ``messageId`` names it (the client makes one up when absent)."""

    type: Literal["start"]
    messageId: NotRequired[str]
    messageMetadata: NotRequired[Any]


class StartStepChunk(TypedDict):
    """A step (one model call) starts: the client adds a ``step-start`` part."""

    type: Literal["start-step"]


class FinishStepChunk(TypedDict):
    """A step ends (the client clears its active text and reasoning parts)."""

    type: Literal["finish-step"]


class ResetStepChunk(TypedDict):
    """7.x: drop the parts of the current step (the step is retried)."""

    type: Literal["reset-step"]


class FinishChunk(TypedDict):
    """The message is complete. ``finishReason`` values differ by major: see :data:`FINISH_REASONS_BY_VERSION`."""

    type: Literal["finish"]
    finishReason: NotRequired[str]
    messageMetadata: NotRequired[Any]


class AbortChunk(TypedDict):
    """The server stopped generating on purpose (``reason`` since 6.x)."""

    type: Literal["abort"]
    reason: NotRequired[str]


class ErrorChunk(TypedDict):
    """An error; ``errorText`` is what the user may see (masked by default)."""

    type: Literal["error"]
    errorText: str


class MessageMetadataChunk(TypedDict):
    """Metadata to merge into the message's ``metadata``."""

    type: Literal["message-metadata"]
    messageMetadata: Any


class TextStartChunk(TypedDict):
    """A text part starts."""

    type: Literal["text-start"]
    id: str
    providerMetadata: NotRequired[ProviderMetadata]


class TextDeltaChunk(TypedDict):
    """More text of the text part ``id``."""

    type: Literal["text-delta"]
    id: str
    delta: str
    providerMetadata: NotRequired[ProviderMetadata]


class TextEndChunk(TypedDict):
    """A text part is complete (``citations`` since 7.x)."""

    type: Literal["text-end"]
    id: str
    citations: NotRequired[list[Any]]
    providerMetadata: NotRequired[ProviderMetadata]


class ReasoningStartChunk(TypedDict):
    """A reasoning part starts."""

    type: Literal["reasoning-start"]
    id: str
    providerMetadata: NotRequired[ProviderMetadata]


class ReasoningDeltaChunk(TypedDict):
    """More text of the reasoning part ``id``."""

    type: Literal["reasoning-delta"]
    id: str
    delta: str
    providerMetadata: NotRequired[ProviderMetadata]


class ReasoningEndChunk(TypedDict):
    """A reasoning part is complete."""

    type: Literal["reasoning-end"]
    id: str
    providerMetadata: NotRequired[ProviderMetadata]


class ToolInputStartChunk(TypedDict):
    """A tool call's input starts streaming (``inputEncoding``, ``providerMetadata``, ``toolMetadata`` and
    ``title`` since 6.x)."""

    type: Literal["tool-input-start"]
    toolCallId: str
    toolName: str
    inputEncoding: NotRequired[Literal["json", "text"]]
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]
    toolMetadata: NotRequired[dict[str, Any]]
    dynamic: NotRequired[bool]
    title: NotRequired[str]


class ToolInputDeltaChunk(TypedDict):
    """More input text of a tool call."""

    type: Literal["tool-input-delta"]
    toolCallId: str
    inputTextDelta: str


class ToolInputAvailableChunk(TypedDict):
    """A tool call's input is complete and valid."""

    type: Literal["tool-input-available"]
    toolCallId: str
    toolName: str
    input: Any
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]
    toolMetadata: NotRequired[dict[str, Any]]
    dynamic: NotRequired[bool]
    title: NotRequired[str]


class ToolInputErrorChunk(TypedDict):
    """A tool call that cannot run (unknown tool, invalid input): the part goes to ``output-error``."""

    type: Literal["tool-input-error"]
    toolCallId: str
    toolName: str
    input: Any
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]
    toolMetadata: NotRequired[dict[str, Any]]
    dynamic: NotRequired[bool]
    errorText: str
    title: NotRequired[str]


class ToolApprovalRequestChunk(TypedDict):
    """6.x+: a call waits for the user's approval (``reason`` and ``isAutomatic`` since 7.x)."""

    type: Literal["tool-approval-request"]
    approvalId: str
    toolCallId: str
    approvalDescriptor: NotRequired[Any]
    inputSchemaInput: NotRequired[Any]
    reason: NotRequired[str]
    isAutomatic: NotRequired[bool]
    signature: NotRequired[str]


class ToolApprovalResponseChunk(TypedDict):
    """7.x: an approval was answered on the server side."""

    type: Literal["tool-approval-response"]
    approvalId: str
    approved: bool
    reason: NotRequired[str]
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]


class ToolOutputAvailableChunk(TypedDict):
    """A tool's output (``preliminary`` outputs are replaced by later ones)."""

    type: Literal["tool-output-available"]
    toolCallId: str
    output: Any
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]
    toolMetadata: NotRequired[dict[str, Any]]
    dynamic: NotRequired[bool]
    preliminary: NotRequired[bool]


class ToolOutputErrorChunk(TypedDict):
    """A tool failed; ``errorText`` is what the user sees."""

    type: Literal["tool-output-error"]
    toolCallId: str
    errorText: str
    providerExecuted: NotRequired[bool]
    providerMetadata: NotRequired[ProviderMetadata]
    toolMetadata: NotRequired[dict[str, Any]]
    dynamic: NotRequired[bool]


class ToolOutputDeniedChunk(TypedDict):
    """6.x+: the user denied the call."""

    type: Literal["tool-output-denied"]
    toolCallId: str


class SourceUrlChunk(TypedDict):
    """A cited web page."""

    type: Literal["source-url"]
    sourceId: str
    url: str
    title: NotRequired[str]
    providerMetadata: NotRequired[ProviderMetadata]


class SourceDocumentChunk(TypedDict):
    """A cited document."""

    type: Literal["source-document"]
    sourceId: str
    mediaType: str
    title: str
    filename: NotRequired[str]
    providerMetadata: NotRequired[ProviderMetadata]


class FileChunk(TypedDict):
    """A generated file; ``url`` is a ``data:`` URL or a hosted one."""

    type: Literal["file"]
    url: str
    mediaType: str
    providerMetadata: NotRequired[ProviderMetadata]


class ReasoningFileChunk(TypedDict):
    """7.x: a file that is part of the model's reasoning."""

    type: Literal["reasoning-file"]
    url: str
    mediaType: str
    providerMetadata: NotRequired[ProviderMetadata]


class CustomChunk(TypedDict):
    """7.x: provider content of a ``kind`` the SDK does not model."""

    type: Literal["custom"]
    kind: str
    providerMetadata: NotRequired[ProviderMetadata]


class SteeringMessageChunk(TypedDict):
    """7.x: a user message injected while the assistant answers (``parts``: text and file parts)."""

    type: Literal["steering-message"]
    id: str
    parts: list[dict[str, Any]]


class DataChunk(TypedDict):
    """App data: ``type`` is ``"data-<name>"``. A later chunk with the same type and ``id`` replaces the part's
    data in place; a ``transient`` one reaches the client's ``onData`` but is never stored in the message."""

    type: str
    data: Any
    id: NotRequired[str]
    transient: NotRequired[bool]


UIMessageChunk: TypeAlias = Mapping[str, Any]
"""Any chunk: a mapping with a ``type`` (the TypedDicts above describe each type's keys). Every function that
produces chunks produces plain ``dict`` objects."""

_CHUNK_TYPES_6 = frozenset(
    {
        "start",
        "start-step",
        "text-start",
        "text-delta",
        "text-end",
        "reasoning-start",
        "reasoning-delta",
        "reasoning-end",
        "tool-input-start",
        "tool-input-delta",
        "tool-input-available",
        "tool-input-error",
        "tool-approval-request",
        "tool-output-available",
        "tool-output-error",
        "tool-output-denied",
        "source-url",
        "source-document",
        "file",
        "finish-step",
        "finish",
        "abort",
        "message-metadata",
        "error",
    }
)

CHUNK_TYPES_BY_VERSION: Final[Mapping[int, frozenset[str]]] = {
    7: _CHUNK_TYPES_6 | {"tool-approval-response", "custom", "reasoning-file", "steering-message", "reset-step"},
    6: _CHUNK_TYPES_6,
    5: _CHUNK_TYPES_6 - {"tool-approval-request", "tool-output-denied"},
}
"""The chunk types each major's schema accepts, besides ``data-<name>`` (every major accepts those)."""

FINISH_REASONS_BY_VERSION: Final[Mapping[int, frozenset[str]]] = {
    7: frozenset({"stop", "length", "content-filter", "tool-calls", "error", "interrupted", "other"}),
    6: frozenset({"stop", "length", "content-filter", "tool-calls", "error", "other"}),
    5: frozenset({"stop", "length", "content-filter", "tool-calls", "error", "other", "unknown"}),
}
"""The ``finishReason`` values of a ``finish`` chunk each major accepts (any other value aborts its stream)."""

_ADDED_IN_6 = {
    "tool-input-start": frozenset({"inputEncoding", "providerMetadata", "toolMetadata", "title"}),
    "tool-input-available": frozenset({"toolMetadata", "title"}),
    "tool-input-error": frozenset({"toolMetadata", "title"}),
    "tool-output-available": frozenset({"providerMetadata", "toolMetadata"}),
    "tool-output-error": frozenset({"providerMetadata", "toolMetadata"}),
    "abort": frozenset({"reason"}),
}
_ADDED_IN_7 = {
    "text-end": frozenset({"citations"}),
    "tool-approval-request": frozenset({"reason", "isAutomatic"}),
}

FIELDS_UNKNOWN_BY_VERSION: Final[Mapping[int, Mapping[str, frozenset[str]]]] = {
    7: {},
    6: _ADDED_IN_7,
    5: {**_ADDED_IN_6, **_ADDED_IN_7},
}
"""Per major, the keys of a chunk type that came later. The clients' schemas let unknown keys through, so
these are removed for tidiness and so that a lower client never reads a value it does not understand."""


def check_protocol_version(protocol_version: int) -> int:
    """Return ``protocol_version`` if supported; raise ``InvalidArgumentError`` naming the supported ones."""
    if protocol_version not in SUPPORTED_PROTOCOL_VERSIONS:
        from ai_sdk_core.spec.errors import InvalidArgumentError

        supported = ", ".join(str(version) for version in SUPPORTED_PROTOCOL_VERSIONS)
        raise InvalidArgumentError(
            f"must be one of {supported} (the major of the npm `ai` package the client runs)",
            argument="protocol_version",
            value=protocol_version,
        )
    return protocol_version
