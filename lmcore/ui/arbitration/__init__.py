"""The arbitration dashboard: the page (page) and its parts."""
from .page import build_app

__all__ = ["build_app"]
