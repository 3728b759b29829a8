"""``--json-schema``: ask the model for JSON matching a schema, then check what came back.

The core has no structured-output option yet, so the command wraps the model: every call it makes asks for
``response_format`` JSON with the schema (providers that support it constrain decoding; the local model does so
with a grammar). The answer is then validated with ``jsonschema`` (installed with the ``local`` extra).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from ai_sdk_core.spec.call_options import CallOptions, ResponseFormat
from ai_sdk_core.spec.errors import JSONParseError, TypeValidationError
from ai_sdk_core.spec.language_model import AsyncStreamResult, GenerateResult, LanguageModel, SyncStreamResult

__all__ = ["JSONSchemaModel", "SchemaFileError", "load_schema", "validate_json"]


class SchemaFileError(ValueError):
    """The ``--json-schema`` file cannot be read or is not a JSON Schema object."""


def load_schema(path: str) -> dict[str, Any]:
    """The JSON Schema in the file ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SchemaFileError(f"cannot read the JSON Schema file {path}: {error.strerror or error}") from error
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaFileError(f"{path} is not JSON: {error}") from error
    if not isinstance(schema, dict):
        raise SchemaFileError(f"{path} does not hold a JSON Schema object")
    return schema


def validate_json(text: str, schema: Mapping[str, Any]) -> Any:
    """The JSON value of ``text``, checked against ``schema``.

    Raises :class:`~ai_sdk_core.spec.errors.JSONParseError` or :class:`~ai_sdk_core.spec.errors.TypeValidationError`.
    Without ``jsonschema`` installed, the value is only parsed.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise JSONParseError(f"The answer is not JSON: {error}", text=text, cause=error) from error
    try:
        jsonschema = importlib.import_module("jsonschema")
    except ImportError:
        return value
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(value), key=lambda found: list(found.path))
    if errors:
        first = errors[0]
        where = "/".join(str(step) for step in first.path) or "(root)"
        raise TypeValidationError(f"The answer does not match the schema at {where}: {first.message}", value=value)
    return value


class JSONSchemaModel:
    """``model`` with every call asking for JSON that matches ``schema``."""

    specification_version: Literal["v4"] = "v4"

    def __init__(self, model: LanguageModel, schema: dict[str, Any]) -> None:
        self._model = model
        self._format = ResponseFormat(type="json", schema=schema)

    @property
    def provider(self) -> str:
        """The wrapped model's provider."""
        return self._model.provider

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self._model.model_id

    @property
    def supported_urls(self) -> Mapping[str, Sequence[re.Pattern[str]]]:
        """The wrapped model's supported URLs."""
        return self._model.supported_urls

    def _options(self, options: CallOptions) -> CallOptions:
        return dataclasses.replace(options, response_format=self._format)

    def do_generate(self, options: CallOptions) -> GenerateResult:
        """The wrapped model's ``do_generate``, asking for JSON."""
        return self._model.do_generate(self._options(options))

    async def ado_generate(self, options: CallOptions) -> GenerateResult:
        """The wrapped model's ``ado_generate``, asking for JSON."""
        return await self._model.ado_generate(self._options(options))

    def do_stream(self, options: CallOptions) -> SyncStreamResult:
        """The wrapped model's ``do_stream``, asking for JSON."""
        return self._model.do_stream(self._options(options))

    async def ado_stream(self, options: CallOptions) -> AsyncStreamResult:
        """The wrapped model's ``ado_stream``, asking for JSON."""
        return await self._model.ado_stream(self._options(options))
