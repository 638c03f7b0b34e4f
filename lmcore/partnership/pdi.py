"""The pre-decisional involvement log: one record per issue — when the information was given to the union, when its
input came, when the decision was made — checked on creation, with what the record shows about the process
("Management officials must provide information early enough to solicit direct, informed and credible input")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from ..calendar import to_date
from ..errors import InvalidDate, InvalidInput
from .data import load

_DATES = {"information_given": "date the information was given", "input_received": "date the input was received",
          "decision": "date of the decision"}


@dataclass(frozen=True)
class PdiRecord:
    """One issue through pre-decisional involvement: information given → input received → decision."""

    issue: str
    information_given: dt.date
    input_received: dt.date | None = None
    decision: dt.date | None = None
    decision_summary: str = ""
    forum: str | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        if not str(self.issue or "").strip():
            raise InvalidInput("the issue is empty", fix="Say what the decision is about", field="issue")
        for name, words in _DATES.items():
            value = getattr(self, name)
            if value is None or value == "":
                if name == "information_given":
                    raise InvalidDate(f"the {words} is missing", fix="Give the day the union was given the information",
                                      field=name)
                object.__setattr__(self, name, None)
                continue
            try:
                object.__setattr__(self, name, to_date(value, words))
            except InvalidDate as exc:
                raise InvalidDate(exc.what, fix=exc.fix, field=name) from None
        given, got, decided = self.information_given, self.input_received, self.decision
        if got is not None and got < given:
            raise InvalidDate(f"the input ({got}) is dated before the information was given ({given})",
                              fix="Check the dates: input answers the information", field="input_received")
        if decided is not None and decided < given:
            raise InvalidDate(f"the decision ({decided}) is dated before the information was given ({given})",
                              fix="Check the dates: information comes before the decision", field="decision")

    @property
    def stage(self) -> str:
        if self.decision is not None:
            return "decided"
        return "input received" if self.input_received is not None else "information given"

    @property
    def predecisional(self) -> bool | None:
        """True when the union's input came before the decision; False when the decision came first or without it;
        None while no decision has been made."""
        if self.decision is None:
            return None
        return self.input_received is not None and self.input_received <= self.decision

    @property
    def days_for_input(self) -> int | None:
        """Calendar days from the information to the decision: the time the union had to give input."""
        return None if self.decision is None else (self.decision - self.information_given).days

    def findings(self) -> tuple[str, ...]:
        quotes = load().model.pdi.quotes
        out = []
        if self.predecisional is False:
            when = "before the input came" if self.input_received else "with no input recorded"
            out.append(f"The decision was made {when}: \"{' '.join(quotes[0].split())}\"")
        if self.days_for_input == 0:
            out.append(f"The information was given on the day of the decision: \"{' '.join(quotes[1].split())}\"")
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in _DATES:
            out[name] = out[name].isoformat() if out[name] else None
        out.update(stage=self.stage, predecisional=self.predecisional, days_for_input=self.days_for_input,
                   findings=list(self.findings()))
        return out

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PdiRecord:
        """From a form or a stored row; an unknown field is an error naming it."""
        known = {f.name for f in fields(cls)}
        bad = sorted(set(data) - known - {"stage", "predecisional", "days_for_input", "findings"})
        if bad:
            raise InvalidInput(f"unknown field '{bad[0]}' of a pre-decisional involvement record",
                               fix=f"Fields: {', '.join(sorted(known))}", field=bad[0])
        return cls(**{k: v for k, v in data.items() if k in known})


__all__ = ["PdiRecord"]
