"""The notebooks' tests (nbval): the pages that read $LMCORE_TODAY (training, training_results, partnership) take
"today" from it, so their stored outputs do not change from day to day; a served page uses the real date."""
from __future__ import annotations

import os

PINNED_TODAY = "2026-11-23"


def pytest_configure(config) -> None:
    os.environ.setdefault("LMCORE_TODAY", PINNED_TODAY)
