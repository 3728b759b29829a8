"""Factories of OpenAI's built-in tools for the Responses API (``openai_tools.web_search(...)``, ...).

Each returns a :class:`~ai_sdk_core.spec.ProviderTool` with the AI SDK's id (``"openai.web_search"``); OpenAI
runs the tool itself, and its calls and results come back as provider-executed tool calls and results.

Example::

    from ai_sdk_core.providers.openai.responses import openai_tools

    tools = [openai_tools.web_search(search_context_size="low")]
"""

from __future__ import annotations

from typing import Any, Final, Literal

from ai_sdk_core.spec import ProviderTool

__all__ = ["OPENAI_TOOL_TYPES", "OpenAITools", "openai_tools"]

OPENAI_TOOL_TYPES: Final = {
    "openai.code_interpreter": "code_interpreter",
    "openai.file_search": "file_search",
    "openai.image_generation": "image_generation",
    "openai.web_search": "web_search",
    "openai.web_search_preview": "web_search_preview",
}
"""Provider tool id -> the ``type`` of the tool in a Responses API request."""


def _arguments(**values: Any) -> dict[str, Any]:
    # Unset arguments are left out so OpenAI's defaults apply.
    return {key: value for key, value in values.items() if value is not None}


class OpenAITools:
    """The built-in tools; use the shared instance :data:`openai_tools`."""

    __slots__ = ()

    @staticmethod
    def web_search(
        *,
        search_context_size: Literal["low", "medium", "high"] | None = None,
        user_location: dict[str, Any] | None = None,
        allowed_domains: list[str] | None = None,
        external_web_access: bool | None = None,
        name: str = "web_search",
    ) -> ProviderTool:
        """Web search; ``user_location`` is ``{"type": "approximate", "country": "FR", "city": ..., ...}``."""
        filters = {"allowed_domains": allowed_domains} if allowed_domains is not None else None
        return ProviderTool(
            id="openai.web_search",
            name=name,
            args=_arguments(
                search_context_size=search_context_size,
                user_location=user_location,
                filters=filters,
                external_web_access=external_web_access,
            ),
        )

    @staticmethod
    def web_search_preview(
        *,
        search_context_size: Literal["low", "medium", "high"] | None = None,
        user_location: dict[str, Any] | None = None,
        name: str = "web_search_preview",
    ) -> ProviderTool:
        """The preview web search tool."""
        return ProviderTool(
            id="openai.web_search_preview",
            name=name,
            args=_arguments(search_context_size=search_context_size, user_location=user_location),
        )

    @staticmethod
    def file_search(
        *,
        vector_store_ids: list[str],
        max_num_results: int | None = None,
        ranking_options: dict[str, Any] | None = None,
        filters: dict[str, Any] | None = None,
        name: str = "file_search",
    ) -> ProviderTool:
        """Search the given vector stores."""
        return ProviderTool(
            id="openai.file_search",
            name=name,
            args=_arguments(
                vector_store_ids=vector_store_ids,
                max_num_results=max_num_results,
                ranking_options=ranking_options,
                filters=filters,
            ),
        )

    @staticmethod
    def code_interpreter(
        *, container: str | dict[str, Any] | None = None, name: str = "code_interpreter"
    ) -> ProviderTool:
        """Run Python in a container: an id, ``{"file_ids": [...]}``, or ``None`` for a fresh automatic one."""
        return ProviderTool(id="openai.code_interpreter", name=name, args=_arguments(container=container))

    @staticmethod
    def image_generation(
        *,
        background: Literal["auto", "opaque", "transparent"] | None = None,
        input_fidelity: Literal["low", "high"] | None = None,
        model: str | None = None,
        moderation: Literal["auto", "low"] | None = None,
        output_compression: int | None = None,
        output_format: Literal["png", "jpeg", "webp"] | None = None,
        partial_images: int | None = None,
        quality: Literal["auto", "low", "medium", "high"] | None = None,
        size: str | None = None,
        name: str = "image_generation",
    ) -> ProviderTool:
        """Generate images; each result is the image's base64 data."""
        return ProviderTool(
            id="openai.image_generation",
            name=name,
            args=_arguments(
                background=background,
                input_fidelity=input_fidelity,
                model=model,
                moderation=moderation,
                output_compression=output_compression,
                output_format=output_format,
                partial_images=partial_images,
                quality=quality,
                size=size,
            ),
        )


openai_tools: Final = OpenAITools()
"""The factories of OpenAI's built-in tools."""
