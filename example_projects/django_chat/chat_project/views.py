"""The chat page and the aliases its model picker offers.

``/`` serves the React front end (``example_projects/chat_frontend``, built to its ``dist/``) when it is built, and
the small template page otherwise. Both read the CSRF token from the ``csrftoken`` cookie this view sets.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.generic import TemplateView

from django_ai_sdk.views import language_aliases

FRONTEND_DIST = Path(__file__).resolve().parents[2] / "chat_frontend" / "dist"
"""Where ``npm run build`` in example_projects/chat_frontend writes the page and its assets."""


@method_decorator(ensure_csrf_cookie, name="dispatch")  # the page's script sends the cookie's token back
class ChatPageView(TemplateView):
    template_name = "chat.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        index = FRONTEND_DIST / "index.html"
        if index.is_file():
            return HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["aliases"] = language_aliases()
        return context


class ModelListView(View):
    """``GET``: the aliases the page may pick (``{"aliases": [...], "default": "default"}``)."""

    http_method_names = ("get",)

    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse({"aliases": language_aliases(), "default": "default"})


class FrontendAssetView(View):
    """``GET``: a file of the built front end's ``assets/`` (names carry a content hash, so they never change).

    Read whole rather than streamed: the files are small, and a streamed file response makes Django warn under
    ASGI. Fine for an example; in production let the web server or WhiteNoise serve them.
    """

    http_method_names = ("get",)

    def get(self, request: HttpRequest, path: str) -> HttpResponse:
        folder = (FRONTEND_DIST / "assets").resolve()
        file = (folder / path).resolve()
        if not file.is_relative_to(folder) or not file.is_file():
            raise Http404("No such asset.")
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        response = HttpResponse(file.read_bytes(), content_type=content_type)
        response["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
