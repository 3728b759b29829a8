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

import logging
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from ai_sdk_core.generate_text.stream_errors import stream_error_to_exception
from ai_sdk_core.generate_text.stream_parts import ErrorPart, TextDeltaPart
from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION
from ai_sdk_core.ui.finish import (
    ResponseMessageTracker,
    UIMessageStreamFinish,
    call_async_callback,
    call_sync_callback,
    check_sync_callback,
)
from ai_sdk_core.ui.text_stream_chunks import DEFAULT_ERROR_TEXT, Chunk, TextStreamToChunks
from ai_sdk_core.ui.versions import clean_source

if TYPE_CHECKING:
    from ai_sdk_core.ui.messages import UIMessage

# DEFAULT_ERROR_TEXT and TextStreamToChunks are defined with the per-part mapping (text_stream_chunks) and
# stay importable from here.
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


# -- drivers -------------------------------------------------------------------------------------------------


def _tools_of(result: Any) -> Mapping[str, Any] | None:
    # A stream result knows its tool set (its ``tools`` property, for the ``dynamic`` flag); a plain iterable of
    # parts does not.
    tools = getattr(result, "tools", None)
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
