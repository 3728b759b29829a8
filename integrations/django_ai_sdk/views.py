"""``ChatView`` and ``stream_chat_response``: the ``useChat`` endpoint, streamed under WSGI and ASGI.

A project's ``urls.py``::

    from django_ai_sdk.views import ChatView

    urlpatterns = [path("api/chat", ChatView.as_view(instructions="You are a helpful assistant."))]

The page posts what ``DefaultChatTransport`` sends. CSRF protection stays on: send Django's token in a header
from the page, for example ``new DefaultChatTransport({api: "/api/chat", headers: () => ({"X-CSRFToken":
getCookie("csrftoken")})})``, or decorate the view with ``csrf_exempt`` only if it authenticates by other means.

Chats belong to the logged-in user (or, for a visitor, to the session): a chat id of someone else is a 404
before any model call. ``ChatView`` loads the stored history by chat id (the server's copy is the truth; only
the newest message is taken from the client), saves the user message, and saves the assistant message when
the stream ends, also when the client went away (see :mod:`django_ai_sdk.streaming`).

Subclass and override the hooks (``get_model_alias``, ``get_tools``, ``get_instructions``,
``get_call_options``, ``get_chat_queryset``, ``save_response``...) to customise; combine with
``LoginRequiredMixin`` or ``PermissionRequiredMixin`` for access control.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.views import View

from ai_sdk_core import AISDKError, ChatRequest, LanguageModel, LanguageModelUsage, UIMessage, UIMessageStreamFinish
from django_ai_sdk.chat_request import (
    DEFAULT_MAX_BODY_SIZE,
    ChatRequestRejected,
    check_storable,
    choose_alias,
    read_chat_request,
)
from django_ai_sdk.conf import DEFAULT_ALIAS, alias_configurations
from django_ai_sdk.handler import ai_models
from django_ai_sdk.models import ID_LENGTH, Chat
from django_ai_sdk.persistence import delete_messages_after, save_messages, save_response, stored_messages
from django_ai_sdk.streaming import ChatRun, OnSaved, chat_json_response, chat_stream_response

__all__ = [
    "ChatHistoryView",
    "ChatOwnershipMixin",
    "ChatView",
    "ResponseFormat",
    "language_aliases",
    "stream_chat_response",
]

ResponseFormat = Literal["ui", "text", "json"]


def language_aliases() -> list[str]:
    """The configured aliases of language models (what a page may pick by default), plus test overrides."""
    configured = [alias for alias, configuration in alias_configurations().items() if configuration.kind == "language"]
    return sorted({*configured, *(alias for alias in ai_models.aliases() if alias not in alias_configurations())})


def _reject_client_system_messages(messages: Sequence[UIMessage]) -> None:
    # A system message from the browser would let a page rewrite the server's instructions.
    if any(message.role == "system" for message in messages):
        raise ChatRequestRejected(400, "system messages are not accepted from the client")


def _check_convertible(run: ChatRun) -> None:
    try:
        run.model_messages()
    except AISDKError as error:  # a message the SDK cannot turn into a prompt: the client's to fix
        raise ChatRequestRejected(400, str(error)) from error


def _respond(request: HttpRequest, run: ChatRun, response_format: ResponseFormat) -> HttpResponseBase:
    try:
        _check_convertible(run)
    except ChatRequestRejected as rejected:
        return rejected.response()
    if response_format == "json":
        return chat_json_response(run)
    return chat_stream_response(request, run, stream_format=response_format)


def stream_chat_response(
    request: HttpRequest,
    *,
    model: str | LanguageModel = DEFAULT_ALIAS,
    model_aliases: Collection[str] | None = None,
    tools: Mapping[str, Any] | None = None,
    instructions: str | None = None,
    response_format: ResponseFormat = "ui",
    on_finish: OnSaved | None = None,
    max_body_size: int | None = DEFAULT_MAX_BODY_SIZE,
    **call_options: Any,
) -> HttpResponseBase:
    """Answer a ``useChat`` POST from a view of your own, without persistence of its own: ``on_finish(finish,
    usage)`` is called once per answer with the ``UIMessageStreamFinish`` and the token usage (also after a
    disconnect; under ASGI in a worker thread, so it may use the ORM) to save it your way.

    ``model``: an alias of ``settings.AI_SDK`` or a model object. ``model_aliases``: aliases the page may pick in
    the body field ``model`` (none unless given). ``response_format``: ``"ui"`` (the UI message stream),
    ``"text"`` (plain text) or ``"json"`` (one JSON answer). Other keywords go to ``stream_text``
    (``temperature=``, ``max_output_tokens=``, ...). Bad requests get 400/405/413 and never reach the model::

        @require_POST
        def chat(request):
            return stream_chat_response(request, model="fast", instructions="Answer briefly.")
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        chat_request = read_chat_request(request, max_body_size=max_body_size)
        _reject_client_system_messages(chat_request.messages)
        if isinstance(model, str):
            alias = choose_alias(chat_request, allowed=set(model_aliases or ()) | {model}, default=model)
            resolved: LanguageModel = ai_models.language_model(alias)
        else:
            resolved = model
    except ChatRequestRejected as rejected:
        return rejected.response()
    run = ChatRun(
        model=resolved,
        messages=chat_request.messages,
        tools=tools,
        instructions=instructions,
        call_options=call_options,
        on_saved=on_finish,
    )
    return _respond(request, run, response_format)


