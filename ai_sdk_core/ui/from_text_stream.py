"""``stream_text``'s parts -> UI message chunks, as the JS ``toUIMessageStream`` maps them.

One pure state machine (:class:`TextStreamToChunks`) and two thin drivers::

    result = stream_text(model=model, messages=messages)
    for chunk in result.to_ui_message_stream(send_sources=True):      # or to_ui_message_stream(result, ...)
        ...

    result = astream_text(model=model, messages=messages)
    async for chunk in result.to_ui_message_stream(on_finish=save):   # or ato_ui_message_stream(result, ...)
        ...

What each part becomes (``-`` = nothing):

==========================  ====================================================================================
part                        chunk(s)
==========================  ====================================================================================
start                       ``start`` (with ``messageId`` and ``messageMetadata`` when there are any;
                            ``send_start=False``: -)
start-step / finish-step    ``start-step`` / ``finish-step``
text-start/-delta/-end      ``text-start`` / ``text-delta`` / ``text-end``
reasoning-*                 ``reasoning-*`` (``send_reasoning=False``: -)
tool-input-start/-delta     ``tool-input-start`` / ``tool-input-delta``; tool-input-end: -
tool-call                   ``tool-input-available``; an invalid call: ``tool-input-error`` (and the tool-error
                            that answers it: -)
tool-result / tool-error    ``tool-output-available`` / ``tool-output-error``
tool-approval-request       ``tool-approval-request``
tool-output-denied          ``tool-output-denied``
source                      ``source-url`` / ``source-document`` (only with ``send_sources=True``)
file                        ``file`` with a ``data:`` URL
error                       ``error`` with ``on_error``'s text (default ``"An error occurred."``); the real
                            error goes to the ``ai_sdk_core.ui`` logger
finish                      ``finish`` with ``finishReason`` (``send_finish=False``: -)
raw                         -
==========================  ====================================================================================

``message_metadata(part)`` is called with every part: a value that is not None goes into the ``start`` or
``finish`` chunk for those parts, and into a ``message-metadata`` chunk for the others (before the
``finish-step`` it accompanies).

Tool error texts follow the JS SDK: without ``on_error`` the client sees the same text as the model (the tool's
error message), so that the history it posts back converts to the same tool result; with ``on_error`` (or
``redact_tool_errors=True``) it sees ``on_error``'s text.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from ai_sdk_core.generate_text.results import (
    ToolApprovalRequest,
    ToolCall,
    ToolError,
    ToolOutputDenied,
    ToolResult,
)
from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import (
    ErrorPart,
    FinishPart,
    FinishStepPart,
    ReasoningDeltaPart,
    ReasoningEndPart,
    ReasoningStartPart,
    StartPart,
    StartStepPart,
    TextDeltaPart,
    TextEndPart,
    TextStartPart,
    ToolInputDeltaPart,
    ToolInputStartPart,
)
from ai_sdk_core.spec.content import FileContent, SourceContent
from ai_sdk_core.ui.chunks import FINISH_REASONS_BY_VERSION, LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.finish import (
    ResponseMessageTracker,
    UIMessageStreamFinish,
    call_async_callback,
    call_sync_callback,
    check_sync_callback,
)
from ai_sdk_core.ui.versions import clean_source

if TYPE_CHECKING:
    from ai_sdk_core.ui.messages import UIMessage

__all__ = [
    "DEFAULT_ERROR_TEXT",
    "TextStreamToChunks",
    "UIMessageStreamOptions",
    "ato_text_stream",
    "ato_ui_message_stream",
    "to_text_stream",
    "to_ui_message_stream",
]

logger = logging.getLogger("ai_sdk_core.ui")

# A finish reason the client does not know would abort its stream (a provider's own value, say).
_FINISH_REASONS = FINISH_REASONS_BY_VERSION[LATEST_PROTOCOL_VERSION]

DEFAULT_ERROR_TEXT = "An error occurred."
"""What the client sees for an error when no ``on_error`` says otherwise (the JS SDK's text)."""

Chunk = dict[str, Any]


class UIMessageStreamOptions(TypedDict, total=False):
    """Options of :func:`to_ui_message_stream` and of ``result.to_ui_message_stream(...)``.

    ``original_messages``: the conversation posted by the client; when it ends with an assistant message, the
    response continues that message (same id). ``generate_message_id``: makes the id of a new response message
    (otherwise the client makes one). ``on_finish``: called once with a :class:`UIMessageStreamFinish` when the
    stream ends, also when the client goes away (``is_aborted``); async functions only with the async form.
    ``message_metadata``: called with each part, see the module docs. ``send_reasoning`` (default True),
    ``send_sources`` (default False), ``send_start`` / ``send_finish`` (default True; turn them off when merging
    several streams into one message). ``on_error``: the text the client sees for an error (default
    ``"An error occurred."``). ``redact_tool_errors``: send ``on_error``'s text for tool errors too (default:
    whether ``on_error`` is given). ``protocol_version``: the major of the client's npm ``ai`` package (5, 6 or
    7, the default), as given to the encoder: the chunks stay 7.x chunks, but ``on_finish`` gets the message as
    that client assembles them (older majors differ on a few sequences; see :mod:`ai_sdk_core.ui.client_rules`).
    """

    original_messages: Sequence[UIMessage | Mapping[str, Any]] | None
    generate_message_id: Callable[[], str] | None
    on_finish: Callable[[UIMessageStreamFinish], Any] | None
    message_metadata: Callable[[Any], Any] | None
    send_reasoning: bool
    send_sources: bool
    send_start: bool
    send_finish: bool
    on_error: Callable[[BaseException], str] | None
    redact_tool_errors: bool
    protocol_version: int


def _model_error_text(error: BaseException) -> str:
    """The text the model read for a failed tool (the loop's own rendering)."""
    from ai_sdk_core.generate_text.steps import tool_error_output

    return str(tool_error_output(error).value)


def _data_url(file: FileContent) -> str:
    data = file.data
    encoded = base64.b64encode(data).decode("ascii") if isinstance(data, bytes | bytearray) else data
    return f"data:{file.media_type};base64,{encoded}"


class TextStreamToChunks:
    """The state machine: :meth:`convert` maps one ``full_stream`` part to the chunks to send, in order.

    Pure apart from the callbacks it is given (``on_error``, ``message_metadata``) and the error log line.
    """

    __slots__ = (
        "_handlers",
        "_invalid_tool_call_ids",
        "_message_metadata",
        "_on_error",
        "_redact_tool_errors",
        "_send_finish",
        "_send_reasoning",
        "_send_sources",
        "_send_start",
        "_tools",
    )

    def __init__(
        self,
        *,
        tools: Mapping[str, Any] | None = None,
        send_reasoning: bool = True,
        send_sources: bool = False,
        send_start: bool = True,
        send_finish: bool = True,
        on_error: Callable[[BaseException], str] | None = None,
        redact_tool_errors: bool | None = None,
        message_metadata: Callable[[Any], Any] | None = None,
    ) -> None:
        self._tools = tools
        self._send_reasoning = send_reasoning
        self._send_sources = send_sources
        self._send_start = send_start
        self._send_finish = send_finish
        self._on_error = on_error
        self._redact_tool_errors = on_error is not None if redact_tool_errors is None else redact_tool_errors
        self._message_metadata = message_metadata
        self._invalid_tool_call_ids: set[str] = set()
        self._handlers: dict[type, Callable[[Any, Any], Chunk | None]] = _HANDLERS

    # -- shared helpers ----------------------------------------------------------------------------------------

    def error_text(self, error: BaseException) -> str:
        """The client's text for ``error`` (``on_error``'s, or the default)."""
        if self._on_error is None:
            return DEFAULT_ERROR_TEXT
        return str(self._on_error(error))

    def _tool_error_text(self, error: BaseException) -> str:
        return self.error_text(error) if self._redact_tool_errors else _model_error_text(error)

    def _dynamic(self, tool_name: str, part_dynamic: bool) -> bool | None:
        # As the JS isDynamic: a known tool is dynamic only if it was declared so; an unknown one as the part says
        # (invalid calls of unknown tools are dynamic). Without the tool set, only a True is worth sending.
        if self._tools is None:
            return True if part_dynamic else None
        tool = self._tools.get(tool_name)
        if tool is None:
            return part_dynamic
        return True if getattr(tool, "dynamic", False) else None

    def _add_call_fields(self, chunk: Chunk, part: ToolInputStartPart | ToolCall | ToolResult | ToolError) -> None:
        """The optional fields every chunk of a tool call carries: who ran it, provider metadata, ``dynamic``."""
        if part.provider_executed is not None:
            chunk["providerExecuted"] = part.provider_executed
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        dynamic = self._dynamic(part.tool_name, part.dynamic)
        if dynamic is not None:
            chunk["dynamic"] = dynamic

    # -- the mapping -----------------------------------------------------------------------------------------

    def convert(self, part: Any) -> list[Chunk]:
        """The chunks for one part (often one, sometimes none or two)."""
        handler = self._handlers.get(type(part))
        chunk = handler(self, part) if handler is not None else None
        if self._message_metadata is None:
            return [] if chunk is None else [chunk]
        metadata = self._message_metadata(part)
        if metadata is None or type(part) is StartPart or type(part) is FinishPart:
            if metadata is not None and chunk is not None:
                chunk["messageMetadata"] = metadata
            return [] if chunk is None else [chunk]
        metadata_chunk: Chunk = {"type": "message-metadata", "messageMetadata": metadata}
        if chunk is None:
            return [metadata_chunk]
        # The metadata of a step's end belongs to the step: it comes before the finish-step chunk.
        return [metadata_chunk, chunk] if type(part) is FinishStepPart else [chunk, metadata_chunk]

    def error_chunk(self, error: Any) -> Chunk:
        """The ``error`` chunk for a failed stream; logs the real error (never sent)."""
        exception = stream_error_to_exception(error)
        text = self.error_text(exception)
        logger.error("UI message stream error (the client sees %r)", text, exc_info=exception)
        return {"type": "error", "errorText": text}

    def _start(self, part: StartPart) -> Chunk | None:
        return {"type": "start"} if self._send_start else None

    def _finish(self, part: FinishPart) -> Chunk | None:
        if not self._send_finish:
            return None
        reason = part.finish_reason if part.finish_reason in _FINISH_REASONS else "other"
        return {"type": "finish", "finishReason": reason}

    def _start_step(self, part: StartStepPart) -> Chunk:
        return {"type": "start-step"}

    def _finish_step(self, part: FinishStepPart) -> Chunk:
        return {"type": "finish-step"}

    def _text_start(self, part: TextStartPart) -> Chunk:
        chunk: Chunk = {"type": "text-start", "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _text_delta(self, part: TextDeltaPart) -> Chunk:
        if part.provider_metadata is None:
            return {"type": "text-delta", "id": part.id, "delta": part.text}
        return {"type": "text-delta", "id": part.id, "delta": part.text, "providerMetadata": part.provider_metadata}

    def _text_end(self, part: TextEndPart) -> Chunk:
        chunk: Chunk = {"type": "text-end", "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _reasoning(self, part: ReasoningStartPart | ReasoningEndPart) -> Chunk | None:
        if not self._send_reasoning:
            return None
        chunk: Chunk = {"type": part.type, "id": part.id}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _reasoning_delta(self, part: ReasoningDeltaPart) -> Chunk | None:
        if not self._send_reasoning:
            return None
        chunk: Chunk = {"type": "reasoning-delta", "id": part.id, "delta": part.text}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _tool_input_start(self, part: ToolInputStartPart) -> Chunk:
        chunk: Chunk = {"type": "tool-input-start", "toolCallId": part.id, "toolName": part.tool_name}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_input_delta(self, part: ToolInputDeltaPart) -> Chunk:
        return {"type": "tool-input-delta", "toolCallId": part.id, "inputTextDelta": part.delta}

    def _tool_call(self, part: ToolCall) -> Chunk:
        chunk: Chunk = {
            "type": "tool-input-error" if part.invalid else "tool-input-available",
            "toolCallId": part.tool_call_id,
            "toolName": part.tool_name,
            "input": part.input,
        }
        self._add_call_fields(chunk, part)
        if part.invalid:
            self._invalid_tool_call_ids.add(part.tool_call_id)
            error: BaseException = part.error if part.error is not None else ValueError("Invalid tool call")
            chunk["errorText"] = self.error_text(error) if part.provider_executed else self._tool_error_text(error)
        return chunk

    def _tool_approval_request(self, part: ToolApprovalRequest) -> Chunk:
        return {
            "type": "tool-approval-request",
            "approvalId": part.approval_id,
            "toolCallId": part.tool_call.tool_call_id,
        }

    def _tool_result(self, part: ToolResult) -> Chunk:
        chunk: Chunk = {"type": "tool-output-available", "toolCallId": part.tool_call_id, "output": part.output}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_error(self, part: ToolError) -> Chunk | None:
        if not part.provider_executed and part.tool_call_id in self._invalid_tool_call_ids:
            # The answer to an invalid call: the client already has its tool-input-error.
            self._invalid_tool_call_ids.discard(part.tool_call_id)
            return None
        text = _model_error_text(part.error) if part.provider_executed else self._tool_error_text(part.error)
        chunk: Chunk = {"type": "tool-output-error", "toolCallId": part.tool_call_id, "errorText": text}
        self._add_call_fields(chunk, part)
        return chunk

    def _tool_output_denied(self, part: ToolOutputDenied) -> Chunk:
        return {"type": "tool-output-denied", "toolCallId": part.tool_call_id}

    def _source(self, part: SourceContent) -> Chunk | None:
        if not self._send_sources:
            return None
        chunk: Chunk
        if part.source_type == "url":
            chunk = {"type": "source-url", "sourceId": part.id, "url": part.url or ""}
            if part.title is not None:
                chunk["title"] = part.title
        else:
            # The client's schema requires a media type and a title for a document.
            chunk = {
                "type": "source-document",
                "sourceId": part.id,
                "mediaType": part.media_type or "application/octet-stream",
                "title": part.title if part.title is not None else (part.filename or ""),
            }
            if part.filename is not None:
                chunk["filename"] = part.filename
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _file(self, part: FileContent) -> Chunk:
        chunk: Chunk = {"type": "file", "mediaType": part.media_type, "url": _data_url(part)}
        if part.provider_metadata is not None:
            chunk["providerMetadata"] = part.provider_metadata
        return chunk

    def _error(self, part: ErrorPart) -> Chunk:
        return self.error_chunk(part.error)


_HANDLERS: dict[type, Callable[[Any, Any], Chunk | None]] = {
    StartPart: TextStreamToChunks._start,
    StartStepPart: TextStreamToChunks._start_step,
    TextStartPart: TextStreamToChunks._text_start,
    TextDeltaPart: TextStreamToChunks._text_delta,
    TextEndPart: TextStreamToChunks._text_end,
    ReasoningStartPart: TextStreamToChunks._reasoning,
    ReasoningDeltaPart: TextStreamToChunks._reasoning_delta,
    ReasoningEndPart: TextStreamToChunks._reasoning,
    ToolInputStartPart: TextStreamToChunks._tool_input_start,
    ToolInputDeltaPart: TextStreamToChunks._tool_input_delta,
    ToolCall: TextStreamToChunks._tool_call,
    ToolApprovalRequest: TextStreamToChunks._tool_approval_request,
    ToolResult: TextStreamToChunks._tool_result,
    ToolError: TextStreamToChunks._tool_error,
    ToolOutputDenied: TextStreamToChunks._tool_output_denied,
    SourceContent: TextStreamToChunks._source,
    FileContent: TextStreamToChunks._file,
    FinishStepPart: TextStreamToChunks._finish_step,
    FinishPart: TextStreamToChunks._finish,
    ErrorPart: TextStreamToChunks._error,
}


# -- drivers -------------------------------------------------------------------------------------------------


def _tools_of(result: Any) -> Mapping[str, Any] | None:
    # A stream result knows its tool set (for the ``dynamic`` flag); a plain iterable of parts does not.
    settings = getattr(result, "_settings", None)
    tools = getattr(settings, "tools", None)
    return tools if isinstance(tools, Mapping) else None


def _prepare(
    result: Any, tools: Mapping[str, Any] | None, options: UIMessageStreamOptions
) -> tuple[TextStreamToChunks, ResponseMessageTracker]:
    unknown = set(options) - set(UIMessageStreamOptions.__annotations__)
    if unknown:
        from ai_sdk_core.spec.errors import InvalidArgumentError

        raise InvalidArgumentError(f"unknown option(s) {sorted(unknown)}", argument="options")
    # Called for each part or error, in both forms, as in the JS SDK: they must be plain functions.
    for name in ("message_metadata", "on_error", "generate_message_id"):
        check_sync_callback(name, options.get(name), has_async_form=False)
    converter = TextStreamToChunks(
        tools=tools if tools is not None else _tools_of(result),
        send_reasoning=options.get("send_reasoning", True),
        send_sources=options.get("send_sources", False),
        send_start=options.get("send_start", True),
        send_finish=options.get("send_finish", True),
        on_error=options.get("on_error"),
        redact_tool_errors=options.get("redact_tool_errors"),
        message_metadata=options.get("message_metadata"),
    )
    tracker = ResponseMessageTracker(
        original_messages=options.get("original_messages"),
        message_id=options.get("generate_message_id"),
        track=options.get("on_finish") is not None,
        protocol_version=options.get("protocol_version", LATEST_PROTOCOL_VERSION),
    )
    return converter, tracker


def to_ui_message_stream(
    result: Any, *, tools: Mapping[str, Any] | None = None, **options: Unpack[UIMessageStreamOptions]
) -> Iterator[Chunk]:
    """The UI message chunks of a :class:`~ai_sdk_core.generate_text.StreamTextResult` (or of any iterable of
    its ``full_stream`` parts, with ``tools`` to tell dynamic tools apart). Options: :class:`UIMessageStreamOptions`.

    Closing the iterator early (a client that went away) closes the model stream and calls ``on_finish`` with
    ``is_aborted=True``; ``on_finish`` runs exactly once, after the last chunk.
    """
    check_sync_callback("on_finish", options.get("on_finish"))
    converter, tracker = _prepare(result, tools, options)
    parts = getattr(result, "full_stream", result)
    return _drive(iter(parts), converter, tracker, options.get("on_finish"))


@clean_source
def _drive(
    parts: Iterator[Any],
    converter: TextStreamToChunks,
    tracker: ResponseMessageTracker,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None,
) -> Iterator[Chunk]:
    completed = False
    try:
        while True:
            try:
                part = next(parts)
            except StopIteration:
                break
            except Exception as error:  # a plain iterable of parts that broke: reported like an error part
                yield tracker.process(converter.error_chunk(error))
                break
            for chunk in converter.convert(part):
                yield tracker.process(chunk)
        completed = True
    finally:
        close = getattr(parts, "close", None)
        if close is not None:
            close()
        finish = tracker.finish(aborted=not completed)
        if finish is not None and on_finish is not None:
            call_sync_callback("on_finish", on_finish, finish)


def ato_ui_message_stream(
    result: Any, *, tools: Mapping[str, Any] | None = None, **options: Unpack[UIMessageStreamOptions]
) -> AsyncIterator[Chunk]:
    """Async twin of :func:`to_ui_message_stream` for an
    :class:`~ai_sdk_core.generate_text.AsyncStreamTextResult` (or an async iterable of parts); ``on_finish`` may
    be async. Cancelling the consumer closes the model stream and still runs ``on_finish`` (shielded)."""
    converter, tracker = _prepare(result, tools, options)
    parts = getattr(result, "full_stream", result)
    return _adrive(aiter(parts), converter, tracker, options.get("on_finish"))


@clean_source
async def _adrive(
    parts: AsyncIterator[Any],
    converter: TextStreamToChunks,
    tracker: ResponseMessageTracker,
    on_finish: Callable[[UIMessageStreamFinish], Any] | None,
) -> AsyncIterator[Chunk]:
    completed = False
    try:
        while True:
            try:
                part = await anext(parts)
            except StopAsyncIteration:
                break
            except Exception as error:
                yield tracker.process(converter.error_chunk(error))
                break
            for chunk in converter.convert(part):
                yield tracker.process(chunk)
        completed = True
    finally:
        import anyio

        # Shielded: when the consumer is cancelled (client gone), the model stream must still be released and
        # the answer so far handed to on_finish (persistence).
        with anyio.CancelScope(shield=True):
            close = getattr(parts, "aclose", None)
            if close is not None:
                await close()
            finish = tracker.finish(aborted=not completed)
            if finish is not None and on_finish is not None:
                await call_async_callback(on_finish, finish)


# -- the plain text stream -------------------------------------------------------------------------------------


def _log_stream_error(part: ErrorPart) -> None:
    exception = stream_error_to_exception(part.error)
    logger.error("Text stream error (the text stream ends here)", exc_info=exception)


def to_text_stream(result: Any) -> Iterator[str]:
    """The text deltas of a stream result, for ``streamProtocol: 'text'`` clients. Unlike ``text_stream``, an
    error does not raise (the client could not read it): it is logged and the text ends."""
    return _text_deltas(iter(getattr(result, "full_stream", result)))


def _text_deltas(parts: Iterator[Any]) -> Iterator[str]:
    try:
        for part in parts:
            if type(part) is TextDeltaPart:
                yield part.text
            elif type(part) is ErrorPart:
                _log_stream_error(part)
    finally:
        close = getattr(parts, "close", None)
        if close is not None:
            close()


def ato_text_stream(result: Any) -> AsyncIterator[str]:
    """Async twin of :func:`to_text_stream`."""
    source: AsyncIterable[Any] = getattr(result, "full_stream", result)
    return _atext_deltas(aiter(source))


async def _atext_deltas(parts: AsyncIterator[Any]) -> AsyncIterator[str]:
    try:
        async for part in parts:
            if type(part) is TextDeltaPart:
                yield part.text
            elif type(part) is ErrorPart:
                _log_stream_error(part)
    finally:
        import anyio

        with anyio.CancelScope(shield=True):
            close = getattr(parts, "aclose", None)
            if close is not None:
                await close()
