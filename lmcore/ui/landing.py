"""The landing page: every dashboard in the notebooks folder, what it is for in plain words, and its link.

The list is read from the folder itself (only notebooks that exist are linked). A notebook names its title and
description in its metadata (`"lmcore": {"title", "description", "example_query"}`); without them the first
heading and the first paragraph of its first markdown cell are used.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import app_box, esc, html_widget, mark_ready
from .inputs import page_today

LANDING = "index.ipynb"
# The order a trainer walks through them; dashboards not named here follow, alphabetically.
ORDER = ("handbook", "grievance_timeline", "arbitration_scheduler", "contract_calendar", "work_schedules",
         "leave_planner", "flexiplace", "subsidies", "training", "training_results", "partnership")


@dataclass(frozen=True)
class Dashboard:
    """One dashboard notebook: file name, title, what it is for, and an optional prepared-case query string."""

    name: str
    title: str
    description: str
    example_query: str = ""

    @property
    def href(self) -> str:
        """Relative link from the landing page (works under /voila/render/ and behind JupyterHub or Binder)."""
        return quote(f"{self.name}.ipynb")


def dashboards(folder: str | Path) -> list[Dashboard]:
    """The dashboards in a notebooks folder (not the landing page, hidden files or checkpoints), in teaching order."""
    found = []
    for path in Path(folder).glob("*.ipynb"):
        if path.name == LANDING or path.name.startswith((".", "_")):
            continue
        found.append(describe(path))
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(found, key=lambda d: (rank.get(d.name, len(ORDER)), d.name))


def describe(path: Path) -> Dashboard:
    """Title and description of one notebook, from its metadata or its first markdown cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    meta = (nb.get("metadata") or {}).get("lmcore") or {}
    title, description = meta.get("title"), meta.get("description")
    if not (title and description):
        md = next(("".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"), "")
        head, para = _first_heading_and_paragraph(md)
        title = title or head
        description = description or para
    title = title or path.stem.replace("_", " ").capitalize()
    return Dashboard(path.stem, title, description or "", str(meta.get("example_query", "")).lstrip("?"))


def _first_heading_and_paragraph(markdown: str) -> tuple[str, str]:
    heading, para, lines = "", "", markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#") and not heading:
            heading = line.lstrip("#").strip()
            continue
        if line.strip() and not line.startswith(("#", ">", "|", "```")):
            block = []
            for rest in lines[i:]:
                if not rest.strip():
                    break
                block.append(rest.strip().lstrip(">").strip())
            para = _plain(" ".join(block))
            break
    return heading, para


def _plain(markdown: str, limit: int = 320) -> str:
    """Markdown emphasis and links to plain words, cut at a word boundary for a card."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]{1,2}([^*_`]+)[*_`]{1,2}", r"\1", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


class LandingApp:
    """The landing page's cards, one per dashboard, linked with relative Voilà URLs."""

    def __init__(self, folder: Path, as_of: dt.date):
        self.folder, self.as_of = folder, as_of
        self.items = dashboards(folder)
        cards = "".join(self._card(d) for d in self.items) or "<p><i>No dashboards are in this folder yet.</i></p>"
        self.cards = html_widget(f'<div class="lmcore-cards">{cards}</div>')
        self.cards.add_class("lmcore-answer")
        self.widget = app_box([self.cards], title=None, home=False)
        self.widget.add_class("lmcore-landing")
        mark_ready(self.widget)

    @staticmethod
    def _card(d: Dashboard) -> str:
        example = ""
        if d.example_query:
            example = (f'<p class="lmcore-example"><a href="{esc(d.href + "?" + d.example_query)}">'
                       f"Open the {esc(d.title)} page with a prepared case</a></p>")
        return (f'<div class="lmcore-card" data-dashboard="{esc(d.name)}"><h3><a href="{esc(d.href)}">{esc(d.title)}</a></h3>'
                f"<p>{esc(d.description)}</p>{example}</div>")

    def unlinked(self) -> list[str]:
        """Notebooks in the folder that the page does not link (should be none)."""
        linked = {d.name for d in self.items}
        return sorted(p.stem for p in self.folder.glob("*.ipynb")
                      if p.name != LANDING and not p.name.startswith((".", "_")) and p.stem not in linked)

    def summary(self) -> str:
        """Deterministic text: a fact that holds whichever dashboards exist (nbval compares it as new ones land)."""
        missing = self.unlinked()
        every = "yes" if not missing else "no, missing: " + ", ".join(missing)
        first = self.items[0].name if self.items else "(none)"
        return (f"Landing page (as of {self.as_of.isoformat()}): every dashboard notebook in the folder is linked: {every}; "
                f"the first card is {first}.")


def _default_folder() -> Path:
    """The folder the landing notebook runs in (Voilà and nbval start kernels there), else the repository's notebooks/."""
    here = Path.cwd()
    if (here / LANDING).exists():
        return here
    return Path(__file__).resolve().parents[2] / "notebooks"


def build_app(contract: Any = None, as_of: dt.date | None = None, params: dict[str, str] | None = None,
              folder: str | Path | None = None) -> LandingApp:
    """The landing page (contract and params are accepted for the common build_app shape; the page needs neither)."""
    return LandingApp(Path(folder) if folder else _default_folder(), as_of or page_today())
