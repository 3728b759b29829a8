"""ASGI entry point (``uvicorn chat_project.asgi:application``): the chat streams with an async iterator, and an
answer keeps generating (and is saved) when the browser leaves."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chat_project.settings")
application = get_asgi_application()
