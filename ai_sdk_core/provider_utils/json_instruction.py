"""The instruction that asks a model for JSON when its API cannot be given the schema itself.

Used by providers whose JSON mode takes no schema (or none at all): the schema then travels in the prompt, as
the AI SDK does, so the answer can still match it.
"""

from __future__ import annotations

from typing import Any

from ai_sdk_core.provider_utils.json import to_json_str

__all__ = ["json_instruction"]


def json_instruction(schema: Any | None) -> str:
    """``"Return JSON."``, or that plus the schema the JSON must conform to.

    >>> json_instruction(None)
    'Return JSON.'
    >>> json_instruction({"type": "object"})
    'Return JSON that conforms to the following schema: {"type":"object"}'
    """
    if schema is None:
        return "Return JSON."
    return f"Return JSON that conforms to the following schema: {to_json_str(schema)}"
