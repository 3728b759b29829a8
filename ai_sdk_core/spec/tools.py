"""Tools as a model sees them: function tools with a JSON Schema, provider tools, and the tool choice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeAlias

from ai_sdk_core.spec.shared import ProviderOptions

__all__ = ["FunctionTool", "ProviderTool", "ToolChoice", "ToolDefinition"]


@dataclass(slots=True, frozen=True)
class FunctionTool:
    """A tool the caller implements. ``input_schema`` is a JSON Schema object describing the input."""

    name: str
    input_schema: dict[str, Any]
    description: str | None = None
    strict: bool | None = None
    input_examples: tuple[dict[str, Any], ...] = ()
    provider_options: ProviderOptions | None = None
    type: ClassVar[str] = "function"


@dataclass(slots=True, frozen=True)
class ProviderTool:
    """A tool the provider defines and may run itself.

    ``id`` is ``"<provider>.<tool>"``, e.g. ``"openai.web_search"``; ``args`` configure it.
    """

    id: str
    name: str
    args: dict[str, Any] = field(default_factory=dict)
    type: ClassVar[str] = "provider"


ToolDefinition: TypeAlias = FunctionTool | ProviderTool


@dataclass(slots=True, frozen=True)
class ToolChoice:
    """``auto`` (model decides), ``none``, ``required`` (some tool), or ``tool`` (the one named by ``tool_name``)."""

    type: Literal["auto", "none", "required", "tool"] = "auto"
    tool_name: str | None = None
