"""Why a model stopped: a unified reason every caller can branch on, plus the provider's own string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = ["FinishReason", "UnifiedFinishReason"]

UnifiedFinishReason: TypeAlias = Literal["stop", "length", "content-filter", "tool-calls", "error", "other"]


@dataclass(slots=True, frozen=True)
class FinishReason:
    """``unified`` is one of :data:`UnifiedFinishReason`; ``raw`` is what the provider said (``"end_turn"``, ...)."""

    unified: UnifiedFinishReason
    raw: str | None = None
