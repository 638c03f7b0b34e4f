"""Each milestone's safe date (issue 16): the timeline walked again under the combinations of the readings that
decide each date, and the date that is on time whichever reading is taken (lmcore.safe_date)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from ..safe_date import Survey, side_of
from .milestones import Timeline
from .record import Grievance


def with_safe_dates(t: Timeline, g: Grievance, contract: Any, as_of: dt.date) -> Timeline:
    """The timeline with `Milestone.safe` set on every dated milestone: the filer's steps take the earliest date of
    all readings, the other side's (a meeting to hold, a decision due) the latest."""
    from .engine import Engine

    def answer(c: Any) -> tuple[dict[str, dt.date | None], list[str]]:
        run = Engine(g, c, as_of).run()
        return {m.name: m.due for m in run.milestones}, [ch.id for ch in run.interpretations]

    survey = Survey(contract, answer)
    ms = []
    for m in t.milestones:
        if m.due is None:
            ms.append(m)
            continue
        ms.append(replace(m, safe=survey.safe(m.name, side_of(m.side), m.depends_on)))
    return replace(t, milestones=tuple(ms))
