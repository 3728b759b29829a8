"""Case 6 for LangChain alone: ``ChatAISDK`` against ``langchain-openai``'s ``ChatOpenAI``, per call and per chunk.

The measurement now lives in the main runner (``adapters.py`` holds both models; ``cases.py`` runs them in fresh
processes next to raw httpx); this script is kept as a shortcut for::

    python3 bench/run.py --only openai-chat/RawHttpx,openai-chat/ChatOpenAIAdapter,openai-chat/ChatAISDKAdapter
    python3 bench/langchain_adapter.py --quick     # the same, a smoke run

It takes the runner's options (``--quick``, ``--rounds``, ``--json``, ...). The report's "6. Adapters" table gives
our overhead over raw httpx divided by ChatOpenAI's (target at most 0.5).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import main

if __name__ == "__main__":
    sys.exit(
        main(
            [
                "--only",
                "openai-chat/RawHttpx,openai-chat/ChatOpenAIAdapter,openai-chat/ChatAISDKAdapter",
                "--no-readme",
                *sys.argv[1:],
            ]
        )
    )
