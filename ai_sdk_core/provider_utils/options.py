"""Strict validation of ``provider_options["<vendor>"]``, shared by every provider.

Provider options come from the caller, so they are validated strictly: a misspelt key is an error that names it,
not a setting silently ignored. A provider declares its options as a :class:`StrictOptions` subclass and reads
them with :func:`parse_provider_options`.

This module imports pydantic, which takes longer to load than httpx: providers import it on first use (a model
being configured, or an options class named), never when they are imported.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ai_sdk_core.spec import InvalidArgumentError, ProviderOptions

__all__ = ["StrictOptions", "parse_provider_options"]

OptionsT = TypeVar("OptionsT", bound=BaseModel)


class StrictOptions(BaseModel):
    """Base of provider option models: unknown keys are rejected, values are not coerced across types.

    >>> class AcmeOptions(StrictOptions):
    ...     user: str | None = None
    >>> AcmeOptions(user="u-1").user
    'u-1'
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _describe(error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        location = ".".join(str(item) for item in detail["loc"]) or "(options)"
        problems.append(f"{location}: {detail['msg']}")
    return "; ".join(problems)


def parse_provider_options(
    provider_options: ProviderOptions | None,
    name: str,
    model: type[OptionsT],
) -> OptionsT:
    """Validate ``provider_options[name]`` with ``model``; absent options give the model's defaults.

    Raises :class:`~ai_sdk_core.spec.InvalidArgumentError` (a ``ValueError``) naming every bad key.

    >>> class AcmeOptions(StrictOptions):
    ...     user: str | None = None
    >>> parse_provider_options({"acme": {"user": "u-1"}}, "acme", AcmeOptions).user
    'u-1'
    """
    raw: Any = (provider_options or {}).get(name)
    if raw is None:
        return model()
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise InvalidArgumentError(_describe(error), argument=f"provider_options[{name!r}]", value=raw) from error
