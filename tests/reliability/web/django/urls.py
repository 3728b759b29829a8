"""The chat views under test: CSRF protected (the default) and explicitly exempt."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from django_ai_sdk.views import ChatView


def csrf_token(request: HttpRequest) -> JsonResponse:
    """Sets the CSRF cookie (as a page would) and returns the token for the header."""
    return JsonResponse({"token": get_token(request)})


urlpatterns = [
    path("csrf/", csrf_token),
    path("chat/", ChatView.as_view()),
    path("chat/exempt/", csrf_exempt(ChatView.as_view())),
    # The other disconnect policy: stop generating when the client leaves (ASGI; WSGI always stops).
    path("chat/stop/", csrf_exempt(ChatView.as_view(finish_on_disconnect=False))),
    # No byte limit of the view's own (an app taking large attachments): only the message count bounds a body.
    path("chat/roomy/", csrf_exempt(ChatView.as_view(max_body_size=None))),
]
