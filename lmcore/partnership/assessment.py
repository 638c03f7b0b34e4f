"""A labor-management team's self-assessment: the Six Elements of Partnership (Launch, Build, Refine, Problem Solve,
Grow, Advance) rated by the team → a score per element (radar values), the weakest element, and next steps drawn
from the seven lessons of "The Path to Partnership 2.0"; the Three Pillars (Trust, Equity, Communication) alike.

The sources name the elements and pillars but do not describe them: the 0–4 scale and which lessons answer which
element are lmcore's own (shown as such), the advice is quoted from the source."""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInput, OutOfRange
from .data import load

SCALE = {0: "not started", 1: "beginning", 2: "developing", 3: "established", 4: "sustained"}
TOP = max(SCALE)
PAIRING_NOTE = ("The sources name the Six Elements without describing them; which lessons answer which element is "
                "lmcore's own pairing. The advice is quoted from \"The Path to Partnership 2.0\".")


@dataclass(frozen=True)
class Lesson:
    """One of the seven lessons of "The Path to Partnership 2.0": its heading and its advice, quoted."""

    id: str
    title: str
    advice: str
    source: str


@dataclass(frozen=True)
class Element:
    """One of the Six Elements of Partnership, with the lessons lmcore pairs with it."""

    id: str
    title: str
    lessons: tuple[Lesson, ...]


@dataclass(frozen=True)
class Score:
    """A rated item (element or pillar): the team's ratings and their mean on the 0–4 scale."""

    id: str
    title: str
    ratings: tuple[float, ...]

    @property
    def score(self) -> float:
        return sum(self.ratings) / len(self.ratings)

    @property
    def level(self) -> str:
        return SCALE[min(TOP, int(math.floor(self.score + 1e-9)))]


@dataclass(frozen=True)
class NextStep:
    """A lesson to act on, and why it comes up now."""

    lesson: Lesson
    because: str

    def __str__(self) -> str:
        return f"{self.lesson.title} ({self.because}): \"{self.lesson.advice}\""


@dataclass(frozen=True)
class Assessment:
    """The team's result: scores per element (and pillar), the weakest element(s), and the next steps."""

    elements: tuple[Score, ...]
    pillars: tuple[Score, ...]
    weakest: tuple[Score, ...]
    next_steps: tuple[NextStep, ...]
    lessons_done: tuple[str, ...]

    def radar(self) -> dict[str, list[Any]]:
        """Plot-ready: the six labels in order and each score as a share of the top of the scale (0 to 1)."""
        return {"labels": [s.title for s in self.elements], "values": [round(s.score / TOP, 4) for s in self.elements],
                "scores": [round(s.score, 2) for s in self.elements]}

    def explain(self) -> str:
        lines = ["Six Elements of Partnership (0 = not started … 4 = sustained; lmcore's scale):"]
        lines += [f"- {s.title}: {s.score:.2f} ({s.level})" for s in self.elements]
        lines.append("Weakest: " + ", ".join(f"{s.title} ({s.score:.2f})" for s in self.weakest) + ".")
        if self.pillars:
            lines.append("Three Pillars of Collaboration: " + "; ".join(f"{p.title} {p.score:.2f}" for p in self.pillars) + ".")
        lines.append("Next steps:")
        lines += [f"- {n}" for n in self.next_steps] or ["- Every lesson is in place."]
        lines.append(PAIRING_NOTE)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        def row(s: Score) -> dict[str, Any]:
            return {"id": s.id, "title": s.title, "ratings": list(s.ratings), "score": round(s.score, 4), "level": s.level}

        return {"elements": [row(s) for s in self.elements], "pillars": [row(p) for p in self.pillars],
                "weakest": [s.id for s in self.weakest], "radar": self.radar(), "lessons_done": list(self.lessons_done),
                "next_steps": [{"lesson": n.lesson.id, "title": n.lesson.title, "advice": n.lesson.advice, "because": n.because}
                               for n in self.next_steps], "note": PAIRING_NOTE, "explanation": self.explain()}


