"""JSON in and out through ``pydantic_core`` (fast, strict), including partial JSON for streamed values.

Partial parsing relies on ``pydantic_core.from_json(..., allow_partial=...)``; there is no hand-written repair.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from pydantic_core import from_json, to_json

from ai_sdk_core.spec.errors import JSONParseError

__all__ = [
    "PartialJSONState",
    "parse_json",
    "parse_partial_json",
    "to_json_bytes",
    "to_json_str",
    "try_parse_json",
]

PartialJSONState: TypeAlias = Literal["undefined-input", "successful-parse", "repaired-parse", "failed-parse"]


def _as_text(text: str | bytes) -> str:
    return text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text, raising :class:`~ai_sdk_core.spec.errors.JSONParseError` (with the text) if it is not."""
    try:
        return from_json(text)
    except ValueError as error:
        raise JSONParseError(f"Invalid JSON: {error}", text=_as_text(text), cause=error) from error


def try_parse_json(text: str | bytes) -> tuple[bool, Any]:
    """Return ``(True, value)`` if ``text`` is valid JSON, else ``(False, None)``; never raises."""
    try:
        return True, from_json(text)
    except ValueError:
        return False, None


def parse_partial_json(text: str | None) -> tuple[Any, PartialJSONState]:
    """Parse JSON that may be cut short (a streamed tool input or object) into its best current value.

    Returns ``(value, state)``: ``state`` is ``"undefined-input"`` for ``None`` or blank text,
    ``"successful-parse"`` for complete JSON, ``"repaired-parse"`` when the text was a prefix of JSON
    (incomplete trailing strings are kept, incomplete numbers and literals dropped), and ``"failed-parse"``
    (value ``None``) otherwise::

        >>> parse_partial_json('{"city": "Par')
        ({'city': 'Par'}, 'repaired-parse')
    """
    if text is None or not text.strip():
        return None, "undefined-input"
    try:
        return from_json(text), "successful-parse"
    except ValueError:
        pass
    try:
        # "trailing-strings" keeps a string cut mid-way, which is what a user watching a stream wants to see.
        return from_json(text, allow_partial="trailing-strings"), "repaired-parse"
    except ValueError:
        return None, "failed-parse"


def to_json_bytes(value: Any) -> bytes:
    """Serialize to compact UTF-8 JSON (non-ASCII unescaped; NaN and infinities become ``null`` as in JS)."""
    return to_json(value, inf_nan_mode="null")


def to_json_str(value: Any) -> str:
    """Like :func:`to_json_bytes`, as a ``str``."""
    return to_json_bytes(value).decode("utf-8")
