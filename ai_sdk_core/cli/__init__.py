"""The ``ai-sdk`` command (also ``python -m ai_sdk_core``): ask a model from the terminal.

See :func:`main` and ``ai-sdk --help``.
"""

from __future__ import annotations

from ai_sdk_core.cli.main import EXIT_CONFIGURATION, EXIT_INTERRUPTED, EXIT_MODEL_ERROR, EXIT_USAGE, main

__all__ = ["EXIT_CONFIGURATION", "EXIT_INTERRUPTED", "EXIT_MODEL_ERROR", "EXIT_USAGE", "main"]
