"""The arbitration dashboard: the page (page) and its parts."""
from .page import build_app, prepare

__all__ = ["build_app", "prepare"]
