"""Admin for chats: a readable transcript on each chat's page, messages inline, usage at a glance."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet, Sum
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from django_ai_sdk.models import Chat, Message

__all__ = ["ChatAdmin", "MessageAdmin", "render_part"]

# The admin classes are generic only for the type checker (django-stubs); at runtime they are not subscriptable.
if TYPE_CHECKING:
    _InlineBase = admin.StackedInline[Message, Chat]
    _ChatAdminBase = admin.ModelAdmin[Chat]
    _MessageAdminBase = admin.ModelAdmin[Message]
else:
    _InlineBase = admin.StackedInline
    _ChatAdminBase = _MessageAdminBase = admin.ModelAdmin


def render_part(part: Any) -> SafeString:
    """One UI message part as HTML: text as text, tools as name, input and output, anything else as JSON."""
    if not isinstance(part, dict):
        return format_html("<pre>{}</pre>", json.dumps(part, ensure_ascii=False))
    kind = str(part.get("type", ""))
    if kind == "text":
        return format_html('<div class="ai-text" style="white-space: pre-wrap">{}</div>', part.get("text", ""))
    if kind == "reasoning":
        return format_html(
            '<details class="ai-reasoning"><summary>{}</summary><div style="white-space: pre-wrap">{}</div></details>',
            _("Reasoning"),
            part.get("text", ""),
        )
    if kind == "step-start":
        return mark_safe('<hr class="ai-step">')  # a constant, nothing interpolated
    if kind.startswith("tool-") or kind == "dynamic-tool":
        name = part.get("toolName") or kind.removeprefix("tool-")
        output = part.get("output", part.get("errorText"))
        return format_html(
            '<div class="ai-tool"><strong>{} {}</strong> ({})<pre>{}</pre><pre>{}</pre></div>',
            _("Tool"),
            name,
            part.get("state", ""),
            json.dumps(part.get("input"), ensure_ascii=False, indent=2),
            json.dumps(output, ensure_ascii=False, indent=2),
        )
    return format_html('<pre class="ai-part">{}</pre>', json.dumps(part, ensure_ascii=False, indent=2))


class MessageInline(_InlineBase):
    """Messages of a chat, read-only: the transcript is a record, not a form."""

    model = Message
    extra = 0
    can_delete = False
    fields = ("role", "message_id", "model", "finish_reason", "aborted", "input_tokens", "output_tokens")
    readonly_fields = fields
    ordering = ("position", "pk")
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Chat | None = None) -> bool:
        return False


@admin.register(Chat)
class ChatAdmin(_ChatAdminBase):
    """Chats with their owner, size and token totals, and the transcript on the change page."""

    list_display = ("__str__", "owner", "model_alias", "message_count", "total_tokens", "updated_at")
    list_filter = ("model_alias", "updated_at")
    search_fields = ("id", "title", "owner__username", "messages__parts")
    readonly_fields = ("id", "owner", "session_key", "model_alias", "created_at", "updated_at", "transcript")
    fields = ("id", "title", "owner", "session_key", "model_alias", "created_at", "updated_at", "transcript")
    inlines = (MessageInline,)
    date_hierarchy = "updated_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Chat]:
        return super().get_queryset(request).select_related("owner")

    @admin.display(description=_("messages"))
    def message_count(self, chat: Chat) -> int:
        return chat.messages.count()

    @admin.display(description=_("tokens"))
    def total_tokens(self, chat: Chat) -> int:
        return int(chat.messages.aggregate(total=Sum("total_tokens"))["total"] or 0)

    @admin.display(description=_("transcript"))
    def transcript(self, chat: Chat) -> SafeString:
        rows = []
        for message in chat.messages.order_by("position", "pk"):
            parts = format_html_join("", "{}", ((render_part(part),) for part in message.parts))
            note = ""
            if message.role == Message.Role.ASSISTANT:
                note = " · ".join(
                    item
                    for item in (
                        message.model,
                        message.finish_reason,
                        str(_("aborted")) if message.aborted else "",
                        f"{message.total_tokens} tokens" if message.total_tokens is not None else "",
                    )
                    if item
                )
            rows.append((message.get_role_display(), note, parts))
        if not rows:
            return format_html("<p>{}</p>", _("No messages yet."))
        return format_html_join(
            "",
            '<div class="ai-message" style="margin-bottom: 1em"><strong>{}</strong> <small>{}</small>{}</div>',
            rows,
        )


@admin.register(Message)
class MessageAdmin(_MessageAdminBase):
    """Single messages, for searching across chats."""

    list_display = ("__str__", "chat", "role", "model", "finish_reason", "aborted", "total_tokens", "created_at")
    list_filter = ("role", "aborted", "finish_reason", "model")
    search_fields = ("chat__id", "message_id", "parts")
    readonly_fields = ("chat", "message_id", "role", "position", "rendered", "metadata", "usage", "created_at")
    exclude = ("parts",)

    @admin.display(description=_("content"))
    def rendered(self, message: Message) -> SafeString:
        return format_html_join("", "{}", ((render_part(part),) for part in message.parts))
