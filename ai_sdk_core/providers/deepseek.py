"""DeepSeek (``DEEPSEEK_API_KEY``, ``https://api.deepseek.com``): Chat Completions with thinking mode.

Quirks handled:

* ``reasoning_content`` in responses and stream deltas becomes reasoning parts (the shared decoder reads it);
* sending reasoning back follows DeepSeek's thinking-mode guide: within one user turn (the messages between two
  user messages) in which the model called tools, every assistant message carries its ``reasoning_content`` in
  all later requests (the API answers 400 without it); in a turn without tool calls it is left out, since the
  API ignores it there and older reasoning models rejected it. DeepSeek V4 models (``deepseek-v4*``) want the
  field on every assistant message, so there it is always sent (``""`` when the message had no reasoning), as
  the AI SDK does;
* usage: ``prompt_cache_hit_tokens`` / ``prompt_cache_miss_tokens`` become ``cache_read`` / ``no_cache`` input
  tokens, and are also reported in ``provider_metadata["deepseek"]``;
* JSON output: DeepSeek's JSON mode takes no schema and wants the prompt to ask for JSON, so ``json_object`` is
  sent with a leading system message asking for JSON (quoting the schema, when there is one: the compatible
  base adds that one for every model without structured outputs);
* ``provider_options["deepseek"]["thinking"] = {"type": "enabled" | "disabled"}`` is sent as ``thinking``.

Example::

    from ai_sdk_core import generate_text

    result = generate_text(model="deepseek:deepseek-chat", prompt="Hello")
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Unpack

from ai_sdk_core.provider_utils.json_instruction import json_instruction
from ai_sdk_core.providers.openai_compatible.chat_model import ChatRequestContext
from ai_sdk_core.providers.openai_compatible.preset import PresetProvider, PresetSettings, VendorPreset
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import (
    AssistantMessage,
    InputTokens,
    Prompt,
    ProviderMetadata,
    ReasoningPart,
    ToolCallPart,
    Usage,
    UserMessage,
)

if TYPE_CHECKING:
    from ai_sdk_core.providers.openai_compatible.preset_options import DeepSeekChatOptions

__all__ = [
    "DEEPSEEK_PRESET",
    "DeepSeekMetadataExtractor",
    "convert_deepseek_usage",
    "create_deepseek",
    "deepseek",
    "deepseek_request_body",
    "reasoning_to_send_back",
]

_CACHE_FIELDS = ("prompt_cache_hit_tokens", "prompt_cache_miss_tokens")


def _count(usage: Mapping[str, Any], key: str) -> int | None:
    value = usage.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def convert_deepseek_usage(usage: Any) -> Usage:
    """The shared conversion, with DeepSeek's cache counts as the input split.

    >>> convert_deepseek_usage(
    ...     {"prompt_tokens": 10, "completion_tokens": 2, "prompt_cache_hit_tokens": 8, "prompt_cache_miss_tokens": 2}
    ... ).input_tokens
    InputTokens(total=10, no_cache=2, cache_read=8, cache_write=None)
    """
    converted = convert_openai_compatible_usage(usage)
    if not isinstance(usage, Mapping):
        return converted
    hit = _count(usage, "prompt_cache_hit_tokens")
    miss = _count(usage, "prompt_cache_miss_tokens")
    if hit is None and miss is None:
        return converted
    total = converted.input_tokens.total
    converted.input_tokens = InputTokens(
        total=total,
        no_cache=miss if miss is not None else (total or 0) - (hit or 0),
        cache_read=hit if hit is not None else (total or 0) - (miss or 0),
        cache_write=None,
    )
    return converted


def reasoning_to_send_back(prompt: Prompt, *, every_message: bool = False) -> list[str | None]:
    """For each assistant message of ``prompt`` in order: the ``reasoning_content`` to send with it, or None.

    Reasoning is sent only for the assistant messages of a user turn in which the model called a tool; with
    ``every_message`` (V4 models) it is sent for all of them, ``""`` where there was none.
    """
    result: list[str | None] = []
    turn: list[tuple[int, str | None]] = []
    turn_called_tools = False

    def close_turn() -> None:
        for index, reasoning in turn:
            if every_message:
                result[index] = reasoning or ""
            else:
                result[index] = reasoning if turn_called_tools else None

    for message in prompt:
        if isinstance(message, UserMessage):
            close_turn()
            turn, turn_called_tools = [], False
        elif isinstance(message, AssistantMessage):
            texts = [part.text for part in message.content if isinstance(part, ReasoningPart)]
            turn_called_tools = turn_called_tools or any(isinstance(part, ToolCallPart) for part in message.content)
            result.append(None)
            turn.append((len(result) - 1, "".join(texts) if texts else None))
    close_turn()
    return result


def deepseek_request_body(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """Add ``reasoning_content`` to the assistant messages that need it, the JSON instruction, and ``thinking``."""
    every_message = "deepseek-v4" in context.model_id
    reasoning = iter(reasoning_to_send_back(context.options.prompt, every_message=every_message))
    messages: list[dict[str, Any]] = []
    for message in body.get("messages", []):
        if message.get("role") == "assistant":
            # convert_to_chat_messages turns each assistant message into exactly one, in order.
            reasoning_content = next(reasoning, None)
            if reasoning_content is not None:
                message = {**message, "reasoning_content": reasoning_content}
        messages.append(message)
    response_format = context.options.response_format
    if response_format is not None and response_format.type == "json" and response_format.schema is None:
        # DeepSeek's JSON mode needs the prompt to ask for JSON; with a schema, the compatible base already
        # put the schema instruction first.
        messages.insert(0, {"role": "system", "content": json_instruction(None)})
    thinking = getattr(context.provider_options, "thinking", None)
    return {
        **body,
        "messages": messages,
        "thinking": {"type": thinking.type} if thinking is not None else None,
    }


def _cache_metadata(usage: Any) -> ProviderMetadata | None:
    if not isinstance(usage, Mapping):
        return None
    values = {key: usage[key] for key in _CACHE_FIELDS if _count(usage, key) is not None}
    return {"deepseek": values} if values else None


@dataclass(slots=True)
class _DeepSeekStreamMetadata:
    usage: Any = None

    def process_chunk(self, chunk: Any) -> None:
        if isinstance(chunk, Mapping) and isinstance(chunk.get("usage"), Mapping):
            self.usage = chunk["usage"]

    def build_metadata(self) -> ProviderMetadata | None:
        return _cache_metadata(self.usage)


class DeepSeekMetadataExtractor:
    """``prompt_cache_hit_tokens`` / ``prompt_cache_miss_tokens`` into ``provider_metadata["deepseek"]``."""

    def extract_metadata(self, body: Any) -> ProviderMetadata | None:
        """The cache counts of a whole response."""
        return _cache_metadata(body.get("usage") if isinstance(body, Mapping) else None)

    def create_stream_extractor(self) -> _DeepSeekStreamMetadata:
        """A fresh extractor keeping the stream's last usage object."""
        return _DeepSeekStreamMetadata()


def _options_model() -> type[DeepSeekChatOptions]:
    # pydantic loads when the first model is configured, not when this module is imported.
    from ai_sdk_core.providers.openai_compatible.preset_options import DeepSeekChatOptions

    return DeepSeekChatOptions


DEEPSEEK_PRESET = VendorPreset(
    name="deepseek",
    base_url="https://api.deepseek.com",
    api_key_env_var="DEEPSEEK_API_KEY",
    include_usage=True,
    options_model=_options_model,
    transform_request_body=deepseek_request_body,
    metadata_extractor=DeepSeekMetadataExtractor(),
    convert_usage=convert_deepseek_usage,
)


def create_deepseek(**settings: Unpack[PresetSettings]) -> PresetProvider:
    """A DeepSeek provider. The key is ``api_key``, else ``DEEPSEEK_API_KEY`` read at request time."""
    return PresetProvider(DEEPSEEK_PRESET, **settings)


deepseek = create_deepseek()
"""The default DeepSeek provider (``DEEPSEEK_API_KEY``)."""
