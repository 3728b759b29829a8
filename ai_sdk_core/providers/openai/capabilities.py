"""What an OpenAI model id can do, judged from its family name (``o3-mini``, ``gpt-5.1``, ``gpt-4o``, ...).

Only recognisable OpenAI families get reasoning-model treatment; fine-tuned and unknown ids keep conservative
defaults (a ``system`` role, all sampling settings sent), and ``force_reasoning`` overrides the guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["OpenAIModelCapabilities", "openai_model_capabilities"]

_O_SERIES = re.compile(r"^o(\d+)(?:-|$)")
_GPT = re.compile(r"^gpt-(\d+)(?:\.(\d+))?(?:-(.+))?$")


@dataclass(slots=True, frozen=True)
class OpenAIModelCapabilities:
    """``is_reasoning_model``: takes ``max_completion_tokens`` and ``reasoning_effort``, no sampling settings.
    ``supports_non_reasoning_parameters``: accepts temperature/top_p/logprobs when ``reasoning_effort`` is
    ``"none"`` (GPT-5.1 and later). ``supports_flex_processing``/``supports_priority_processing``: service tiers.
    """

    is_reasoning_model: bool
    supports_non_reasoning_parameters: bool
    supports_flex_processing: bool
    supports_priority_processing: bool


def openai_model_capabilities(model_id: str) -> OpenAIModelCapabilities:
    """Capabilities of ``model_id``.

    >>> openai_model_capabilities("o3-mini").is_reasoning_model, openai_model_capabilities("gpt-4o").is_reasoning_model
    (True, False)
    """
    o_match = _O_SERIES.match(model_id)
    o_version = int(o_match.group(1)) if o_match else None
    gpt_match = _GPT.match(model_id)
    gpt_major = int(gpt_match.group(1)) if gpt_match else None
    gpt_minor = int(gpt_match.group(2)) if gpt_match and gpt_match.group(2) else None
    variant = gpt_match.group(3) if gpt_match else None
    # "gpt-5-chat-latest" is the non-reasoning chat model of the GPT-5 family.
    is_gpt_chat = gpt_minor is None and variant is not None and variant.startswith("chat")
    is_gpt_nano = variant is not None and variant.startswith("nano")
    modern_gpt = gpt_major is not None and gpt_major >= 5 and not is_gpt_chat
    modern_o = o_version is not None and o_version >= 3
    return OpenAIModelCapabilities(
        is_reasoning_model=o_version is not None or modern_gpt,
        supports_non_reasoning_parameters=gpt_major is not None
        and (gpt_major > 5 or (gpt_major == 5 and (gpt_minor or 0) >= 1)),
        supports_flex_processing=modern_o or modern_gpt,
        supports_priority_processing=model_id.startswith("gpt-4") or (modern_gpt and not is_gpt_nano) or modern_o,
    )
