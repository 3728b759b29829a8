"""WSGI entry point (``python manage.py runserver``, gunicorn): the chat streams with a sync iterator."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chat_project.settings")
application = get_wsgi_application()
