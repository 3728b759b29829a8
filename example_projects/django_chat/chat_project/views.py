"""The chat page: a template that posts what ``useChat`` posts and reads the UI message stream."""

from __future__ import annotations

from typing import Any

from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.generic import TemplateView

from django_ai_sdk.views import language_aliases


@method_decorator(ensure_csrf_cookie, name="dispatch")  # the page's script sends the cookie's token back
class ChatPageView(TemplateView):
    template_name = "chat.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["aliases"] = language_aliases()
        return context
