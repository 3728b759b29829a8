"""Importing the package is cheap: public names load their modules on first access, and text generation does
not need httpx or pydantic. Each check runs in a fresh interpreter, since this one has loaded everything."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_fresh(code: str) -> str:
    """Run ``code`` in a new interpreter; returns its standard output (fails the test on a non-zero exit)."""
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=50, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def test_import_loads_neither_httpx_nor_pydantic() -> None:
    output = run_fresh(
        """
        import sys
        import ai_sdk_core
        print(sorted(name for name in ("httpx", "pydantic") if name in sys.modules))
        """
    )
    assert output == "[]"


def test_text_generation_with_a_model_object_loads_neither_httpx_nor_pydantic() -> None:
    output = run_fresh(
        """
        import sys
        from ai_sdk_core import generate_text, stream_text
        from ai_sdk_core.testing.mock_models import MockLanguageModel, mock_text_result, text_stream_parts

        generated = generate_text(model=MockLanguageModel(do_generate=mock_text_result("hi")), prompt="go")
        streamed = stream_text(model=MockLanguageModel(do_stream=text_stream_parts("a", "b")), prompt="go")
        print(generated.text, streamed.text, sorted(name for name in ("httpx", "pydantic") if name in sys.modules))
        """
    )
    assert output == "hi ab []"


def test_generate_text_stays_the_function_when_the_subpackage_loads_first() -> None:
    output = run_fresh(
        """
        import ai_sdk_core.generate_text.results
        import ai_sdk_core
        from ai_sdk_core import generate_text
        from ai_sdk_core.generate_text import StepResult

        print(callable(ai_sdk_core.generate_text), generate_text is ai_sdk_core.generate_text, StepResult.__name__)
        """
    )
    assert output == "True True StepResult"


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    output = run_fresh(
        """
        import ai_sdk_core
        import ai_sdk_core.provider_utils as utils

        missing = [name for name in ai_sdk_core.__all__ if getattr(ai_sdk_core, name, None) is None]
        missing += [name for name in utils.__all__ if getattr(utils, name, None) is None]
        print(missing, set(ai_sdk_core.__all__) <= set(dir(ai_sdk_core)), callable(ai_sdk_core.generate_text))
        """
    )
    assert output == "[] True True"


def test_provider_utils_loads_httpx_only_when_a_transport_name_is_used() -> None:
    output = run_fresh(
        """
        import sys
        from ai_sdk_core.provider_utils import NOT_GIVEN, Secret

        before = "httpx" in sys.modules
        from ai_sdk_core.provider_utils import HttpTransport

        print(before, "httpx" in sys.modules, HttpTransport.__name__)
        """
    )
    assert output == "False True HttpTransport"


def test_an_unknown_name_is_an_attribute_error() -> None:
    output = run_fresh(
        """
        import ai_sdk_core
        import ai_sdk_core.provider_utils

        for module in (ai_sdk_core, ai_sdk_core.provider_utils):
            try:
                module.no_such_name
            except AttributeError as error:
                print("no_such_name" in str(error))
        """
    )
    assert output.split() == ["True", "True"]
