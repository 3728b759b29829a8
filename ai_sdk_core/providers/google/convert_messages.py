"""The spec prompt to Gemini's ``systemInstruction`` and ``contents`` (roles ``user`` and ``model``).

Provider metadata round-trips here: a ``thoughtSignature`` the model attached to a text, reasoning or function
call part comes back as the matching prompt part's ``provider_options["google"]`` and is sent on that part
again. Gemini 3 answers 400 when a replayed function call lost its signature.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ai_sdk_core.provider_utils.json import to_json_str, try_parse_json
from ai_sdk_core.spec import (
    AssistantMessage,
    CallWarning,
    FilePart,
    Prompt,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)

__all__ = ["SKIP_THOUGHT_SIGNATURE_VALIDATOR", "GooglePrompt", "convert_to_google_messages"]

# Google documents this value for replaying a function call whose real signature is lost: Gemini 3 then skips
# the check instead of failing the whole request.
SKIP_THOUGHT_SIGNATURE_VALIDATOR: Final = "skip_thought_signature_validator"

_DATA_URL = re.compile(r"^data:([^;,]+);base64,(.*)$", re.DOTALL)
_REMOTE_URL = re.compile(r"^(?:https?|gs)://", re.IGNORECASE)


@dataclass(slots=True)
class GooglePrompt:
    """``system_instruction`` (``None`` when there is no system message), ``contents`` and warnings."""

    system_instruction: dict[str, Any] | None
    contents: list[dict[str, Any]]
    warnings: list[CallWarning] = field(default_factory=list)


def _google_options(provider_options: Mapping[str, Mapping[str, Any]] | None) -> Mapping[str, Any]:
    return (provider_options or {}).get("google") or {}


def _signature(provider_options: Mapping[str, Mapping[str, Any]] | None) -> str | None:
    value = _google_options(provider_options).get("thoughtSignature")
    return str(value) if value is not None else None


def _with_signature(part: dict[str, Any], signature: str | None) -> dict[str, Any]:
    if signature is not None:
        part["thoughtSignature"] = signature
    return part


def _to_base64(data: bytes | str) -> str:
    return base64.b64encode(data).decode("ascii") if isinstance(data, bytes) else data


def _file_part(part: FilePart) -> dict[str, Any]:
    # The AI SDK's convention: an unspecific image type is sent as JPEG, which Gemini then sniffs.
    media_type = "image/jpeg" if part.media_type == "image/*" else part.media_type
    data = part.data
    if isinstance(data, str):
        data_url = _DATA_URL.match(data)
        if data_url is not None:
            return {"inlineData": {"mimeType": data_url.group(1), "data": data_url.group(2)}}
        if _REMOTE_URL.match(data):
            # Only URLs Gemini fetches itself reach the provider (see ``supported_urls``); the core downloads others.
            return {"fileData": {"mimeType": media_type, "fileUri": data}}
    return {"inlineData": {"mimeType": media_type, "data": _to_base64(data)}}


def _user_parts(message: UserMessage) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    for part in message.content:
        if isinstance(part, TextPart):
            parts.append({"text": part.text})
        else:
            parts.append(_file_part(part))
    return parts


@dataclass(slots=True)
class _SignatureGuard:
    """Injects the documented placeholder into Gemini 3 function calls that lost their signature."""

    enabled: bool
    missing_tools: list[str] = field(default_factory=list)

    def signature_for(self, tool_name: str, signature: str | None, message_has_signed_call: bool) -> str | None:
        # Gemini 3 signs only the first of parallel function calls: the later ones legitimately have none.
        if signature is not None or not self.enabled or message_has_signed_call:
            return signature
        self.missing_tools.append(tool_name)
        return SKIP_THOUGHT_SIGNATURE_VALIDATOR

    def warning(self) -> CallWarning | None:
        if not self.missing_tools:
            return None
        names = ", ".join(f"`{name}`" for name in dict.fromkeys(self.missing_tools))
        return CallWarning(
            type="other",
            message=(
                f"Replayed {len(self.missing_tools)} function call(s) to a Gemini 3 model without a "
                f"thoughtSignature (tools: {names}); sent Google's skip_thought_signature_validator placeholder. "
                "Keep provider_options['google']['thoughtSignature'] when storing assistant messages."
            ),
        )


def _provider_executed_call(part: ToolCallPart) -> dict[str, Any] | None:
    # Code execution is the one provider tool whose call Gemini accepts back as a part of the model's turn.
    if part.tool_name != "code_execution":
        return None
    code = part.input
    if isinstance(code, str):
        parsed, value = try_parse_json(code)
        code = value if parsed else {"code": code}
    return {"executableCode": code}


def _assistant_parts(message: AssistantMessage, guard: _SignatureGuard) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = []
    has_signed_call = False
    for part in message.content:
        signature = _signature(part.provider_options)
        if isinstance(part, TextPart | ReasoningPart):
            if not part.text:
                continue  # Gemini rejects empty text parts
            text_part: dict[str, Any] = {"text": part.text}
            if isinstance(part, ReasoningPart):
                text_part["thought"] = True
            parts.append(_with_signature(text_part, signature))
        elif isinstance(part, FilePart):
            if isinstance(part.data, str) and _REMOTE_URL.match(part.data):
                raise UnsupportedFunctionalityError("File URLs in assistant messages")
            file_part = _file_part(part)
            if _google_options(part.provider_options).get("thought") is True:
                file_part["thought"] = True
            parts.append(_with_signature(file_part, signature))
        elif isinstance(part, ToolCallPart):
            if part.provider_executed:
                executable = _provider_executed_call(part)
                if executable is not None:
                    parts.append(_with_signature(executable, signature))
                continue
            call_signature = guard.signature_for(part.tool_name, signature, has_signed_call)
            has_signed_call = has_signed_call or signature is not None
            function_call = {"functionCall": {"name": part.tool_name, "args": part.input}}
            parts.append(_with_signature(function_call, call_signature))
        elif part.tool_name == "code_execution":  # a provider-executed tool result
            result = part.output.value if part.output.type == "json" else {"output": part.output.value}
            parts.append(_with_signature({"codeExecutionResult": result}, signature))
    return parts


def _tool_result_content(output: ToolResultOutput) -> Any:
    if output.type == "execution-denied":
        return output.reason or "Tool call execution denied."
    return output.value


def _tool_result_parts(part: ToolResultPart) -> list[dict[str, Any]]:
    output = part.output
    if output.type != "content":
        response = {"name": part.tool_name, "content": _tool_result_content(output)}
        return [{"functionResponse": {"name": part.tool_name, "response": response}}]
    # Media cannot go inside a functionResponse on models before Gemini 3, so it follows as its own parts.
    parts: list[dict[str, Any]] = []
    for item in output.value or ():
        if item.type == "text":
            response = {"name": part.tool_name, "content": item.text}
            parts.append({"functionResponse": {"name": part.tool_name, "response": response}})
        elif item.type == "media" and item.data is not None and item.media_type is not None:
            kind = "image" if item.media_type.startswith("image/") else "file"
            parts.append({"inlineData": {"mimeType": item.media_type, "data": item.data}})
            parts.append({"text": f"Tool executed successfully and returned this {kind} as a response"})
        else:
            parts.append({"text": to_json_str({"type": item.type, "text": item.text})})
    return parts


def convert_to_google_messages(prompt: Prompt, *, model_id: str = "") -> GooglePrompt:
    """Convert the spec prompt; ``model_id`` selects Gemma (no system instruction) and Gemini 3 quirks.

    System messages must come first (Gemini has one ``systemInstruction``); a later one raises
    :class:`~ai_sdk_core.spec.UnsupportedFunctionalityError`.

    >>> from ai_sdk_core.spec import SystemMessage, UserMessage, TextPart
    >>> converted = convert_to_google_messages([SystemMessage("Be brief."), UserMessage([TextPart("Hi")])])
    >>> converted.system_instruction, converted.contents
    ({'parts': [{'text': 'Be brief.'}]}, [{'role': 'user', 'parts': [{'text': 'Hi'}]}])
    """
    lowered = model_id.lower()
    is_gemma = lowered.startswith("gemma-")
    guard = _SignatureGuard(enabled=lowered.startswith("gemini-3"))
    system_parts: list[dict[str, Any]] = []
    contents: list[dict[str, Any]] = []
    for message in prompt:
        if isinstance(message, SystemMessage):
            if contents:
                raise UnsupportedFunctionalityError(
                    "system messages after the start of the conversation",
                    "Gemini accepts system messages only at the beginning of the conversation.",
                )
            system_parts.append({"text": message.content})
        elif isinstance(message, UserMessage):
            contents.append({"role": "user", "parts": _user_parts(message)})
        elif isinstance(message, AssistantMessage):
            contents.append({"role": "model", "parts": _assistant_parts(message, guard)})
        elif isinstance(message, ToolMessage):
            parts = [item for part in message.content for item in _tool_result_parts(part)]
            contents.append({"role": "user", "parts": parts})
    warnings = [warning] if (warning := guard.warning()) is not None else []
    if is_gemma:
        # Gemma models reject systemInstruction: the system text opens the first user turn instead.
        if system_parts and contents and contents[0]["role"] == "user":
            system_text = "\n\n".join(part["text"] for part in system_parts)
            contents[0]["parts"].insert(0, {"text": system_text + "\n\n"})
        return GooglePrompt(system_instruction=None, contents=contents, warnings=warnings)
    system_instruction = {"parts": system_parts} if system_parts else None
    return GooglePrompt(system_instruction=system_instruction, contents=contents, warnings=warnings)
