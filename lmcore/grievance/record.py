"""A grievance as recorded (Art. 43): what happened and when, the path, and the written
waivers and extensions of §13 — the input of the timeline engine and of the case log."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from ..errors import InvalidDate, InvalidInput

# Every date a user can record: the words used in messages and the rule it belongs to.
DATE_FIELDS: dict[str, tuple[str, str]] = {
    "learned": ("date the violation was learned of (for a stay: the removal decision received)", "Art. 43 §7.a(1)"),
    "occurred": ("date the violation occurred", "Art. 43 §8.b(3)"),
    "filed": ("filing date", "Art. 43 §6.b"),
    "form_completed": ("date the properly completed form was received", "Art. 43 §6.b"),
    "step1_meeting": ("Step 1 meeting date", "Art. 43 §7.a(3)"),
    "step1_decision": ("Step 1 decision date", "Art. 43 §7.a(3)"),
    "step1_oelmr_notice": ("date the Union notified OELMR of the late Step 1 decision", "Art. 43 §7.a(5)"),
    "step2_appeal": ("Step 2 appeal date", "Art. 43 §7.b(1)"),
    "step2_form_completed": ("date the properly completed Step 2 appeal form was received", "Art. 43 §6.b"),
    "step2_meeting": ("Step 2 meeting date", "Art. 43 §7.b(4)"),
    "step2_decision": ("Step 2 decision date", "Art. 43 §7.b(4)"),
    "step2_oelmr_notice": ("date the Union notified OELMR of the late Step 2 decision", "Art. 43 §7.b(4)"),
    "consolidated": ("date the grievances were consolidated", "Art. 43 §8.c(2)(c)"),
    "resolved": ("date the matter was resolved", "Art. 43 §8.b"),
    "invoked": ("date arbitration was invoked", "Art. 43 §10"),
    "arbitrability_notice": ("date of the grievability/arbitrability notice", "Art. 43 §11"),
    "hearing": ("arbitration hearing date", "Art. 44 §3.c"),
    "award": ("date of the arbitrator's award", "Art. 43 §14.a"),
}


SCHEDULED_FIELDS = {"hearing"}  # dates that may lie after "as of" (a hearing is scheduled ahead)


@dataclass(frozen=True)
class Waiver:
    """A step waived by mutual written agreement (Art. 43 §13.b), optionally with the date it was signed."""

    step: str
    agreed_on: dt.date | None = None


@dataclass(frozen=True)
class Extension:
    """A time limit modified by mutual written agreement (Art. 43 §13.a): more workdays, or a new due date."""

    milestone: str
    workdays: int | None = None
    until: dt.date | None = None
    agreed_on: dt.date | None = None


@dataclass(frozen=True)
class Grievance:
    """What happened and when. `learned` starts the first count (the occurrence for a Union institutional
    grievance if `occurred` is not given; the receipt of the removal decision for a stay)."""

    learned: dt.date
    path: str = "employee"
    occurred: dt.date | None = None
    filed: dt.date | None = None
    form_completed: dt.date | None = None
    step1_meeting: dt.date | None = None
    step1_decision: dt.date | None = None
    step1_oelmr_notice: dt.date | None = None
    step2_appeal: dt.date | None = None
    step2_form_completed: dt.date | None = None
    step2_meeting: dt.date | None = None
    step2_decision: dt.date | None = None
    step2_oelmr_notice: dt.date | None = None
    consolidated: dt.date | None = None
    resolved: dt.date | None = None
    invoked: dt.date | None = None
    arbitrability_notice: dt.date | None = None
    hearing: dt.date | None = None
    award: dt.date | None = None
    continuing: bool = False
    agencies: str = "single"
    consolidation: str | None = None
    expedited: bool = False
    waivers: tuple[Waiver, ...] = ()
    extensions: tuple[Extension, ...] = ()
    title: str = ""

    def recorded(self) -> dict[str, dt.date]:
        """The dates given, by field name."""
        return {k: getattr(self, k) for k in DATE_FIELDS if getattr(self, k) is not None}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Grievance:
        """Build from strings or dates (a form, a URL, a CSV row); a bad date names its field and rule."""
        from ..calendar import to_date

        known = {f.name for f in fields(cls)}
        kw: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise InvalidInput(f"unknown grievance field '{key}'", cite="Art. 43",
                                   fix=f"Known fields: {', '.join(sorted(known))}")
            if key in DATE_FIELDS:
                if value in (None, ""):
                    continue
                words, cite = DATE_FIELDS[key]
                try:
                    kw[key] = to_date(value, words)
                except InvalidDate as exc:
                    raise InvalidDate(exc.what, cite=cite, fix=exc.fix, field=key) from None
            elif key in _MODIFICATIONS and isinstance(value, (list, tuple)):
                kw[key] = tuple(_modification(key, item) for item in value)
            else:
                kw[key] = value
        if "learned" not in kw:
            raise InvalidInput("the date the violation was learned of is missing", cite="Art. 43 §7.a(1)",
                               fix="Give the learned date (YYYY-MM-DD)", field="learned")
        return cls(**kw)

    def to_mapping(self) -> dict[str, Any]:
        """Every field as plain JSON values (ISO dates; waivers and extensions as lists of dicts), the form
        `from_mapping` reads back: how the case log stores a grievance."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _MODIFICATIONS:
                value = [{m.name: _iso(getattr(item, m.name)) for m in fields(item)} for item in value]
            out[f.name] = _iso(value)
        return out


# Waivers (§13.b) and extensions (§13.a) given as dicts: their class, rule and the words for their dates.
_MODIFICATIONS: dict[str, tuple[type, str, dict[str, str]]] = {
    "waivers": (Waiver, "Art. 43 §13.b", {"agreed_on": "date the written waiver was signed"}),
    "extensions": (Extension, "Art. 43 §13.a", {"until": "new due date agreed in writing",
                                                "agreed_on": "date the written extension was signed"}),
}


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _modification(key: str, item: Any) -> Any:
    """A Waiver or Extension from itself or from a dict such as Grievance.to_mapping() writes."""
    from ..calendar import to_date

    cls, cite, dates = _MODIFICATIONS[key]
    if isinstance(item, cls):
        return item
    names = [f.name for f in fields(cls)]
    if not isinstance(item, dict) or set(item) - set(names) or not str(item.get(names[0]) or "").strip():
        raise InvalidInput(f"{key} entry {item!r} is not a valid {key[:-1]} record", cite=cite,
                           fix=f"Give each as a dict with '{names[0]}' and optionally {', '.join(names[1:])}", field=key)
    kw: dict[str, Any] = {}
    for name, value in item.items():
        if value in (None, ""):
            continue
        if name in dates:
            try:
                value = to_date(value, dates[name])
            except InvalidDate as exc:
                raise InvalidDate(exc.what, cite=cite, fix=exc.fix, field=key) from None
        elif name == "workdays":
            if isinstance(value, bool) or not str(value).strip().isdigit():
                raise InvalidInput(f"{key}: workdays {value!r} is not a whole number", cite=cite,
                                   fix="Give the number of workdays added, e.g. 5", field=key)
            value = int(value)
        kw[name] = value
    return cls(**kw)
