"""Fixtures of the browser tests: the built front end, headless system Chromium, the example backends.

Chromium is the system's (``/usr/bin/chromium``, or ``$E2E_CHROMIUM``); Playwright never downloads a browser
here (``PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1`` when installing it). Screenshots go to tests/e2e/artifacts/.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.e2e.scripted_model import ScriptedStreams
from tests.e2e.servers import EXAMPLES, Backend, django_backend, fastapi_backend

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def frontend_built() -> Path:
    """dist/index.html of example_projects/chat_frontend, built first when missing or stale (npm)."""
    script = EXAMPLES / "chat_frontend" / "serve.py"
    specification = importlib.util.spec_from_file_location("chat_frontend_serve", script)
    assert specification is not None and specification.loader is not None
    serve: Any = importlib.util.module_from_spec(specification)
    specification.loader.exec_module(serve)
    index: Path = serve.ensure_built()
    return index


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless system Chromium (Playwright gives each launch a fresh temporary profile, its user-data-dir)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or set E2E_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def streams() -> ScriptedStreams:
    return ScriptedStreams()


@pytest.fixture(autouse=True)
def _fresh_scripts(streams: ScriptedStreams) -> Iterator[None]:
    streams.reset()
    yield
    streams.reset()


@pytest.fixture(scope="module", params=["fastapi", "django"])
def backend(
    request: pytest.FixtureRequest,
    frontend_built: Path,
    streams: ScriptedStreams,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Backend]:
    """Each example in turn, serving the built page (``frontend_built`` makes sure there is one)."""
    scratch = tmp_path_factory.mktemp(request.param)
    start = fastapi_backend if request.param == "fastapi" else django_backend
    with start(streams, scratch) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab in a fresh browser context (no cookies, so a fresh Django session)."""
    context = browser.new_context(viewport={"width": 900, "height": 760})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def screenshot(page: Page, backend: Backend, request: pytest.FixtureRequest) -> Any:
    """``screenshot("state")`` writes tests/e2e/artifacts/<backend>-<test>-<state>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    test_name = request.node.originalname.removeprefix("test_")

    def take(state: str) -> Path:
        path = ARTIFACTS / f"{backend.name}-{test_name}-{state}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
