"""The landing page's list of dashboards (lmcore.ui.landing): read from the folder, described, linked, escaped."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from lmcore.ui import landing

AS_OF = dt.date(2026, 11, 23)
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _notebook(folder: Path, name: str, markdown: str = "", meta: dict | None = None) -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown}] if markdown else []
    nb = {"cells": cells, "metadata": {"lmcore": meta} if meta else {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")


def test_lists_only_notebooks_that_exist_in_teaching_order(tmp_path):
    _notebook(tmp_path, "subsidies", "# Subsidies\n\nTransit and child care.")
    _notebook(tmp_path, "handbook", "# The handbook\n\nRead the contract.")
    _notebook(tmp_path, "zz_extra", "# Extra\n\nSomething new.")
    _notebook(tmp_path, "index", "# Landing")
    _notebook(tmp_path, "_scratch", "# Not a dashboard")
    names = [d.name for d in landing.dashboards(tmp_path)]
    assert names == ["handbook", "subsidies", "zz_extra"]  # ORDER first, then the rest alphabetically


def test_title_and_description_from_metadata_or_first_markdown(tmp_path):
    _notebook(tmp_path, "a", "# Leave planner\n\n**What it is for:** plan [annual leave](x) *before* it is lost.\n\nMore.")
    _notebook(tmp_path, "b", "", {"title": "Flexiplace", "description": "Telework eligibility.", "example_query": "x=1"})
    _notebook(tmp_path, "c_d")
    a, b, c = landing.dashboards(tmp_path)
    assert (a.title, a.description) == ("Leave planner", "What it is for: plan annual leave before it is lost.")
    assert (b.title, b.description, b.example_query) == ("Flexiplace", "Telework eligibility.", "x=1")
    assert (c.title, c.description) == ("C d", "")


def test_cards_link_relatively_and_escape_text(tmp_path):
    _notebook(tmp_path, "handbook", "", {"title": "<script>alert(1)</script>", "description": "a & b",
                                           "example_query": "start=2026-11-18&workdays=20"})
    app = landing.build_app(as_of=AS_OF, folder=tmp_path)
    html = app.cards.value
    assert 'href="handbook.ipynb"' in html
    assert 'href="handbook.ipynb?start=2026-11-18&amp;workdays=20"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html
    assert "lmcore-ready" in app.widget._dom_classes


def test_summary_holds_whichever_dashboards_exist(tmp_path):
    _notebook(tmp_path, "handbook", "# H\n\nx")
    app = landing.build_app(as_of=AS_OF, folder=tmp_path)
    assert app.unlinked() == []
    assert app.summary() == ("Landing page (as of 2026-11-23): every dashboard notebook in the folder is linked: yes; "
                             "the first card is handbook.")


def test_the_repository_landing_links_every_dashboard():
    app = landing.build_app(as_of=AS_OF, folder=NOTEBOOKS)
    expected = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb") if p.name != "index.ipynb")
    assert sorted(d.name for d in app.items) == expected
    assert app.items[0].name == "handbook"
    assert all(d.description for d in app.items), "every dashboard needs a plain-words description"
    for d in app.items:  # a card is whole: its description is a sentence (not a lead-in to a list) and has a prepared case
        assert d.description.rstrip().endswith((".", "?", ")")), (d.name, d.description[-40:])
        assert d.example_query, f"{d.name}: no prepared-case link (metadata lmcore.example_query)"


def test_example_query_with_a_leading_question_mark(tmp_path):
    _notebook(tmp_path, "leave_planner", "", {"title": "Leave", "description": "d", "example_query": "?balance=230"})
    (d,) = landing.dashboards(tmp_path)
    assert d.example_query == "balance=230"
    assert 'href="leave_planner.ipynb?balance=230"' in landing.build_app(as_of=AS_OF, folder=tmp_path).cards.value
