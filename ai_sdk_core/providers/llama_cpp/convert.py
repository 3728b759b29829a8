"""The spec prompt as chat messages for a GGUF chat template (pure: no ``llama_cpp`` needed).

Chat templates of small local models know only ``system``, ``user`` and ``assistant`` turns, so tools are
described in the system turn, an earlier tool call is shown as the JSON the model was constrained to write, and
tool results come back as a user turn. That works with every template instead of the few that render tools.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.spec.call_options import ResponseFormat
from ai_sdk_core.spec.errors import InvalidPromptError, UnsupportedFunctionalityError
from ai_sdk_core.spec.prompt import (
    AssistantMessage,
    FilePart,
    Prompt,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    UserMessage,
)
from ai_sdk_core.spec.tools import FunctionTool

__all__ = [
    "ChatMessage",
    "convert_to_chat_messages",
    "format_tool_call",
    "format_tool_output",
    "response_format_instruction",
    "tools_instruction",
]

ChatMessage = dict[str, str]


def format_tool_call(tool_name: str, arguments: Any) -> str:
    """A tool call written the way the model is asked to write one: ``{"name": ..., "arguments": {...}}``."""
    return to_json_str({"name": tool_name, "arguments": arguments})


def format_tool_output(output: ToolResultOutput) -> str:
    """A tool's output as text the model reads."""
    if output.type == "text":
        return str(output.value)
    if output.type == "json":
        return to_json_str(output.value)
    if output.type == "error-text":
        return f"Error: {output.value}"
    if output.type == "error-json":
        return f"Error: {to_json_str(output.value)}"
    if output.type == "execution-denied":
        return "The call was not approved" + (f": {output.reason}" if output.reason else ".")
    texts = [item.text for item in output.value or () if getattr(item, "type", None) == "text" and item.text]
    return "\n".join(texts)


def tools_instruction(tools: Sequence[FunctionTool], *, required: bool) -> str:
    """The system-turn text that tells the model which tools exist and how to call one."""
    call_shape = '{"name": "<tool name>", "arguments": {<arguments>}}'
    if required:
        lead = f"Call one of the tools below: reply with only a JSON object {call_shape}."
    else:
        lead = (
            f"You can call one of the tools below: to call one, reply with only a JSON object {call_shape}. "
            "Otherwise reply in plain text."
        )
    lines = [lead, "Tools:"]
    for tool in tools:
        description = f": {tool.description}" if tool.description else ""
        lines.append(f"- {tool.name}{description} Arguments (JSON Schema): {to_json_str(tool.input_schema)}")
    return "\n".join(lines)


def response_format_instruction(response_format: ResponseFormat | None) -> str | None:
    """The system-turn text asking for JSON (decoding is constrained too; the words help a small model)."""
    if response_format is None or response_format.type != "json":
        return None
    text = "Reply with a JSON value only."
    if response_format.description:
        text += f" It is {response_format.description}."
    if response_format.schema is not None:
        text += f" It must match this JSON Schema: {to_json_str(response_format.schema)}"
    return text


def _file_text(part: FilePart) -> str:
    # Only text files can be shown to a text-only model; their content is inlined.
    if not part.media_type.startswith("text/"):
        raise UnsupportedFunctionalityError(
            f"file parts of type {part.media_type}",
            f"Local llama.cpp models read text only; a {part.media_type} file cannot be sent.",
        )
    data = part.data
    if isinstance(data, str):
        if data.startswith(("http://", "https://")):
            raise UnsupportedFunctionalityError("file URLs", "Local llama.cpp models cannot fetch file URLs.")
        data = base64.b64decode(data.split(",", 1)[1] if data.startswith("data:") else data)
    return data.decode("utf-8", errors="replace")


def convert_to_chat_messages(prompt: Prompt, *, instructions: Sequence[str] = ()) -> list[ChatMessage]:
    """Chat messages (``{"role": ..., "content": ...}``) for ``prompt``.

    ``instructions`` (tool and output-format descriptions) are appended to the first system turn, or make one.

    >>> convert_to_chat_messages([UserMessage(content=[TextPart(text="Hi")])])
    [{'role': 'user', 'content': 'Hi'}]
    """
    messages: list[ChatMessage] = []
    for message in prompt:
        if isinstance(message, SystemMessage):
            messages.append({"role": "system", "content": message.content})
        elif isinstance(message, UserMessage):
            texts = [part.text if isinstance(part, TextPart) else _file_text(part) for part in message.content]
            messages.append({"role": "user", "content": "\n".join(texts)})
        elif isinstance(message, AssistantMessage):
            texts = []
            for part in message.content:
                if isinstance(part, TextPart):
                    texts.append(part.text)
                elif isinstance(part, ToolCallPart):
                    texts.append(format_tool_call(part.tool_name, part.input))
                # Reasoning and provider-executed results of other providers mean nothing to a local model.
            messages.append({"role": "assistant", "content": "\n".join(texts)})
        elif isinstance(message, ToolMessage):
            results = [
                f"Result of the tool {part.tool_name}: {format_tool_output(part.output)}" for part in message.content
            ]
            messages.append({"role": "user", "content": "\n".join(results)})
        else:
            raise InvalidPromptError(f"Unsupported message: {message!r}")
    extra = "\n\n".join(text for text in instructions if text)
    if extra:
        if messages and messages[0]["role"] == "system":
            messages[0] = {"role": "system", "content": f"{messages[0]['content']}\n\n{extra}"}
        else:
            messages.insert(0, {"role": "system", "content": extra})
    return messages
