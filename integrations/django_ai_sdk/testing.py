"""Swap a configured model for a mock in your own tests.

As a context manager::

    from ai_sdk_core.testing import MockLanguageModel, mock_text_result
    from django_ai_sdk.testing import override_model

    with override_model("default", MockLanguageModel(do_generate=mock_text_result("Hi!"))) as model:
        response = client.post("/chat/", ...)
    assert model.calls  # the view used the mock

As a decorator, on a test function or a ``TestCase`` class (the mock is then passed to nothing: keep a reference)::

    @override_model("default", mock)
    def test_chat(client): ...

With no model given, a ``MockLanguageModel`` answering ``"Hello from the mock model."`` is used. The alias need
not be configured, so a test can use ``"default"`` with no ``AI_SDK`` setting at all.
"""

from __future__ import annotations

from typing import Any

from django.test.utils import TestContextDecorator

from ai_sdk_core.testing import MockLanguageModel, mock_text_result, simulate_stream, text_stream_parts
from django_ai_sdk.handler import ai_models

__all__ = ["DEFAULT_MOCK_TEXT", "default_mock_model", "override_model"]

DEFAULT_MOCK_TEXT = "Hello from the mock model."


def default_mock_model(text: str = DEFAULT_MOCK_TEXT) -> MockLanguageModel:
    """A mock answering ``text`` to every generate and stream call."""
    return MockLanguageModel(
        do_generate=lambda options: mock_text_result(text),
        do_stream=lambda options: simulate_stream(text_stream_parts(*_words(text))),
    )


def _words(text: str) -> list[str]:
    """``text`` as stream deltas of one word each (spaces kept, so the deltas join back to ``text``)."""
    words = text.split(" ")
    return [word + " " for word in words[:-1]] + words[-1:]


class override_model(TestContextDecorator):  # noqa: N801  # named like Django's override_settings
    """Serve ``model`` for ``alias`` (``"default"`` unless given) inside the block or decorated test."""

    def __init__(self, alias: str = "default", model: Any = None) -> None:
        self.alias = alias
        self.model = model if model is not None else default_mock_model()
        super().__init__()

    def __enter__(self) -> Any:  # the model (Django's stubs type the base class's as ``Apps | None``)
        return super().__enter__()

    def enable(self) -> Any:
        ai_models.push_override(self.alias, self.model)
        return self.model

    def disable(self) -> None:
        ai_models.pop_override(self.alias)
