"""Widget parts of the training and partnership pages (`DateText`, `page_today` and `read_date` live in
lmcore.ui.inputs, shared by every dashboard, and are re-exported here):

- `choose()`: a link's value for a choice, or the default and a message; `download_link()`: a file to save.
"""
from __future__ import annotations

import base64

from . import esc
from .inputs import DateText, page_today, read_date  # noqa: F401  (shared by every dashboard; re-exported here)


def choose(params: dict[str, str], key: str, options: list[tuple[str, str]], default: str,
           what: str = "one of the choices here") -> tuple[str, str | None]:
    """A link's value for a choice: (the value, None) when it is one of the options' values, else (the default, a
    message to show beside the field) — a value the page cannot use is reported, never silently replaced."""
    raw = params.get(key)
    if raw is None or raw == "":
        return default, None
    if raw in [v for _, v in options]:
        return raw, None
    shown = next((label for label, v in options if v == default), default)
    return default, f"The link's {key}={raw} is not {what}; showing {shown}."


def download_link(data: bytes, mime: str, filename: str, words: str, css: str = "") -> str:
    """An HTML link that saves `data` as `filename` (a data: URL: nothing is fetched from anywhere)."""
    style = ("display:inline-block;padding:6px 14px;margin:4px 8px 4px 0;border-radius:4px;background:#1f4e9c;"
             "color:white;text-decoration:none;font-weight:bold")
    return (f"<a class='{esc(css)}' style='{style}' download='{esc(filename)}' "
            f"href='data:{mime};base64,{base64.b64encode(data).decode()}'>{esc(words)}</a>")


__all__ = ["DateText", "choose", "download_link", "page_today", "read_date"]
