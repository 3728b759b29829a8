"""pytest-django setup for the django_ai_sdk tests: the settings module, the throwaway PostgreSQL cluster, and
the shim for the core's provider factory while it is not public yet."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("django", reason="the django extra is not installed")
pytest.importorskip("pytest_django", reason="pytest-django is not installed")

# The integration packages live under integrations/ (an editable install puts it on sys.path; a plain checkout
# does not).
_INTEGRATIONS = str(Path(__file__).resolve().parents[3] / "integrations")
if _INTEGRATIONS not in sys.path:
    sys.path.insert(0, _INTEGRATIONS)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.integrations.django.settings")

import django  # noqa: E402  # after the settings module is named
from django.conf import settings  # noqa: E402

settings.SCRATCH_DIRECTORY.mkdir(exist_ok=True)  # the SQLite files live here
atexit.register(shutil.rmtree, settings.SCRATCH_DIRECTORY, True)
django.setup()

from tests.integrations.django.routers import SwitchableRouter  # noqa: E402


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Any]:
    """Start the cluster the settings planned (initdb, pg_ctl on 127.0.0.1), stop and delete it at the end."""
    cluster = getattr(settings, "POSTGRES_CLUSTER", None)
    if cluster is None:
        yield None
        return
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def django_db_setup(postgres_cluster: Any, django_db_setup: None) -> None:
    """pytest-django's test databases, created once the PostgreSQL server is up."""


@pytest.fixture(params=["default", "postgres"])
def database(request: pytest.FixtureRequest) -> Iterator[str]:
    """Route every query to SQLite, then to PostgreSQL (missing binaries: skipped locally, a failure on CI)."""
    alias = str(request.param)
    if alias not in settings.DATABASES:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL server binaries are missing (apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries are not installed")
    SwitchableRouter.alias = alias
    try:
        yield alias
    finally:
        SwitchableRouter.alias = "default"


@pytest.fixture(autouse=True)
def _fresh_models() -> Iterator[None]:
    from django_ai_sdk.handler import ai_models

    ai_models.reset()
    yield
    ai_models.reset()
