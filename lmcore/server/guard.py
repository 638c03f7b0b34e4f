"""The protections of one running server, kept in its Tornado settings: what it enforces and the ledger of the
kernels its open pages hold."""
from __future__ import annotations

from typing import Any

from .capacity import Ledger
from .config import Settings

GUARD_KEY = "lmcore_server"


class Guard:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.ledger = Ledger(settings.max_kernels, settings.max_kernels_per_client)


def guard_of(settings: dict[str, Any]) -> Guard:
    """The Guard of the application whose handler has these settings."""
    return settings[GUARD_KEY]
