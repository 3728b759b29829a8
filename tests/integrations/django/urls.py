"""URLs of the test project: the admin and the chat views under test."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path

from ai_sdk_core import step_count_is, tool
from django_ai_sdk.views import ChatHistoryView, ChatView, stream_chat_response


def csrf_token(request: HttpRequest) -> JsonResponse:
    """Sets the CSRF cookie (as a page would) and returns the token for the header."""
    return JsonResponse({"token": get_token(request)})


def custom_chat(request: HttpRequest) -> HttpResponseBase:
    return stream_chat_response(request, model="default", model_aliases=["fast"], instructions="Be brief.")


def weather(city: str) -> str:
    """The weather in a city."""
    return f"Sunny in {city}"


urlpatterns = [
    path("admin/", admin.site.urls),
    path("csrf/", csrf_token),
    path("chat/", ChatView.as_view(instructions="You are a test assistant.")),
    path("chat/text/", ChatView.as_view(response_format="text")),
    path("chat/json/", ChatView.as_view(response_format="json")),
    path("chat/stop/", ChatView.as_view(finish_on_disconnect=False)),
    path("chat/picker/", ChatView.as_view(model_aliases=["default", "fast"])),
    path("chat/tools/", ChatView.as_view(tools={"weather": tool(weather)})),
    path(
        "chat/agent/",
        ChatView.as_view(tools={"weather": tool(weather)}, call_options={"stop_when": step_count_is(3)}),
    ),
    path("custom/", custom_chat),
    path("chats/<str:chat_id>", ChatHistoryView.as_view()),
]