class ChatOwnershipMixin:
    """Who may see a chat: its owner, or for a visitor who is not logged in, the session that started it."""

    request: HttpRequest

    def get_chat_queryset(self) -> QuerySet[Chat]:
        """The chats the requesting user may read and continue: their own (a visitor's: their session's)."""
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            return Chat.objects.filter(owner=user)
        session = getattr(self.request, "session", None)
        if session is None:
            raise ChatRequestRejected(403, "log in to chat")
        if not session.session_key:
            session.save()  # a visitor's first chat: the session is what owns it
        return Chat.objects.filter(owner__isnull=True, session_key=session.session_key)


class ChatHistoryView(ChatOwnershipMixin, View):
    """``GET``: a stored chat as ``{"id": ..., "messages": [UI messages]}`` for the page to restore (``useChat``'s
    ``messages``); 404 for a chat that is not the requester's. Route it with the chat id as ``chat_id``::

        path("api/chats/<str:chat_id>", ChatHistoryView.as_view())
    """

    http_method_names = ("get", "options")

    def get(self, request: HttpRequest, chat_id: str) -> HttpResponseBase:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        anonymous = user is None or not user.is_authenticated
        if anonymous and (session is None or not session.session_key):
            return JsonResponse({"error": "chat not found"}, status=404)  # reading never starts a session
        try:
            chat = self.get_chat_queryset().filter(pk=chat_id).first()
        except ChatRequestRejected as rejected:
            return rejected.response()
        if chat is None:
            return JsonResponse({"error": "chat not found"}, status=404)
        return JsonResponse({"id": chat.id, "messages": chat.ui_messages()})


