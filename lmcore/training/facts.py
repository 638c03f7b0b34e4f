"""A scenario's facts as a trainee reads them on a page: each input's words and its value in words ('merit staffing',
'Mon 2026-11-16', 'Step 2 waived in writing, agreed Mon 2026-08-10'), never a program id, and a timesheet as a
table — the labels from the rule's own inputs (asks) and the words from the rule packages."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from .scenario import Scenario

_COLUMNS = {"date": "Date", "start": "Start", "end": "End", "lunch_start": "Lunch from", "lunch_end": "Lunch to",
            "leave_hours": "Leave (hours)", "leave_kind": "Leave kind", "overtime_ordered_hours": "Overtime ordered (hours)",
            "overtime_ordered": "Overtime ordered (hours)"}
_AGENCIES = {"single": "one DOL Agency", "multiple": "more than one DOL Agency"}
_CONSOLIDATIONS = {"single-supervisor": "grievances against one supervisor", "single-agency": "grievances within one Agency",
                   "multi-agency": "grievances across Agencies"}
_RELIEF = {"personal": "personal relief for an employee (§8.c)", "institutional": "an institutional remedy (§8.b)"}
_STATUTES = {"4303": "5 U.S.C. 4303 (performance)", "7512": "5 U.S.C. 7512 (adverse action)", "other": "another statute"}
_ARBITRATION = {"regular": "regular arbitration", "expedited": "expedited arbitration", "stayed": "a stayed removal"}


@dataclass(frozen=True)
class FactRow:
    """One fact: the input's words, its value in words, and a table (header first) for a timesheet."""

    name: str
    label: str
    text: str
    table: tuple[tuple[str, ...], ...] = ()


def fact_rows(scenario: Scenario) -> list[FactRow]:
    """The scenario's facts in the order of the file, in words."""
    from .asks import fact_label

    out = []
    for name, value in scenario.facts.items():
        label = label_words(fact_label(scenario.rule, name))
        if name == "timesheet":
            table = _timesheet(str(value))
            out.append(FactRow(name, label, f"{len(table) - 1} day(s), below", table))
        else:
            out.append(FactRow(name, label, value_words(scenario.rule, name, value)))
    return out


def label_words(label: str) -> str:
    """An input's words for a page: a list of program values in brackets dropped ('Who files (employee, group, …)'
    → 'Who files'), id-like words spelled out, the first letter capital."""
    label = re.sub(r"\s*\((CSV:[^)]*|[a-z_]+(, ?[a-z_]+)+)\)\s*$", "", label.strip())
    label = re.sub(r"\b[a-z]+(_[a-z0-9]+)+\b", lambda m: _plain(m.group(0)), label)
    return label[:1].upper() + label[1:]


def value_words(rule: str, name: str, value: Any) -> str:
    """A fact's value as a person reads it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.strftime("%a %Y-%m-%d")
    if isinstance(value, (int, float)):
        money = any(w in name for w in ("income", "cost", "fees", "expenses", "transcripts", "fee"))
        if money:
            return f"${value:,.2f}"
        return f"{value:g}" if name == "year" else f"{value:,g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_item_words(rule, name, v) for v in value) or "none"
    if isinstance(value, dict):
        return _item_words(rule, name, value)
    text = str(value).strip()
    words = _named(rule, name).get(text)
    return words if words else _plain(text)


def _named(rule: str, name: str) -> dict[str, str]:
    """The words the rule packages give the values of one input."""
    if name == "path":
        from .ask_grievance import PATH_WORDS

        return PATH_WORDS
    if rule == "grievance.screening":
        from ..grievance.screening import FILERS, STATUSES, SUBJECTS

        table: dict[str, dict[str, str]] = {"filer": FILERS, "status": STATUSES, "subject": {k: v[0] for k, v in SUBJECTS.items()},
                                            "relief": _RELIEF, "removal_statute": _STATUTES}
        return table.get(name, _AGENCIES if name == "agencies" else _CONSOLIDATIONS if name == "consolidation" else {})
    if name == "agencies":
        return _AGENCIES
    if name == "consolidation":
        return _CONSOLIDATIONS
    if rule == "bargaining.request" and name == "kind":
        from ..bargaining.negotiations import KIND_WORDS

        return KIND_WORDS
    if rule == "arbitration.milestones" and name == "kind":
        return _ARBITRATION
    if name == "schedule":
        from ..schedules.kinds import LABELS

        return LABELS
    return {}


def _item_words(rule: str, name: str, item: Any) -> str:
    if not isinstance(item, dict):
        return value_words(rule, name, item)
    if name == "waivers":
        step = _plain(str(item.get("step", "")))
        when = item.get("agreed_on")
        return f"{step.capitalize()} waived in writing" + (f", agreed {value_words(rule, 'agreed_on', when)}" if when else "")
    if name == "extensions":
        what = _plain(str(item.get("milestone", "")))
        how = (f"by {item['workdays']} workdays" if item.get("workdays") else
               f"to {value_words(rule, 'until', item['until'])}" if item.get("until") else "")
        when = item.get("agreed_on")
        return f"{what.capitalize()} extended {how}".rstrip() + (f", agreed {value_words(rule, 'agreed_on', when)}" if when else "")
    return ", ".join(f"{_plain(k)}: {value_words(rule, k, v)}" for k, v in item.items())


def _timesheet(text: str) -> tuple[tuple[str, ...], ...]:
    rows = [r for r in csv.reader(io.StringIO(text.strip())) if any(c.strip() for c in r)]
    if not rows:
        return ((),)
    head = tuple(_COLUMNS.get(c.strip(), _plain(c.strip()).capitalize()) for c in rows[0])
    body = []
    for r in rows[1:]:
        cells = [c.strip() for c in r]
        if cells and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[0]):
            cells[0] = dt.date.fromisoformat(cells[0]).strftime("%a %Y-%m-%d")
        body.append(tuple(_plain(c) if not re.fullmatch(r"[\d.:]*", c) else c for c in cells))
    return (head, *body)


def _plain(text: str) -> str:
    """An id-like word in plain words: 'step2_appeal' → 'step 2 appeal', 'merit_staffing' → 'merit staffing'."""
    if re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)+", text):
        return re.sub(r"(?<=[a-z])(?=\d)", " ", text.replace("_", " ").replace("-", " "))
    return re.sub(r"(?<=step)(?=\d)", " ", text)


__all__ = ["FactRow", "fact_rows", "label_words", "value_words"]
