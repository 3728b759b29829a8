"""System checks for the ``AI_SDK`` settings (``python manage.py check``; ``--deploy`` adds the warnings).

=====================  =======================================================================================
``django_ai_sdk.E001``  ``AI_SDK`` (or one alias of it) is not shaped as documented: not a dict, no ``MODEL``
``django_ai_sdk.E002``  a ``MODEL`` string is not ``"provider:model"``
``django_ai_sdk.E003``  a ``MODEL`` names a provider that does not exist or is not installed
``django_ai_sdk.E004``  an alias has a key, ``KIND`` or an ``OPTIONS`` entry that is not known
``django_ai_sdk.E005``  ``AI_SDK`` has no ``default`` alias
``django_ai_sdk.E006``  ``AI_SDK_PROVIDERS`` is not a dict of dicts, or sets a key that is not known
``django_ai_sdk.W001``  (deploy) an alias's provider has no API key in settings or in its environment variable
=====================  =======================================================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

from ai_sdk_core import InvalidArgumentError, NoSuchModelError, NoSuchProviderError, default_settings_middleware
from django_ai_sdk.conf import (
    ALIAS_KEYS,
    DEFAULT_ALIAS,
    PROVIDER_ENVIRONMENT,
    PROVIDER_KEYS,
    AliasConfiguration,
    configured_aliases,
    has_credentials,
)

__all__ = ["check_credentials", "check_settings"]

_TAG = "ai_sdk"


_ALIAS_EXAMPLE = "For example {'MODEL': 'openai:gpt-4o-mini', 'OPTIONS': {'temperature': 0.3}}."


def _error(message: str, identifier: str, hint: str) -> checks.CheckMessage:
    return checks.Error(message, hint=hint, obj="settings.AI_SDK", id=f"django_ai_sdk.{identifier}")


def _check_model(alias: str, configuration: AliasConfiguration) -> list[checks.CheckMessage]:
    provider, _, model_id = configuration.model.partition(":")
    if not provider or not model_id:
        return [
            _error(
                f"AI_SDK[{alias!r}]['MODEL'] is {configuration.model!r}, not a 'provider:model' string.",
                "E002",
                hint="For example 'openai:gpt-4o-mini' or 'llama-cpp:default'.",
            )
        ]
    # Resolving builds a model object without any network call, and fails the way a request would.
    from django_ai_sdk.handler import build_model

    try:
        build_model(configuration)
    except ModuleNotFoundError as error:
        return [
            _error(
                f"AI_SDK[{alias!r}]: the provider {provider!r} is not installed ({error}).",
                "E003",
                hint=f"Install the package that provides {error.name!r}, or pick another provider.",
            )
        ]
    except Exception as error:  # whatever stops the model from being built is a check failure
        cause = error.__cause__
        if isinstance(cause, NoSuchProviderError) or isinstance(error, NoSuchProviderError):
            return [_error(f"AI_SDK[{alias!r}]: unknown provider {provider!r}.", "E003", hint=str(cause or error))]
        if isinstance(cause, NoSuchModelError):
            return [_error(f"AI_SDK[{alias!r}]: {cause}", "E002", hint="Check the model id against the provider's.")]
        return [
            _error(
                f"AI_SDK[{alias!r}]: the model cannot be built: {error}",
                "E003",
                hint="Check the alias's API_KEY, BASE_URL and HEADERS and AI_SDK_PROVIDERS.",
            )
        ]
    return []


def _check_alias(alias: str, entry: Any) -> list[checks.CheckMessage]:
    if not isinstance(entry, Mapping):
        return [_error(f"AI_SDK[{alias!r}] must be a dict with a 'MODEL' key.", "E001", hint=_ALIAS_EXAMPLE)]
    problems: list[checks.CheckMessage] = []
    unknown_keys = sorted(set(map(str, entry)) - ALIAS_KEYS)
    if unknown_keys:
        problems.append(
            _error(f"AI_SDK[{alias!r}] has unknown keys {unknown_keys}.", "E004", hint=f"Known: {sorted(ALIAS_KEYS)}.")
        )
    model = entry.get("MODEL")
    if not isinstance(model, str) or not model:
        problems.append(
            _error(f"AI_SDK[{alias!r}] needs 'MODEL': a 'provider:model' string.", "E001", hint=_ALIAS_EXAMPLE)
        )
        return problems
    kind = entry.get("KIND", "language")
    if kind not in ("language", "embedding"):
        problems.append(
            _error(
                f"AI_SDK[{alias!r}]['KIND'] is {kind!r}.",
                "E004",
                hint="Use 'language' (the default) or 'embedding'.",
            )
        )
        return problems
    options = entry.get("OPTIONS") or {}
    if not isinstance(options, Mapping):
        problems.append(_error(f"AI_SDK[{alias!r}]['OPTIONS'] must be a dict.", "E001", hint=_ALIAS_EXAMPLE))
        return problems
    if options and kind == "embedding":
        problems.append(
            _error(
                f"AI_SDK[{alias!r}]: OPTIONS apply to language models only.",
                "E004",
                hint="Remove OPTIONS from this embedding alias.",
            )
        )
        return problems
    if options:
        try:
            default_settings_middleware(dict(options))
        except InvalidArgumentError as error:
            problems.append(
                _error(
                    f"AI_SDK[{alias!r}]['OPTIONS']: {error}",
                    "E004",
                    hint="OPTIONS keys are call settings such as 'temperature', 'max_output_tokens', 'top_p'.",
                )
            )
            return problems
    configuration = AliasConfiguration(
        alias, model, kind, dict(options), {key: entry[key] for key in PROVIDER_KEYS if key in entry}
    )
    return problems + _check_model(alias, configuration)


def _check_providers() -> list[checks.CheckMessage]:
    providers = getattr(settings, "AI_SDK_PROVIDERS", None)
    if providers is None:
        return []
    if not isinstance(providers, Mapping) or not all(isinstance(entry, Mapping) for entry in providers.values()):
        return [
            checks.Error(
                "AI_SDK_PROVIDERS must be a dict of dicts.",
                hint="For example AI_SDK_PROVIDERS = {'openai': {'API_KEY': env('OPENAI_API_KEY')}}.",
                obj="settings.AI_SDK_PROVIDERS",
                id="django_ai_sdk.E006",
            )
        ]
    problems: list[checks.CheckMessage] = []
    for name, entry in providers.items():
        unknown = sorted(set(map(str, entry)) - set(PROVIDER_KEYS))
        if unknown:
            problems.append(
                checks.Error(
                    f"AI_SDK_PROVIDERS[{name!r}] has unknown keys {unknown}.",
                    hint=f"Known: {list(PROVIDER_KEYS)}.",
                    obj="settings.AI_SDK_PROVIDERS",
                    id="django_ai_sdk.E006",
                )
            )
    return problems


@checks.register(_TAG)
def check_settings(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E001-E006 (see the module docstring)."""
    raw = getattr(settings, "AI_SDK", None)
    if raw is not None and not isinstance(raw, Mapping):
        return [
            _error(
                f"AI_SDK must be a dict of aliases, not {type(raw).__name__}.",
                "E001",
                hint="For example AI_SDK = {'default': {'MODEL': 'openai:gpt-4o-mini'}}.",
            )
        ]
    problems = _check_providers()
    if problems:
        return problems
    aliases = configured_aliases()
    if DEFAULT_ALIAS not in aliases:
        problems.append(
            _error(
                "AI_SDK has no 'default' alias.",
                "E005",
                hint="Add AI_SDK['default'] = {'MODEL': 'provider:model'}; views and ai_models.default use it.",
            )
        )
    for alias, entry in aliases.items():
        problems.extend(_check_alias(str(alias), entry))
    return problems


@checks.register(_TAG, deploy=True)
def check_credentials(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """W001: a configured alias whose provider has no API key (only with ``check --deploy``)."""
    if check_settings():  # credentials are meaningless while the settings themselves are wrong
        return []
    warnings: list[checks.CheckMessage] = []
    for alias, entry in configured_aliases().items():
        configuration = AliasConfiguration(
            alias,
            entry["MODEL"],
            entry.get("KIND", "language"),
            dict(entry.get("OPTIONS") or {}),
            {key: entry[key] for key in PROVIDER_KEYS if key in entry},
        )
        if has_credentials(configuration) is False:
            environment = PROVIDER_ENVIRONMENT[configuration.provider]
            warnings.append(
                checks.Warning(
                    f"AI_SDK[{alias!r}] uses {configuration.provider!r}, which has no API key.",
                    hint=(
                        f"Set AI_SDK_PROVIDERS[{configuration.provider!r}]['API_KEY'] or the environment variable "
                        f"{environment.api_key}."
                    ),
                    obj="settings.AI_SDK",
                    id="django_ai_sdk.W001",
                )
            )
    return warnings
