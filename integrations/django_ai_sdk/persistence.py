"""Saving chats: the messages a client sends, and the assistant message a stream builds.

The functions are synchronous (they use ``transaction.atomic``, which the async ORM cannot); async code calls
them through ``sync_to_async``, as Django recommends for multi-query writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max

from ai_sdk_core import LanguageModelUsage, UIMessage, UIMessageStreamFinish
from django_ai_sdk.models import Chat, Message

__all__ = ["delete_messages_after", "save_messages", "save_response", "stored_messages", "usage_fields"]

_TITLE_LENGTH = 80


def stored_messages(chat: Chat) -> list[UIMessage]:
    """The chat's messages, in order, as UI messages."""
    return [UIMessage.model_validate(message) for message in chat.ui_messages()]


def _next_position(chat: Chat) -> int:
    highest = Message.objects.filter(chat=chat).aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else int(highest) + 1


def _title_of(message: UIMessage) -> str:
    text = " ".join(
        str(getattr(part, "text", "")) for part in message.parts if getattr(part, "type", None) == "text"
    ).strip()
    return " ".join(text.split())[:_TITLE_LENGTH]


def save_messages(chat: Chat, messages: Sequence[UIMessage]) -> None:
    """Store ``messages`` (new ones appended; known ids updated in place, e.g. a tool output the client added)."""
    with transaction.atomic(using=Message.objects.db):
        position = _next_position(chat)
        for message in messages:
            data = message.to_dict()
            updated = Message.objects.filter(chat=chat, message_id=message.id).update(
                parts=data.get("parts", []), metadata=data.get("metadata")
            )
            if not updated:
                Message.objects.create(
                    chat=chat,
                    message_id=message.id,
                    position=position,
                    role=message.role,
                    parts=data.get("parts", []),
                    metadata=data.get("metadata"),
                )
                position += 1
        if not chat.title:
            first_user = next((message for message in messages if message.role == "user"), None)
            if first_user is not None and (title := _title_of(first_user)):
                chat.title = title
        chat.save()


def delete_messages_after(chat: Chat, message_id: str | None) -> None:
    """For a regeneration: remove the message ``message_id`` (the answer being replaced) and everything after
    it; with no id, the trailing assistant messages."""
    messages = list(Message.objects.filter(chat=chat).order_by("position", "pk"))
    if message_id is not None:
        index = next((i for i, message in enumerate(messages) if message.message_id == message_id), None)
        doomed = messages[index:] if index is not None else []
    else:
        doomed = []
        for message in reversed(messages):
            if message.role != Message.Role.ASSISTANT:
                break
            doomed.append(message)
    Message.objects.filter(pk__in=[message.pk for message in doomed]).delete()


def usage_fields(usage: LanguageModelUsage | None) -> dict[str, Any]:
    """The ``Message`` usage columns for ``usage`` (all None when the usage is unknown)."""
    if usage is None:
        return {"input_tokens": None, "output_tokens": None, "total_tokens": None, "usage": None}
    return {
        "input_tokens": usage.input_tokens,
        "output_tokens": usage.output_tokens,
        "total_tokens": usage.total_tokens,
        "usage": {
            "inputTokens": usage.input_tokens,
            "outputTokens": usage.output_tokens,
            "totalTokens": usage.total_tokens,
            "inputTokenDetails": {
                "noCacheTokens": usage.input_token_details.no_cache_tokens,
                "cacheReadTokens": usage.input_token_details.cache_read_tokens,
                "cacheWriteTokens": usage.input_token_details.cache_write_tokens,
            },
            "outputTokenDetails": {
                "textTokens": usage.output_token_details.text_tokens,
                "reasoningTokens": usage.output_token_details.reasoning_tokens,
            },
        },
    }


def save_response(
    chat: Chat, finish: UIMessageStreamFinish, *, usage: LanguageModelUsage | None, model_name: str
) -> Message:
    """Store the assistant message a stream built (a continuation updates the message it continued)."""
    response = finish.response_message
    data = response.to_dict()
    fields: dict[str, Any] = {
        "role": Message.Role.ASSISTANT,
        "parts": data.get("parts", []),
        "metadata": data.get("metadata"),
        "model": model_name,
        "finish_reason": finish.finish_reason or "",
        "aborted": finish.is_aborted,
        **usage_fields(usage),
    }
    with transaction.atomic(using=Message.objects.db):
        existing = Message.objects.filter(chat=chat, message_id=response.id).first()
        if existing is not None:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            message = existing
        else:
            message = Message.objects.create(chat=chat, message_id=response.id, position=_next_position(chat), **fields)
        chat.save(update_fields=["updated_at"])
    return message
