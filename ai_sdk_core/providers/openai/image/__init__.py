"""OpenAI image generation (``POST /images/generations``): ``gpt-image-1``, ``dall-e-3``, ``dall-e-2``."""

from __future__ import annotations

from ai_sdk_core.providers.openai.image.model import (
    OpenAIImageConfig,
    OpenAIImageModel,
    OpenAIImageOptions,
    openai_max_images_per_call,
)

__all__ = ["OpenAIImageConfig", "OpenAIImageModel", "OpenAIImageOptions", "openai_max_images_per_call"]
