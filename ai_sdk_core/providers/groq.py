"""Groq (``GROQ_API_KEY``, ``https://api.groq.com/openai/v1``): Chat Completions with Groq's additions.

Quirks handled: ``reasoning_format`` / ``parallel_tool_calls`` / ``service_tier`` provider options sent as body
fields; reasoning read from the message's ``reasoning`` field (``reasoning_format: "parsed"``); stream usage
read from ``x_groq.usage`` on the last chunk, where Groq puts it.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="groq:llama-3.3-70b-versatile", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from ai_sdk_core.providers.openai_compatible.chat_model import ChatRequestContext
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.preset_options import GroqChatOptions

__all__ = ["GROQ_PRESET", "create_groq", "groq", "groq_chunk_usage", "groq_request_body"]


def groq_request_body(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """Add Groq's own body fields from ``provider_options["groq"]``."""
    options = context.provider_options
    return {
        **body,
        "reasoning_format": getattr(options, "reasoning_format", None),
        "parallel_tool_calls": getattr(options, "parallel_tool_calls", None),
        "service_tier": getattr(options, "service_tier", None),
    }


def groq_chunk_usage(chunk: dict[str, Any]) -> dict[str, Any]:
    """Lift ``x_groq.usage`` (Groq's place for stream usage) to the ``usage`` key the shared decoder reads.

    >>> groq_chunk_usage({"choices": [], "x_groq": {"usage": {"prompt_tokens": 3}}})["usage"]
    {'prompt_tokens': 3}
    """
    extension = chunk.get("x_groq")
    if isinstance(chunk.get("usage"), Mapping) or not isinstance(extension, Mapping):
        return chunk
    usage = extension.get("usage")
    return {**chunk, "usage": usage} if isinstance(usage, Mapping) else chunk


def _options_model() -> type[GroqChatOptions]:
    # pydantic loads when the first model is configured, not when this module is imported.
    from ai_sdk_core.providers.openai_compatible.preset_options import GroqChatOptions

    return GroqChatOptions


GROQ_PRESET = VendorPreset(
    name="groq",
    base_url="https://api.groq.com/openai/v1",
    api_key_env_var="GROQ_API_KEY",
    supports_structured_outputs=True,
    options_model=_options_model,
    transform_request_body=groq_request_body,
    normalize_chunk=groq_chunk_usage,
)


def create_groq(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A Groq provider. The key is ``api_key``, else ``GROQ_API_KEY`` read at request time."""
    return PresetProvider(GROQ_PRESET, **settings)


groq = create_groq()
"""The default Groq provider (``GROQ_API_KEY``)."""
