"""``python -m ai_sdk_core``: the ``ai-sdk`` command (see :mod:`ai_sdk_core.cli`)."""

from __future__ import annotations

import sys

from ai_sdk_core.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
