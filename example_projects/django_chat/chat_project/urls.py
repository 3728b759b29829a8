"""The page, the chat endpoint (django_ai_sdk's ChatView), the history and model-list endpoints, the front end's
built assets, and the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from chat_project.views import ChatPageView, FrontendAssetView, ModelListView
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
    path("api/models", ModelListView.as_view(), name="chat-models"),
    path("assets/<path:path>", FrontendAssetView.as_view(), name="chat-assets"),  # the built page's JS and CSS
    path("admin/", admin.site.urls),
]
