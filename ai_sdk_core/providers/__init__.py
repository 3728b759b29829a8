"""Model providers, one subpackage (or preset module) per vendor.

Nothing is imported here on purpose: ``import ai_sdk_core.providers`` stays cheap, and each vendor loads only
when its own package is imported (``from ai_sdk_core.providers.openai import openai``).
"""

from __future__ import annotations

__all__: list[str] = []
