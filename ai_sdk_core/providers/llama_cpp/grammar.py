"""GBNF grammars that constrain decoding: JSON output (optionally matching a JSON Schema), and tool calls.

The JSON Schema to GBNF conversion is llama-cpp-python's own (``json_schema_to_gbnf``); this module only picks
the schema and, when the model may also answer in text, adds that alternative next to the call.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Final

from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.llama_cpp.runtime import import_llama_cpp
from ai_sdk_core.providers.llama_cpp.tool_calls import PreparedTools, tool_call_schema
from ai_sdk_core.spec.errors import UnsupportedFunctionalityError

__all__ = ["TEXT_OR_CALL_RULES", "json_grammar", "tool_grammar"]

# A text answer is anything that does not open with "{" (a call always does) nor with white space (so the first
# character decides which branch the model took, and a stream can show text at once).
TEXT_OR_CALL_RULES: Final = "root ::= tool-call | plain-text\nplain-text ::= [^{ \\t\\n\\r] [^\\x00]*"


def _llama_grammar() -> ModuleType:
    import_llama_cpp()  # says which extra to install when it is missing
    return importlib.import_module("llama_cpp.llama_grammar")


def _schema_to_gbnf(schema: dict[str, Any]) -> str:
    try:
        grammar = str(_llama_grammar().json_schema_to_gbnf(to_json_str(schema)))
    except (ValueError, KeyError, TypeError, NotImplementedError) as error:
        raise UnsupportedFunctionalityError(
            "JSON Schema feature", f"This JSON Schema cannot be turned into a grammar for a local model: {error}"
        ) from error
    return grammar


def json_grammar(schema: dict[str, Any] | None) -> str:
    """Any JSON value when ``schema`` is ``None``, else exactly the values ``schema`` allows."""
    if schema is None:
        return str(_llama_grammar().JSON_GBNF)
    return _schema_to_gbnf(schema)


def tool_grammar(prepared: PreparedTools) -> str:
    """A call of one of the prepared tools; unless a call is required, plain text is the other choice."""
    call = _schema_to_gbnf(tool_call_schema(prepared.tools))
    if prepared.required:
        return call
    # The converter names the schema's rule "root" on a line of its own; it becomes "tool-call".
    lines = [
        "tool-call ::=" + line[len("root ::=") :] if line.startswith("root ::=") else line for line in call.split("\n")
    ]
    return "\n".join([*lines, TEXT_OR_CALL_RULES])
