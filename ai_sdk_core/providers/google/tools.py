"""Gemini's built-in tools, as :class:`~ai_sdk_core.spec.ProviderTool` values to pass with a call's tools.

Gemini runs them itself: Google Search and URL context ground the answer (their sources come back as source
parts and ``provider_metadata["google"]["groundingMetadata"]``); code execution returns its code and result as a
provider-executed tool call and result.

Example::

    from ai_sdk_core.providers.google import google

    tools = {"google_search": google.tools.google_search()}
"""

from __future__ import annotations

from typing import Any

from ai_sdk_core.spec import ProviderTool

__all__ = ["GoogleProviderTools", "code_execution", "google_search", "url_context"]


def google_search(**args: Any) -> ProviderTool:
    """Grounding with Google Search (``googleSearch``); keyword arguments are sent as its settings."""
    return ProviderTool(id="google.google_search", name="google_search", args=dict(args))


def url_context() -> ProviderTool:
    """Let the model read URLs named in the prompt (``urlContext``)."""
    return ProviderTool(id="google.url_context", name="url_context")


def code_execution() -> ProviderTool:
    """Let the model write and run Python code (``codeExecution``)."""
    return ProviderTool(id="google.code_execution", name="code_execution")


class GoogleProviderTools:
    """The ``google.tools`` namespace: ``google.tools.google_search()``, ``url_context()``, ``code_execution()``."""

    __slots__ = ()

    google_search = staticmethod(google_search)
    url_context = staticmethod(url_context)
    code_execution = staticmethod(code_execution)
