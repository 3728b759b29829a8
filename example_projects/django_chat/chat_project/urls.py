"""The page, the chat endpoint (django_ai_sdk's ChatView), the history endpoint, and the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from chat_project.views import ChatPageView
from django_ai_sdk.views import ChatHistoryView, ChatView

urlpatterns = [
    path("", ChatPageView.as_view(), name="chat"),
    path(
        "api/chat",
        ChatView.as_view(
            instructions="You are a helpful assistant. Answer briefly.",
            call_options={"max_output_tokens": 512},
        ),
        name="chat-api",
    ),
    path("api/chats/<str:chat_id>", ChatHistoryView.as_view(), name="chat-history"),
    path("admin/", admin.site.urls),
]
