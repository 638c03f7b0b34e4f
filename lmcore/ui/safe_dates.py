"""The safe date beside a date on a dashboard (issue 16): shown only where some reading of the text gives a safer
date than the one in use, in words ("Safe date Fri 2026-12-18 — under the reading '…' the limit is a day earlier")."""
from __future__ import annotations

from typing import Any

from . import esc

SAFE_COLOUR = "#8a4b00"


def safe_line(safe: Any, what: str = "") -> str:
    """A line of HTML for beside a date (`what`: the step named in words, when the line stands apart from it), or ""
    when no reading gives another safe date."""
    if safe is None or not (safe.differs or safe.too_many):
        return ""
    head = f"<b>{esc(what)}</b>: " if what else ""
    return (f"<p class='lmcore-safe-date' style='color:{SAFE_COLOUR};margin:2px 0 6px 0'>⚠ {head}{esc(safe.words)}</p>")


def safe_row(safe: Any, what: str, columns: int = 3) -> str:
    """`safe_line` as a table row across the table's `columns`, or "" when no reading gives another safe date."""
    line = safe_line(safe, what)
    return f'<tr><td colspan="{columns}">{line}</td></tr>' if line else ""


def safe_cell(safe: Any) -> str:
    """The safe date under a date in a table cell, or "" when it is the same date."""
    if safe is None or not safe.differs or safe.safe_due is None:
        return ""
    return (f"<br><small class='lmcore-safe-date' style='color:{SAFE_COLOUR}'>safe date "
            f"{esc(safe.safe_due.strftime('%a %Y-%m-%d'))}</small>")


def safe_text(safe: Any, indent: str = "    ") -> list[str]:
    """The safe-date line for a page's plain-text summary (nbval compares it), or no line when no reading gives another
    safe date: the same rule as `safe_line`."""
    return [f"{indent}{safe.words}"] if safe is not None and (safe.differs or safe.too_many) else []
