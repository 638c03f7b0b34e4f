"""Each milestone's safe date (issue 16): the timeline walked again under the combinations of the readings that
decide each date, and the date that is on time whichever reading is taken (lmcore.safe_date)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..safe_date import SafeDate, Survey, side_of
from .milestones import Milestone, Timeline

Walk = Callable[[Any], Timeline]  # the grievance's timeline under a contract (engine.Engine(g, contract, as_of).run)


def with_safe_dates(t: Timeline, walk: Walk, contract: Any) -> Timeline:
    """The timeline with `Milestone.safe` set on every dated milestone: the filer's steps take the earliest date of
    all readings, the other side's (a meeting to hold, a decision due) the latest."""
    survey = survey_of(walk, contract)
    return replace(t, milestones=tuple(m if m.due is None else replace(m, safe=survey.safe(m.name, side_of(m.side), m.depends_on))
                                       for m in t.milestones))


def survey_of(walk: Walk, contract: Any) -> Survey:
    """The grievance's walk, ready to run again under any combination of readings (each combination once)."""

    def answer(c: Any) -> tuple[dict[str, Any], list[str]]:
        run = walk(c)
        return {m.name: m.due for m in run.milestones}, [ch.id for ch in run.interpretations]

    return Survey(contract, answer)


def safe_of(m: Milestone, walk: Walk, contract: Any) -> SafeDate | None:
    """One milestone's safe date (a board row needs only its step at hand's); None when it has no date."""
    return None if m.due is None else survey_of(walk, contract).safe(m.name, side_of(m.side), m.depends_on)
