"""Strict provider options: the generic base and parser every provider shares."""

from __future__ import annotations

import pytest

from ai_sdk_core.provider_utils.options import StrictOptions, parse_provider_options
from ai_sdk_core.spec import InvalidArgumentError


class AcmeOptions(StrictOptions):
    user: str | None = None
    dimensions: int | None = None


def test_absent_options_give_the_defaults() -> None:
    assert parse_provider_options(None, "acme", AcmeOptions) == AcmeOptions()
    assert parse_provider_options({"other": {"user": "x"}}, "acme", AcmeOptions) == AcmeOptions()


def test_options_are_read_under_the_vendor_name() -> None:
    assert parse_provider_options({"acme": {"user": "u-1"}}, "acme", AcmeOptions).user == "u-1"


def test_a_misspelt_key_and_a_coerced_value_are_errors_that_name_them() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        parse_provider_options({"acme": {"usr": "u-1", "dimensions": "256"}}, "acme", AcmeOptions)
    assert caught.value.argument == "provider_options['acme']"
    assert "usr" in caught.value.message
    assert "dimensions" in caught.value.message


def test_the_old_openai_compatible_location_re_exports_the_same_objects() -> None:
    from ai_sdk_core.providers.llama_cpp.options import LlamaCppOptions
    from ai_sdk_core.providers.openai_compatible import options as compatible_options

    assert compatible_options.StrictOptions is StrictOptions
    assert compatible_options.parse_provider_options is parse_provider_options
    assert issubclass(LlamaCppOptions, StrictOptions)