def lessons(folder: Any = None) -> tuple[Lesson, ...]:
    """The seven lessons, in the source's order."""
    data = load(folder)
    src = data.sources["path_2"].title
    return tuple(Lesson(x.id, x.title, x.advice, src) for x in data.model.lessons)


def elements(folder: Any = None) -> tuple[Element, ...]:
    """The Six Elements, in the source's order, each with its paired lessons."""
    by_id = {x.id: x for x in lessons(folder)}
    return tuple(Element(e.id, e.title, tuple(by_id[i] for i in e.lessons)) for e in load(folder).model.elements.items)


def pillars(folder: Any = None) -> tuple[tuple[str, str], ...]:
    """The Three Pillars of Collaboration as (id, title)."""
    return tuple((p.id, p.title) for p in load(folder).model.pillars.items)


def _scores(ratings: Mapping[str, Any], known: Sequence[tuple[str, str]], what: str) -> tuple[Score, ...]:
    ids = [i for i, _ in known]
    unknown = [k for k in ratings if k not in ids]
    if unknown:
        raise InvalidInput(f"'{unknown[0]}' is not one of the {what}", fix=f"Rate: {', '.join(ids)}", field=unknown[0])
    missing = [i for i in ids if i not in ratings]
    if missing:
        raise InvalidInput(f"no rating for '{missing[0]}'", fix=f"Rate every one of the {what}: {', '.join(ids)}", field=missing[0])
    out = []
    for i, title in known:
        raw = ratings[i]
        values = list(raw) if isinstance(raw, (list, tuple)) else [raw]
        if not values:
            raise InvalidInput(f"no rating for '{i}'", fix=f"Give a rating from 0 to {TOP}", field=i)
        clean = []
        for v in values:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise InvalidInput(f"the rating {v!r} for '{i}' is not a number", fix=f"Rate from 0 ({SCALE[0]}) to {TOP} ({SCALE[TOP]})", field=i)
            if not 0 <= v <= TOP:
                raise OutOfRange(f"the rating {v:g} for '{i}' is outside 0–{TOP}", fix=f"Rate from 0 ({SCALE[0]}) to {TOP} ({SCALE[TOP]})", field=i)
            clean.append(float(v))
        out.append(Score(i, title, tuple(clean)))
    return tuple(out)


def assess(ratings: Mapping[str, float | Sequence[float]], *, lessons_done: Iterable[str] = (),
           pillar_ratings: Mapping[str, float | Sequence[float]] | None = None, folder: Any = None) -> Assessment:
    """Score each element (the mean of the team's ratings, 0–4), find the weakest, and list next steps: first the
    lessons paired with the weakest element(s), then every other lesson the team has not put in place yet."""
    els = elements(folder)
    scores = _scores(ratings, [(e.id, e.title) for e in els], "Six Elements (launch, build, refine, problem_solve, grow, advance)")
    pil = _scores(pillar_ratings, pillars(folder), "Three Pillars") if pillar_ratings is not None else ()
    all_lessons = {x.id: x for x in lessons(folder)}
    done = tuple(dict.fromkeys(lessons_done))
    bad = [d for d in done if d not in all_lessons]
    if bad:
        raise InvalidInput(f"'{bad[0]}' is not one of the seven lessons", fix=f"Lessons: {', '.join(all_lessons)}", field="lessons_done")
    low = min(s.score for s in scores)
    weakest = tuple(s for s in scores if abs(s.score - low) < 1e-9)
    steps: list[NextStep] = []
    seen = set(done)
    by_el = {e.id: e for e in els}
    for w in weakest:
        for lesson in by_el[w.id].lessons:
            if lesson.id not in seen:
                steps.append(NextStep(lesson, f"for {w.title}, the weakest element"))
                seen.add(lesson.id)
    for lesson in all_lessons.values():
        if lesson.id not in seen:
            steps.append(NextStep(lesson, "not yet in place"))
            seen.add(lesson.id)
    return Assessment(scores, pil, weakest, tuple(steps), done)


__all__ = ["PAIRING_NOTE", "SCALE", "Assessment", "Element", "Lesson", "NextStep", "Score", "assess", "elements", "lessons", "pillars"]
