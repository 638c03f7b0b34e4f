"""A trainer's view of many graded answers: one Attempt per answer (what a store keeps), and the summary a page
shows — per trainee, per scenario, the scenarios most often missed and the typical slips — as rows and chart data."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import InvalidInput

if TYPE_CHECKING:
    from .grading import Grade

ATTEMPT_FIELDS = ("trainee", "scenario", "set_id", "track", "article", "answer", "expected", "correct", "slip_kind", "slip", "at",
                  "title", "answer_type")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell that starts with one of these


@dataclass(frozen=True)
class Attempt:
    """One trainee's answer to one scenario as graded: the record a results store keeps. `track` is the track the
    trainee chose (the scenario's own track when none was chosen); `answer` and `expected` are plain values (ISO date,
    number, 'yes'/'no', choice id); `title` is the scenario's title when it was answered."""

    trainee: str
    scenario: str
    set_id: str
    track: str
    article: str
    answer: Any
    expected: Any
    correct: bool
    slip_kind: str | None = None
    slip: str | None = None
    at: dt.datetime | None = None
    title: str = ""
    answer_type: str = ""

    def __post_init__(self) -> None:
        if not str(self.trainee).strip():
            raise InvalidInput("the trainee's name is empty", fix="Give the trainee's name (on JupyterHub, the hub user name)",
                               field="trainee")

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}  # shallow: a trainer's CSV of 10,000 answers is quick
        out["at"] = self.at.isoformat(timespec="seconds") if self.at else None
        return out


def hub_user() -> str | None:
    """The JupyterHub user name where the page or command runs under JupyterHub (set by the hub, not by the
    trainee); None elsewhere."""
    name = " ".join(os.environ.get("JUPYTERHUB_USER", "").split())
    return name or None


def attempt_from(grade: Grade, trainee: str, at: dt.datetime | None = None, track: str | None = None) -> Attempt:
    """The record of one graded answer (`track`: the one the trainee chose, if any)."""
    d = grade.to_dict()
    s = grade.scenario
    return Attempt(" ".join(str(trainee).split()), s.id, s.set_id, track or s.track, s.article, d["answer"], d["expected"],
                   grade.correct, d["slip_kind"], d["slip"], at, s.title, s.answer_type)


@dataclass(frozen=True)
class TraineeRow:
    trainee: str
    answered: int
    correct: int

    @property
    def score(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class ScenarioRow:
    scenario: str
    article: str
    answered: int
    correct: int
    typical_slip: str | None
    typical_slip_count: int
    title: str = ""

    @property
    def missed(self) -> int:
        return self.answered - self.correct

    @property
    def missed_share(self) -> float:
        return self.missed / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Summary:
    """Results per trainee and per scenario, the most-missed scenarios and the typical slips."""

    trainees: tuple[TraineeRow, ...]
    scenarios: tuple[ScenarioRow, ...]
    slips: tuple[tuple[str, str, int], ...]  # (kind, words of one example, how many answers)
    attempts: tuple[Attempt, ...]

    @property
    def most_missed(self) -> tuple[ScenarioRow, ...]:
        """Scenarios missed at least once, the highest share of wrong answers first."""
        rows = [r for r in self.scenarios if r.missed]
        return tuple(sorted(rows, key=lambda r: (-r.missed_share, -r.missed, r.scenario)))

    def chart(self) -> dict[str, list[Any]]:
        """Plot-ready columns: share missed per scenario (most missed first) and how often each slip kind was made."""
        mm = self.most_missed
        return {"scenario": [r.scenario for r in mm], "missed_share": [round(r.missed_share, 4) for r in mm],
                "slip_kind": [k for k, _, _ in self.slips], "slip_count": [n for _, _, n in self.slips]}

    def to_csv(self) -> str:
        """Every attempt, one row each (for a spreadsheet). A text that a spreadsheet would run as a formula (a name
        typed as '=HYPERLINK(…)') gets a leading apostrophe; numbers stay numbers."""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(ATTEMPT_FIELDS), lineterminator="\n")
        w.writeheader()
        for a in self.attempts:
            w.writerow({k: _cell(v) for k, v in a.to_dict().items()})
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {"trainees": [{**asdict(r), "score": round(r.score, 4)} for r in self.trainees],
                "scenarios": [{**asdict(r), "missed": r.missed, "missed_share": round(r.missed_share, 4)} for r in self.scenarios],
                "most_missed": [r.scenario for r in self.most_missed],
                "slips": [{"kind": k, "example": w, "count": n} for k, w, n in self.slips], "chart": self.chart()}


def summarize(attempts: Iterable[Attempt]) -> Summary:
    """Group attempts by trainee and by scenario (every attempt counts, in the order given)."""
    items = tuple(attempts)
    by_t: dict[str, list[Attempt]] = {}
    by_s: dict[str, list[Attempt]] = {}
    for a in items:
        by_t.setdefault(a.trainee, []).append(a)
        by_s.setdefault(a.scenario, []).append(a)
    trainees = tuple(TraineeRow(t, len(xs), sum(x.correct for x in xs)) for t, xs in sorted(by_t.items()))
    rows = []
    for sid, xs in sorted(by_s.items()):
        kinds = Counter(x.slip for x in xs if not x.correct and x.slip)
        top = kinds.most_common(1)
        title = next((x.title for x in reversed(xs) if x.title), "")
        rows.append(ScenarioRow(sid, xs[0].article, len(xs), sum(x.correct for x in xs), top[0][0] if top else None,
                                top[0][1] if top else 0, title))
    slip_kinds = Counter(a.slip_kind for a in items if not a.correct and a.slip_kind)
    example = {a.slip_kind: a.slip for a in items if not a.correct and a.slip_kind}
    slips = tuple((k, example[k] or "", n) for k, n in sorted(slip_kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return Summary(trainees, tuple(rows), slips, items)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


__all__ = ["ATTEMPT_FIELDS", "Attempt", "hub_user", "ScenarioRow", "Summary", "TraineeRow", "attempt_from", "summarize"]
