"""pytest-django setup of the Django web cases (skipped without Django and pytest-django)."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("django", reason="the django extra is not installed")
pytest.importorskip("pytest_django", reason="pytest-django is not installed")

_INTEGRATIONS = str(Path(__file__).resolve().parents[4] / "integrations")
if _INTEGRATIONS not in sys.path:
    sys.path.insert(0, _INTEGRATIONS)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.reliability.web.django.settings")

import django  # noqa: E402  # after the settings module is named
from django.conf import settings  # noqa: E402

django.setup()
_SCRATCH = getattr(settings, "SCRATCH_DIRECTORY", None)
if _SCRATCH is not None:
    Path(_SCRATCH).mkdir(exist_ok=True)
    atexit.register(shutil.rmtree, _SCRATCH, True)


@pytest.fixture(autouse=True)
def _close_worker_connections() -> Iterator[None]:
    """Close the connections that async ORM calls opened in asgiref's worker thread, so the test database can
    be dropped at the end of the session."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    SyncToAsync.single_thread_executor.submit(connections.close_all).result(60)
