"""``python -m ai_sdk_core "question"``: stream an answer from a model to the terminal.

The model comes from ``--model`` or the ``AI_SDK_MODEL`` environment variable as a ``"provider:model"`` id
(default ``openai:gpt-4o-mini``). Errors are printed as one line, never with a secret in them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

__all__ = ["main"]

DEFAULT_MODEL = "openai:gpt-4o-mini"


def _parse_arguments(arguments: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ai_sdk_core", description="Stream a model's answer.")
    parser.add_argument("prompt", nargs="*", help="the question; read from standard input when omitted")
    parser.add_argument("--model", default=os.environ.get("AI_SDK_MODEL", DEFAULT_MODEL), help="provider:model id")
    parser.add_argument("--system", default=None, help="instructions for the model")
    parser.add_argument("--max-output-tokens", type=int, default=None)
    parser.add_argument("--temperature", type=float, default=None)
    return parser.parse_args(arguments)


def main(arguments: Sequence[str] | None = None) -> int:
    """Run the command; returns the process exit code."""
    from ai_sdk_core import AISDKError, stream_text

    options = _parse_arguments(arguments)
    prompt = " ".join(options.prompt) if options.prompt else sys.stdin.read()
    if not prompt.strip():
        print("error: give a prompt as arguments or on standard input", file=sys.stderr)
        return 2
    try:
        result = stream_text(
            model=options.model,
            prompt=prompt,
            instructions=options.system,
            max_output_tokens=options.max_output_tokens,
            temperature=options.temperature,
        )
        for text in result.text_stream:
            sys.stdout.write(text)
            sys.stdout.flush()
    except AISDKError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
