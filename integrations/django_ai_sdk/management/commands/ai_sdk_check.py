"""``python manage.py ai_sdk_check``: one tiny real call per configured alias, with latency and errors.

Unlike ``manage.py check`` (which never calls a model), this spends a few tokens per alias: run it after a
deploy or when a key was rotated. Exits non-zero when any alias fails.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

# `import ai_sdk_core`, not `from ai_sdk_core import generate_text, embed`: the layering test reads those two
# names as the same-named modules (reported to the lead); the package attributes are the public functions.
import ai_sdk_core
from django_ai_sdk.handler import ai_models

__all__ = ["Command"]

PROMPT = "Reply with the single word OK."


def _one_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())


class Command(BaseCommand):
    help = "Make one tiny call per configured AI model alias and report latency and errors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("aliases", nargs="*", help="Aliases to check (default: all of settings.AI_SDK).")
        parser.add_argument("--max-tokens", type=int, default=8, help="Output token cap of each call (default 8).")

    def _call(self, alias: str, max_tokens: int) -> str:
        configuration = ai_models.configuration(alias)
        model = ai_models[alias]
        if configuration.kind == "embedding":
            result: Any = ai_sdk_core.embed(model=model, value="ping", max_retries=0)
            return f"{len(result.embedding)} dimensions"
        answer = ai_sdk_core.generate_text(model=model, prompt=PROMPT, max_output_tokens=max_tokens, max_retries=0)
        tokens = answer.total_usage.total_tokens
        return f"{answer.text.strip()[:40]!r}" + (f", {tokens} tokens" if tokens is not None else "")

    def handle(self, *args: Any, **options: Any) -> None:
        aliases = options["aliases"] or ai_models.aliases()
        failures = 0
        for alias in aliases:
            started = time.perf_counter()
            try:
                model_name = ai_models.configuration(alias).model
                detail = self._call(alias, options["max_tokens"])
            except Exception as error:  # every failure is reported, then the next alias runs
                failures += 1
                elapsed = (time.perf_counter() - started) * 1000
                self.stdout.write(self.style.ERROR(f"{alias}: FAILED after {elapsed:.0f} ms: {_one_line(error)}"))
                continue
            elapsed = (time.perf_counter() - started) * 1000
            self.stdout.write(self.style.SUCCESS(f"{alias}: OK {model_name} in {elapsed:.0f} ms ({detail})"))
        if failures:
            raise CommandError(f"{failures} of {len(aliases)} aliases failed.")
