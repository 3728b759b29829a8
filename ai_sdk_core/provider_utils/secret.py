"""A holder for secrets (API keys) that never shows its value in a repr, a log line or an exception message."""

from __future__ import annotations

import hmac
from typing import Final

__all__ = ["Secret"]


class Secret:
    """An API key or other credential. ``repr``/``str`` print a mask; read the value with ``get_secret_value()``.

    Example::

        key = Secret("sk-...")
        headers = {"authorization": f"Bearer {key.get_secret_value()}"}
        print(key)  # **********
    """

    __slots__ = ("_value",)

    _MASK: Final = "**********"

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        """Return the secret itself; use it only to build a request header."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{self._MASK}')"

    def __str__(self) -> str:
        return self._MASK

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Secret):
            # Constant time: comparing keys must not leak how many leading characters matched.
            return hmac.compare_digest(self._value.encode(), other._value.encode())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        # Pickling keeps the value (process pools need it); the mask is only for display.
        return (Secret, (self._value,))
