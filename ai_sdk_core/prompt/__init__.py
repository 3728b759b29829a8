"""User-facing messages (``ModelMessage``) and their conversion into the spec prompt a model reads."""

from __future__ import annotations

from ai_sdk_core.prompt.convert import (
    Instructions,
    detect_media_type,
    standardize_prompt,
    to_spec_prompt,
    urls_to_download,
)
from ai_sdk_core.prompt.download import DownloadConfig, DownloadedFile
from ai_sdk_core.prompt.messages import (
    AssistantContentPart,
    AssistantModelMessage,
    FilePart,
    ImagePart,
    ModelMessage,
    ReasoningPart,
    SystemModelMessage,
    TextPart,
    ToolApprovalRequestPart,
    ToolApprovalResponse,
    ToolCallPart,
    ToolContentPart,
    ToolModelMessage,
    ToolResultPart,
    UserContentPart,
    UserModelMessage,
    message_to_dict,
)

__all__ = [
    "AssistantContentPart",
    "AssistantModelMessage",
    "DownloadConfig",
    "DownloadedFile",
    "FilePart",
    "ImagePart",
    "Instructions",
    "ModelMessage",
    "ReasoningPart",
    "SystemModelMessage",
    "TextPart",
    "ToolApprovalRequestPart",
    "ToolApprovalResponse",
    "ToolCallPart",
    "ToolContentPart",
    "ToolModelMessage",
    "ToolResultPart",
    "UserContentPart",
    "UserModelMessage",
    "detect_media_type",
    "message_to_dict",
    "standardize_prompt",
    "to_spec_prompt",
    "urls_to_download",
]
