"""Plain words on every page (issue 17 item 8): no program id (snake_case names such as `step1_filing`,
`count.event_on_nonworkday`, `per_pay_period`) in any text a dashboard draws, except inside `<code>` (text a person
must type exactly, like a CSV header); readings are named by the labels of interpretations.yaml; the CLI and JSON
keep the ids. This is the fast, widget-level scan; tests/browser/test_words.py scans the served pages."""
from __future__ import annotations

import datetime as dt
import html
import re

import ipywidgets as W
import pytest

import lmcore
from lmcore.training import load_scenarios
from lmcore.ui import (arbitration, case_log, contract_calendar, flexiplace, grievance, handbook, in_words, landing, leave,
                       partnership, schedules, subsidies, training, training_results)

AS_OF = dt.date(2026, 11, 23)
# a program id: lower-case words joined by "_" (with "." between groups): step1_filing, count.event_on_nonworkday
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)*_[a-z0-9]+\b")


def shown_texts(w: W.Widget) -> list[str]:
    """Every text a widget tree puts on screen: HTML and labels, descriptions, tooltips, dropdown entries, titles."""
    out = []
    for attr in ("value", "description", "placeholder", "tooltip"):
        v = getattr(w, attr, None)
        if isinstance(v, str) and (attr != "value" or isinstance(w, (W.HTML, W.HTMLMath, W.Label))):
            out.append(v)
    out += list(getattr(w, "_options_labels", ()) or ())
    out += [t for t in (getattr(w, "titles", None) or ()) if t]
    for c in getattr(w, "children", ()) or ():
        out += shown_texts(c)
    return out


def ids_on(app) -> set[str]:
    found = set()
    for t in shown_texts(app.widget):
        t = re.sub(r"<code>.*?</code>", " ", t, flags=re.S)
        t = re.sub(r"<(style|script)\b.*?</\1>", " ", t, flags=re.S)
        found |= set(SNAKE.findall(html.unescape(re.sub(r"<[^>]+>", " ", t))))
    return found


@pytest.fixture(scope="module")
def contract():
    return lmcore.load_contract()


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch, tmp_path):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "cases.sqlite"))


def _pages(contract, tmp):
    lib = load_scenarios()
    return {
        "grievance": lambda: grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "path": "employee"},
                                                 caselog=tmp / "g.sqlite"),
        "arbitration": lambda: arbitration.build_app(as_of=AS_OF),
        "case_log": lambda: case_log.build_app(as_of=AS_OF, params={}),
        "contract_calendar": lambda: contract_calendar.build_app(contract, as_of=AS_OF),
        "flexiplace": lambda: flexiplace.build_app(contract, as_of=AS_OF),
        "handbook": lambda: handbook.build_app(as_of=AS_OF),
        "landing": lambda: landing.build_app(as_of=AS_OF),
        "leave": lambda: leave.build_app(contract, as_of=AS_OF),
        "subsidies": lambda: subsidies.build_app(contract, as_of=AS_OF),
        "schedules": lambda: schedules.build_app(as_of=AS_OF),
        "partnership": lambda: partnership.build_app(contract, as_of=AS_OF, params={}, where=tmp / "p.sqlite"),
        "training": lambda: training.build_app(contract, as_of=AS_OF, params={}, where=tmp / "t.sqlite", library=lib),
        "training_results": lambda: training_results.build_app(contract, as_of=AS_OF, params={}, where=tmp / "t.sqlite",
                                                               library=lib),
    }


@pytest.mark.parametrize("page", ["grievance", "arbitration", "case_log", "contract_calendar", "flexiplace", "handbook",
                                  "landing", "leave", "subsidies", "schedules", "partnership", "training", "training_results"])
def test_no_program_id_on_a_page(page, contract, tmp_path):
    app = _pages(contract, tmp_path)[page]()
    assert ids_on(app) == set(), f"{page} shows program ids: {sorted(ids_on(app))}"


def test_every_step_of_a_grievance_is_explained_without_ids(contract, tmp_path):
    """Each milestone picked under "Why this date?", with every reading switched away from its default (so each
    one is named as used): the explanation names readings by label and steps by their words."""
    app = grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-11-21", "path": "employee"},
                              caselog=tmp_path / "g.sqlite")
    for rid, dd in app.readings.items():
        dd.value = [k for k in contract.interpretations[rid].options if k != contract.interpretations[rid].default][0]
    for name in app.timeline.names:
        app.explain_pick.value = name
        text = html.unescape(re.sub(r"<[^>]+>", " ", app.explain_out.value))
        assert not SNAKE.findall(text), (name, SNAKE.findall(text))
    assert ids_on(app) == set()


def test_every_interpretation_has_a_label_in_words(contract):
    for rid, interp in contract.interpretations.items():
        assert interp.label and not SNAKE.search(interp.label) and rid not in interp.label, rid


