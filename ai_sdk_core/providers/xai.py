"""xAI (``XAI_API_KEY``, ``https://api.x.ai/v1``): Grok models over Chat Completions.

Quirks handled: ``reasoning_content`` in responses and stream deltas becomes reasoning parts (shared decoder);
``provider_options["xai"]["search_parameters"]`` (Live Search: ``mode``, ``return_citations``, dates,
``max_search_results``, ``sources``) and ``parallel_tool_calls`` are sent as body fields; the response's
``citations`` (URLs) become URL sources, in whole responses and streams.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="xai:grok-3", prompt="Hello")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from ai_sdk_core.providers.openai_compatible.chat_model import ChatRequestContext
from ai_sdk_core.providers.openai_compatible.preset import (
    PresetProvider,
    PresetSettings,
    VendorPreset,
    citation_sources,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.preset_options import XaiChatOptions

__all__ = ["XAI_PRESET", "create_xai", "xai", "xai_request_body"]


def xai_request_body(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """Add ``search_parameters`` and ``parallel_tool_calls`` from ``provider_options["xai"]``."""
    options = context.provider_options
    search_parameters = getattr(options, "search_parameters", None)
    return {
        **body,
        "search_parameters": search_parameters.model_dump(exclude_none=True) if search_parameters else None,
        "parallel_tool_calls": getattr(options, "parallel_tool_calls", None),
    }


def _options_model() -> type[XaiChatOptions]:
    # pydantic loads when the first model is configured, not when this module is imported.
    from ai_sdk_core.providers.openai_compatible.preset_options import XaiChatOptions

    return XaiChatOptions


XAI_PRESET = VendorPreset(
    name="xai",
    base_url="https://api.x.ai/v1",
    api_key_env_var="XAI_API_KEY",
    include_usage=True,
    supports_structured_outputs=True,
    options_model=_options_model,
    transform_request_body=xai_request_body,
    extract_sources=citation_sources,
)


def create_xai(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """An xAI provider. The key is ``api_key``, else ``XAI_API_KEY`` read at request time."""
    return PresetProvider(XAI_PRESET, **settings)


xai = create_xai()
"""The default xAI provider (``XAI_API_KEY``)."""
