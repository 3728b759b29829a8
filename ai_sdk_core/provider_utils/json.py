"""JSON in and out through ``pydantic_core`` (fast, strict), including partial JSON for streamed values.

Partial parsing relies on ``pydantic_core.from_json(..., allow_partial=...)``; the only hand-written repair is
for a literal or number cut at the very end of the text, which jiter drops and the JS SDK completes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

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


# pydantic_core takes longer to import than everything else of a provider but httpx, and JSON is needed only once
# a request is made: ``_from_json`` / ``_to_json`` start as loaders that import it on first call and replace
# themselves with its functions, so every later call goes straight to pydantic_core.
def _load_from_json(*args: Any, **kwargs: Any) -> Any:
    global _from_json
    from pydantic_core import from_json

    _from_json = from_json
    return from_json(*args, **kwargs)


def _load_to_json(*args: Any, **kwargs: Any) -> bytes:
    global _to_json
    from pydantic_core import to_json

    _to_json = to_json
    return to_json(*args, **kwargs)


_from_json: Callable[..., Any] = _load_from_json
_to_json: Callable[..., bytes] = _load_to_json


def _as_text(text: str | bytes) -> str:
    return text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text, raising :class:`~ai_sdk_core.spec.errors.JSONParseError` (with the text) if it is not."""
    try:
        return _from_json(text)
    except ValueError as error:
        raise JSONParseError(f"Invalid JSON: {error}", text=_as_text(text), cause=error) from error


def try_parse_json(text: str | bytes) -> tuple[bool, Any]:
    """Return ``(True, value)`` if ``text`` is valid JSON, else ``(False, None)``; never raises."""
    try:
        return True, _from_json(text)
    except ValueError:
        return False, None


# A value cut at the end of the text, as the JS ``fixJson`` repairs it: a literal prefix (``tr``) is completed, a
# number is cut back to its last digit (``1.5e`` -> ``1.5``). Only when the cut is outside every string.
_CUT_LITERAL = re.compile(r"(?<![\w.+\-])(?:t(?:r(?:u)?)?|f(?:a(?:l(?:s)?)?)?|n(?:u(?:l)?)?)\Z")
_CUT_NUMBER_END = re.compile(r"(?<=\d)[eE.+\-]+\Z")
_OUTSIDE_STRINGS = re.compile(r'(?:[^"\\]|"(?:[^"\\]|\\.)*")*')
_LITERALS = ("true", "false", "null")


def _complete_cut_value(text: str) -> str:
    tail_start = max(len(text) - 6, 0)  # the longest cut is "fals" plus the character before it
    tail = text[tail_start:]
    match = _CUT_LITERAL.search(tail) or _CUT_NUMBER_END.search(tail)
    if match is None:
        return text
    start = tail_start + match.start()
    if not _OUTSIDE_STRINGS.fullmatch(text, 0, start):
        return text  # the cut is inside a string ("note: tr"), which allow_partial keeps as it is
    cut = match.group()
    literal = next((word for word in _LITERALS if word.startswith(cut)), None)
    return text + literal[len(cut) :] if literal is not None else text[:start]


def parse_partial_json(text: str | None) -> tuple[Any, PartialJSONState]:
    """Parse JSON that may be cut short (a streamed tool input or object) into its best current value.

    Returns ``(value, state)``: ``state`` is ``"undefined-input"`` for ``None`` or blank text,
    ``"successful-parse"`` for complete JSON, ``"repaired-parse"`` when the text was a prefix of JSON
    (incomplete trailing strings are kept, a cut literal is completed and a cut number ends at its last digit,
    as in the JS SDK), and ``"failed-parse"``
    (value ``None``) otherwise::

        >>> parse_partial_json('{"city": "Par')
        ({'city': 'Par'}, 'repaired-parse')
    """
    if text is None or not text.strip():
        return None, "undefined-input"
    try:
        return _from_json(text), "successful-parse"
    except ValueError:
        pass
    try:
        # "trailing-strings" keeps a string cut mid-way, which is what a user watching a stream wants to see.
        return _from_json(_complete_cut_value(text), allow_partial="trailing-strings"), "repaired-parse"
    except ValueError:
        return None, "failed-parse"


def to_json_bytes(value: Any) -> bytes:
    """Serialize to compact UTF-8 JSON (non-ASCII unescaped; NaN and infinities become ``null`` as in JS)."""
    return _to_json(value, inf_nan_mode="null")


def to_json_str(value: Any) -> str:
    """Like :func:`to_json_bytes`, as a ``str``."""
    return to_json_bytes(value).decode("utf-8")