def test_deadline_explains_the_reading_in_words_for_pages_and_by_id_for_the_cli(contract):
    """Art. 43 §7.a(1), learned Sat 2026-11-21 (not a workday): the default reading makes Mon 11-23 day 1;
    11-23..25 = 1–3, Thu 11-26 Thanksgiving skipped, 11-27 = 4, 11-30..12-04 = 5–9, 12-07..11 = 10–14,
    12-14..18 = 15–19, Mon 12-21 = day 20."""
    d = contract.deadline("grievance.step1_filing", dt.date(2026, 11, 21))
    assert d.due == dt.date(2026, 12, 21)
    cli, page = d.explain(), d.explain(words=True)
    assert "Reading used: count.event_on_nonworkday = next_workday_is_day_1 (default)" in cli
    label = contract.interpretations["count.event_on_nonworkday"].label
    assert f"Reading used: {label} (Art. 43 §7.a(1), the default reading): The event day is never counted" in page
    assert not SNAKE.findall(page)
    assert in_words(cli, contract) == page  # the page helper for explanations of other results gives the same words
    assert d.to_dict()["interpretations"][0]["id"] == "count.event_on_nonworkday"  # JSON keeps the id


def test_a_switched_reading_says_so_in_words(contract):
    c = contract.with_interpretations({"count.event_on_nonworkday": "deemed_received_next_workday"})
    page = c.deadline("grievance.step1_filing", dt.date(2026, 11, 21)).explain(words=True)
    assert "switched from the default reading" in page and "deemed_received" not in page


def test_flaws_and_milestones_on_pages_have_no_ids(contract):
    """Flaws read by their description (no 'art10_3_skips_item_e'); milestone labels are words."""
    for f in contract.flaws.values():
        assert f.id not in str(f)
    from lmcore.grievance.engine import timeline
    from lmcore.grievance.record import Grievance

    tl = timeline(Grievance(learned=dt.date(2026, 11, 2), path="employee"), contract, AS_OF)
    for m in tl.milestones:
        assert not SNAKE.findall(m.explain(words=True)), m.name


def test_landing_links_read_as_words():
    app = landing.build_app(as_of=AS_OF)
    assert "with a prepared case" in app.cards.value and ".ipynb?" not in re.sub(r'href="[^"]*"', "", app.cards.value)


def test_oelmr_is_spelled_out_on_the_grievance_page_before_it_is_used(contract, tmp_path):
    """The contract spells it out in Art. 43 §7.a(5): 'the Office of Employee and Labor-Management Relations (OELMR)'."""
    app = grievance.build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "path": "employee"},
                              caselog=tmp_path / "g.sqlite")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in shown_texts(app.widget))
    first = text.index("OELMR")
    assert text[:first].endswith("Office of Employee and Labor-Management Relations (")


def test_reading_and_flaw_texts_pages_show_have_no_ids(contract):
    """Questions, options, rationales and flaws are shown on pages as they stand in interpretations.yaml."""
    for rid, i in contract.interpretations.items():
        for text in (i.question, i.rationale, *i.options.values()):
            assert not SNAKE.findall(text), (rid, SNAKE.findall(text))
    for f in contract.flaws.values():
        assert not SNAKE.findall(f"{f.title} {f.description} {f.reading}"), f.id


def test_oelmr_is_spelled_out_on_the_partnership_page_before_it_is_used(contract, tmp_path):
    """The forum "OELMR and Local 12 monthly arbitration case review" (Art. 44 §3.b) is named after the acronym
    has been spelled out, as Art. 43 §7.a(5) does."""
    app = partnership.build_app(contract, as_of=AS_OF, params={}, where=tmp_path / "p.sqlite")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in shown_texts(app.widget))
    assert text[:text.index("OELMR")].endswith("Office of Employee and Labor-Management Relations (")


def test_in_words_names_a_reading_mentioned_by_id_in_running_text(contract):
    """A trainer's working or a finding that mentions "count.x = option" reads, on a page, as the reading's label and
    its option's words (interpretations.yaml); words that only look like ids are left alone."""
    closures = contract.interpretations["calendar.executive_order_closures"]
    text = "Reading calendar.executive_order_closures = exclude: Wed 12-24 is a workday; see calendar.executive_order_closures."
    assert in_words(text, contract) == (f"Reading “{closures.label}” = “{closures.options['exclude']}”: Wed 12-24 is a "
                                        f"workday; see “{closures.label}”.")
    assert in_words("lmcore.ui and calendar.executive_order_closures = no_such_option", contract) == \
        "lmcore.ui and calendar.executive_order_closures = no_such_option"


def test_training_feedback_and_working_show_no_ids_for_any_scenario(contract):
    """Every starter scenario, answered right and answered wrong: its card, the rule's explanation and the trainer's
    working on the training page name readings in words."""
    from lmcore.training import grade
    from lmcore.ui.training_cards import card_html, feedback_html, headline_html

    def ids(h: str) -> set[str]:
        return set(SNAKE.findall(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<code>.*?</code>", " ", h)))))

    for s in load_scenarios().scenarios:
        for answer in (s.expected, "2001-01-01" if s.answer_type == "date" else s.expected):
            g = grade(s, answer, contract)
            assert ids(card_html(s) + headline_html(g) + feedback_html(g)) == set(), s.id