class ChatView(ChatOwnershipMixin, View):
    """The ``useChat`` endpoint with persistence (see the module docstring). POST only."""

    http_method_names = ("post", "options")

    model_alias: str = DEFAULT_ALIAS
    """The alias used when the page does not pick one."""
    model_aliases: Sequence[str] | None = None
    """Aliases the page may pick (body field ``model``); None: every configured language alias."""
    tools: Mapping[str, Any] | None = None
    instructions: str | None = None
    call_options: Mapping[str, Any] | None = None
    """Extra ``stream_text`` arguments (``max_output_tokens``, ``temperature``, ``stop_when``, ...)."""
    response_format: ResponseFormat = "ui"
    persist: bool = True
    max_body_size: int | None = DEFAULT_MAX_BODY_SIZE
    finish_on_disconnect: bool = True
    """ASGI: keep generating (and save the full answer) when the client goes away; False stops at once."""
    send_reasoning: bool = True
    protocol_version: int = 7
    keep_alive_interval: float | None = None

    # -- hooks -----------------------------------------------------------------------------------------------

    def get_model_alias(self) -> str:
        return self.model_alias

    def get_model_aliases(self) -> Collection[str]:
        """Aliases the page may pick; the default alias is always allowed."""
        allowed = set(self.model_aliases) if self.model_aliases is not None else set(language_aliases())
        return allowed | {self.get_model_alias()}

    def get_model(self, alias: str) -> LanguageModel:
        return ai_models.language_model(alias)

    def get_tools(self, chat_request: ChatRequest) -> Mapping[str, Any] | None:
        return self.tools

    def get_instructions(self, chat_request: ChatRequest) -> str | None:
        return self.instructions

    def get_call_options(self, chat_request: ChatRequest) -> dict[str, Any]:
        return dict(self.call_options or {})

    def get_chat(self, chat_request: ChatRequest, alias: str) -> Chat:
        """The chat of this request, created on first use; 404 when it exists but is not the user's."""
        if not chat_request.id:
            raise ChatRequestRejected(400, "'id' (the chat id) is required")
        visible = self.get_chat_queryset()
        chat = visible.filter(pk=chat_request.id).first()
        if chat is not None:
            return chat
        if Chat.objects.filter(pk=chat_request.id).exists():
            raise ChatRequestRejected(404, "chat not found")
        user = getattr(self.request, "user", None)
        owner = user if user is not None and user.is_authenticated else None
        session_key = "" if owner is not None else (self.request.session.session_key or "")
        try:
            # In a savepoint, so that the race below leaves an ATOMIC_REQUESTS transaction usable.
            with transaction.atomic(using=Chat.objects.db):
                return Chat.objects.create(id=chat_request.id, owner=owner, session_key=session_key, model_alias=alias)
        except IntegrityError:  # someone else created it first
            raise ChatRequestRejected(404, "chat not found") from None

    def get_messages(self, chat: Chat, chat_request: ChatRequest) -> list[UIMessage]:
        """The conversation to answer: the stored history plus the client's newest message (saved here)."""
        if chat_request.trigger == "regenerate-message":
            message_id = chat_request.message_id
            if message_id is not None and not chat.messages.filter(message_id=message_id).exists():
                # Not a message of this chat (another chat's, or made up): nothing to regenerate.
                raise ChatRequestRejected(400, "'messageId' is not a message of this chat")
            delete_messages_after(chat, message_id)
        history = stored_messages(chat)
        # A new chat takes the client's messages; a known one only the newest (the stored copy is the truth).
        incoming = chat_request.messages if not history else chat_request.messages[-1:]
        save_messages(chat, incoming)
        return stored_messages(chat)

    def save_response(
        self, chat: Chat, finish: UIMessageStreamFinish, usage: LanguageModelUsage | None, model: LanguageModel
    ) -> None:
        """Store the assistant message (runs once per answer, also after a disconnect)."""
        save_response(chat, finish, usage=usage, model_name=f"{model.provider}:{model.model_id}")

    # -- the request -----------------------------------------------------------------------------------------

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            chat_request = read_chat_request(request, max_body_size=self.max_body_size)
            _reject_client_system_messages(chat_request.messages)
            alias = choose_alias(chat_request, allowed=self.get_model_aliases(), default=self.get_model_alias())
            model = self.get_model(alias)
            tools = self.get_tools(chat_request)
            # What the client sent must convert before anything is stored.
            _check_convertible(ChatRun(model=model, messages=chat_request.messages, tools=tools))
            if self.persist:
                check_storable(chat_request, max_id_length=ID_LENGTH)
                chat = self.get_chat(chat_request, alias)
                messages = self.get_messages(chat, chat_request)
            else:
                messages = list(chat_request.messages)
        except ChatRequestRejected as rejected:
            return rejected.response()
        on_saved: OnSaved | None = None
        if self.persist:

            def on_saved(finish: UIMessageStreamFinish, usage: LanguageModelUsage | None) -> None:
                self.save_response(chat, finish, usage, model)

        run = ChatRun(
            model=model,
            messages=messages,
            tools=tools,
            instructions=self.get_instructions(chat_request),
            call_options=self.get_call_options(chat_request),
            on_saved=on_saved,
            send_reasoning=self.send_reasoning,
            protocol_version=self.protocol_version,
            keep_alive_interval=self.keep_alive_interval,
            finish_on_disconnect=self.finish_on_disconnect,
        )
        return _respond(request, run, self.response_format)
