"""The UI message stream protocol that ``@ai-sdk/react`` ``useChat`` reads (``ai`` 7.x, with 6.x and 5.x
supported through ``protocol_version``), framework-neutral. The Django and FastAPI adapters wrap it.

Writing::

    result = stream_text(model=model, messages=convert_to_model_messages(request.messages))
    for event in encode_ui_message_stream(result.to_ui_message_stream()):
        ...  # bytes to send, with UI_MESSAGE_STREAM_HEADERS

Reading: :func:`parse_chat_request` turns what ``DefaultChatTransport`` posts into typed
:class:`UIMessage` objects, and :func:`read_ui_message_stream` assembles a chunk stream into messages as the JS
client does.

Names load on first use, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ai_sdk_core.ui.assemble import (
        UIMessageAssembler,
    )
    from ai_sdk_core.ui.chunks import (
        SUPPORTED_PROTOCOL_VERSIONS,
        UIMessageChunk,
    )
    from ai_sdk_core.ui.convert import (
        convert_to_model_messages,
    )
    from ai_sdk_core.ui.create_stream import (
        AsyncUIMessageStreamWriter,
        UIMessageStreamWriter,
        acreate_ui_message_stream,
        create_ui_message_stream,
    )
    from ai_sdk_core.ui.encoding import (
        TEXT_STREAM_HEADERS,
        UI_MESSAGE_STREAM_HEADERS,
        aencode_text_stream,
        aencode_ui_message_stream,
        encode_text_stream,
        encode_ui_message_chunk,
        encode_ui_message_stream,
    )
    from ai_sdk_core.ui.errors import (
        InvalidChatRequestError,
        UIMessageStreamError,
        UIMessageValidationError,
    )
    from ai_sdk_core.ui.finish import (
        UIMessageStreamFinish,
    )
    from ai_sdk_core.ui.from_text_stream import (
        UIMessageStreamOptions,
        ato_ui_message_stream,
        to_ui_message_stream,
    )
    from ai_sdk_core.ui.messages import (
        CustomUIPart,
        DataUIPart,
        DynamicToolUIPart,
        FileUIPart,
        ReasoningFileUIPart,
        ReasoningUIPart,
        SourceDocumentUIPart,
        SourceUrlUIPart,
        SteeringMessageUIPart,
        StepStartUIPart,
        TextUIPart,
        ToolApproval,
        ToolUIPart,
        UIMessage,
        UIMessagePart,
        UnknownUIPart,
    )
    from ai_sdk_core.ui.reader import (
        aparse_ui_message_stream,
        aread_ui_message_stream,
        parse_ui_message_stream,
        read_ui_message_stream,
    )
    from ai_sdk_core.ui.request import (
        DEFAULT_MAX_CHAT_MESSAGES,
        ChatRequest,
        parse_chat_request,
    )
    from ai_sdk_core.ui.validate import (
        validate_ui_messages,
    )

# The contract of this package: every public name and the module that defines it.
_MODULE_OF_NAME = {
    # chunks.py: the chunk TypedDicts and what each protocol major knows
    "UIMessageChunk": "ai_sdk_core.ui.chunks",
    "SUPPORTED_PROTOCOL_VERSIONS": "ai_sdk_core.ui.chunks",
    # encoding.py: bytes on the wire
    "UI_MESSAGE_STREAM_HEADERS": "ai_sdk_core.ui.encoding",
    "TEXT_STREAM_HEADERS": "ai_sdk_core.ui.encoding",
    "encode_ui_message_chunk": "ai_sdk_core.ui.encoding",
    "encode_ui_message_stream": "ai_sdk_core.ui.encoding",
    "aencode_ui_message_stream": "ai_sdk_core.ui.encoding",
    "encode_text_stream": "ai_sdk_core.ui.encoding",
    "aencode_text_stream": "ai_sdk_core.ui.encoding",
    # from_text_stream.py: stream_text parts -> chunks (also methods on the stream results)
    "to_ui_message_stream": "ai_sdk_core.ui.from_text_stream",
    "ato_ui_message_stream": "ai_sdk_core.ui.from_text_stream",
    "UIMessageStreamOptions": "ai_sdk_core.ui.from_text_stream",
    # create_stream.py: custom streams with a writer
    "create_ui_message_stream": "ai_sdk_core.ui.create_stream",
    "acreate_ui_message_stream": "ai_sdk_core.ui.create_stream",
    "UIMessageStreamWriter": "ai_sdk_core.ui.create_stream",
    "AsyncUIMessageStreamWriter": "ai_sdk_core.ui.create_stream",
    # finish.py: what on_finish receives
    "UIMessageStreamFinish": "ai_sdk_core.ui.finish",
    # messages.py: UI messages and their parts
    "UIMessage": "ai_sdk_core.ui.messages",
    "UIMessagePart": "ai_sdk_core.ui.messages",
    "TextUIPart": "ai_sdk_core.ui.messages",
    "ReasoningUIPart": "ai_sdk_core.ui.messages",
    "ToolUIPart": "ai_sdk_core.ui.messages",
    "DynamicToolUIPart": "ai_sdk_core.ui.messages",
    "SourceUrlUIPart": "ai_sdk_core.ui.messages",
    "SourceDocumentUIPart": "ai_sdk_core.ui.messages",
    "FileUIPart": "ai_sdk_core.ui.messages",
    "DataUIPart": "ai_sdk_core.ui.messages",
    "StepStartUIPart": "ai_sdk_core.ui.messages",
    "UnknownUIPart": "ai_sdk_core.ui.messages",
    "ReasoningFileUIPart": "ai_sdk_core.ui.messages",
    "CustomUIPart": "ai_sdk_core.ui.messages",
    "SteeringMessageUIPart": "ai_sdk_core.ui.messages",
    "ToolApproval": "ai_sdk_core.ui.messages",
    # request.py: the useChat POST body
    "ChatRequest": "ai_sdk_core.ui.request",
    "DEFAULT_MAX_CHAT_MESSAGES": "ai_sdk_core.ui.request",
    "parse_chat_request": "ai_sdk_core.ui.request",
    # validate.py / convert.py
    "validate_ui_messages": "ai_sdk_core.ui.validate",
    "convert_to_model_messages": "ai_sdk_core.ui.convert",
    # assemble.py / reader.py: chunks -> UIMessage, as the JS client does
    "UIMessageAssembler": "ai_sdk_core.ui.assemble",
    "parse_ui_message_stream": "ai_sdk_core.ui.reader",
    "aparse_ui_message_stream": "ai_sdk_core.ui.reader",
    "read_ui_message_stream": "ai_sdk_core.ui.reader",
    "aread_ui_message_stream": "ai_sdk_core.ui.reader",
    # errors.py
    "InvalidChatRequestError": "ai_sdk_core.ui.errors",
    "UIMessageStreamError": "ai_sdk_core.ui.errors",
    "UIMessageValidationError": "ai_sdk_core.ui.errors",
}

__all__ = [
    "AsyncUIMessageStreamWriter",
    "ChatRequest",
    "CustomUIPart",
    "DEFAULT_MAX_CHAT_MESSAGES",
    "DataUIPart",
    "DynamicToolUIPart",
    "FileUIPart",
    "InvalidChatRequestError",
    "ReasoningFileUIPart",
    "ReasoningUIPart",
    "SUPPORTED_PROTOCOL_VERSIONS",
    "SourceDocumentUIPart",
    "SourceUrlUIPart",
    "SteeringMessageUIPart",
    "StepStartUIPart",
    "TEXT_STREAM_HEADERS",
    "TextUIPart",
    "ToolApproval",
    "ToolUIPart",
    "UIMessage",
    "UIMessageAssembler",
    "UIMessageChunk",
    "UIMessagePart",
    "UIMessageStreamError",
    "UIMessageStreamFinish",
    "UIMessageStreamOptions",
    "UIMessageStreamWriter",
    "UIMessageValidationError",
    "UI_MESSAGE_STREAM_HEADERS",
    "UnknownUIPart",
    "acreate_ui_message_stream",
    "aencode_text_stream",
    "aencode_ui_message_stream",
    "aparse_ui_message_stream",
    "aread_ui_message_stream",
    "ato_ui_message_stream",
    "convert_to_model_messages",
    "create_ui_message_stream",
    "encode_text_stream",
    "encode_ui_message_chunk",
    "encode_ui_message_stream",
    "parse_chat_request",
    "parse_ui_message_stream",
    "read_ui_message_stream",
    "to_ui_message_stream",
    "validate_ui_messages",
]


def __getattr__(name: str) -> Any:
    module_name = _MODULE_OF_NAME.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ai_sdk_core.ui' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
