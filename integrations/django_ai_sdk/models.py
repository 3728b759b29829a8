"""Chats and their messages, stored as the ``useChat`` client sees them (UI message parts as JSON).

A :class:`Chat` is keyed by the id the client generates, and belongs to a user (or, for anonymous visitors, to
a session). A :class:`Message` keeps the UI message's parts and metadata verbatim, plus what the server knows
about an assistant answer: the model, the finish reason, whether the client went away before the end, and the
token usage.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ID_LENGTH", "Chat", "Message"]

ID_LENGTH = 255
"""The longest chat id and message id stored (the ids the client generates; longer ones are a 400)."""


class Chat(models.Model):
    """One conversation; ``id`` is the chat id the client sends."""

    id = models.CharField(_("id"), primary_key=True, max_length=ID_LENGTH)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ai_chats",
    )
    session_key = models.CharField(
        _("session key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("For a visitor who is not logged in: the session that owns the chat."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    model_alias = models.CharField(_("model alias"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        ordering = ("-updated_at",)

    def __str__(self) -> str:
        return self.title or self.id

    def ui_messages(self) -> list[dict[str, Any]]:
        """The chat's messages in order, each as the client's JSON shape."""
        return [message.to_ui_message() for message in self.messages.order_by("position", "pk")]


class Message(models.Model):
    """One UI message of a chat."""

    class Role(models.TextChoices):
        SYSTEM = "system", _("system")
        USER = "user", _("user")
        ASSISTANT = "assistant", _("assistant")

    chat = models.ForeignKey(Chat, verbose_name=_("chat"), on_delete=models.CASCADE, related_name="messages")
    message_id = models.CharField(_("message id"), max_length=ID_LENGTH)
    position = models.PositiveIntegerField(_("position"), default=0)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    parts = models.JSONField(_("parts"), default=list)
    metadata = models.JSONField(_("metadata"), null=True, blank=True)
    model = models.CharField(_("model"), max_length=255, blank=True, help_text=_("provider:model of the answer"))
    finish_reason = models.CharField(_("finish reason"), max_length=32, blank=True)
    aborted = models.BooleanField(_("aborted"), default=False, help_text=_("The client left before the end."))
    input_tokens = models.PositiveIntegerField(_("input tokens"), null=True, blank=True)
    output_tokens = models.PositiveIntegerField(_("output tokens"), null=True, blank=True)
    total_tokens = models.PositiveIntegerField(_("total tokens"), null=True, blank=True)
    usage = models.JSONField(_("usage"), null=True, blank=True, help_text=_("The full usage record"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ("chat", "position", "pk")
        constraints = (
            models.UniqueConstraint(fields=("chat", "message_id"), name="django_ai_sdk_unique_message_per_chat"),
        )

    def __str__(self) -> str:
        return f"{self.role}: {self.text()[:60]}"

    def text(self) -> str:
        """The text parts joined: what a person reading the transcript wants first."""
        return "".join(
            str(part.get("text", "")) for part in self.parts if isinstance(part, dict) and part.get("type") == "text"
        )

    def to_ui_message(self) -> dict[str, Any]:
        """The message in the client's JSON shape (``id``, ``role``, ``parts``, ``metadata`` when set)."""
        message: dict[str, Any] = {"id": self.message_id, "role": self.role, "parts": list(self.parts)}
        if self.metadata is not None:
            message["metadata"] = self.metadata
        return message
