"""Grading: lmcore works the scenario out itself, compares the trainee's answer, and explains — the rule's own
explanation and, for a wrong answer, the likely slip. Checking a set: every trainer answer must equal lmcore's."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import LmcoreError
from .answers import parse_answer, plain, same, words
from .scenario import ScenarioError

if TYPE_CHECKING:
    from ..contract.book import Contract
    from .outcome import Outcome
    from .scenario import Library, Scenario
    from .slips import Slip


@dataclass(frozen=True)
class Grade:
    """One graded answer: right or not, lmcore's answer and the trainer's, the feedback, and the likely slips."""

    scenario: Scenario
    answer: Any
    correct: bool
    expected: Any
    trainer_expected: Any
    feedback: str
    slips: tuple[Slip, ...]
    cite: str
    explanation: str
    page_explanation: str  # the explanation as a page shows it: no milestone or reading ids (Outcome.page_explanation)

    @property
    def slip(self) -> Slip | None:
        return self.slips[0] if self.slips else None

    @property
    def agrees(self) -> bool:
        """The trainer's written answer equals lmcore's (if not, the scenario or lmcore is wrong)."""
        return same(self.expected, self.trainer_expected, self.scenario.answer_type)

    def headline(self) -> str:
        s = self.scenario
        said = words(self.answer, s.answer_type, s.choices, s.unit)
        right = words(self.expected, s.answer_type, s.choices, s.unit)
        if self.correct:
            return f"Right: {said} ({self.cite})."
        return f"Not quite: you answered {said}; the answer is {right} ({self.cite})."

    def to_dict(self) -> dict[str, Any]:
        t = self.scenario.answer_type
        return {"scenario": self.scenario.id, "correct": self.correct, "answer": plain(self.answer, t),
                "expected": plain(self.expected, t), "trainer_expected": plain(self.trainer_expected, t),
                "agrees": self.agrees, "feedback": self.feedback, "slip": self.slip.words if self.slip else None,
                "slip_kind": self.slip.kind if self.slip else None, "slips": [x.to_dict(t) for x in self.slips],
                "cite": self.cite, "headline": self.headline(), "explanation": self.explanation,
                "readings": dict(self.scenario.readings)}


def outcome(scenario: Scenario, contract: Contract) -> Outcome:
    """lmcore's own answer to the scenario (its rule run on its facts, under its readings and closures); a rule error
    becomes a ScenarioError naming the scenario and the fact."""
    from .asks import spec_for

    spec = spec_for(scenario.rule)
    try:
        return spec.compute(dict(scenario.facts), scenario.question.ask, scenario.question.of, scenario.contract_for(contract))
    except ScenarioError:
        raise
    except LmcoreError as exc:
        field = "question.of" if exc.field == "of" else f"facts.{exc.field}" if exc.field else "facts"
        raise ScenarioError(exc.what, path=scenario.path, scenario=scenario.id, field=field, cite=exc.cite,
                            fix=exc.fix or "Correct the facts so that the rule can answer") from None


def grade(scenario: Scenario, answer: Any, contract: Contract | None = None) -> Grade:
    """Grade an answer (text as typed, or a value): an unreadable one is an AnswerError (one line)."""
    from ..contract.loading import load_contract
    from .slips import detect

    contract = contract or load_contract()
    value = parse_answer(answer, scenario.answer_type, scenario.choices)
    out = outcome(scenario, contract)
    correct = same(out.value, value, scenario.answer_type)
    slips = () if correct else detect(scenario, out, value, contract)
    g = Grade(scenario, value, correct, out.value, scenario.expected, "", slips, out.cite, out.explanation,
              out.page_explanation)
    return _with_feedback(g, contract)


def _with_feedback(g: Grade, contract: Contract) -> Grade:
    from dataclasses import replace

    lines = [g.headline()]
    if g.slips:
        lines.append("Likely slip: " + g.slips[0].words + ".")
        lines += [f"Or: {s.words}." for s in g.slips[1:3]]
    elif not g.correct:
        lines.append("No common slip gives your answer: compare your count with the one below, day by day.")
    if not g.agrees:
        s = g.scenario
        lines.append(f"Note for the trainer: the scenario file says {words(g.trainer_expected, s.answer_type, s.choices, s.unit)}, "
                     "lmcore says otherwise; one of them is wrong (run `lmcore scenarios check`).")
    for rid, choice in g.scenario.readings.items():
        lines.append(f"This scenario assumes {contract.reading_words(rid, choice)}.")
    lines.append("")
    lines.append(g.explanation)
    return replace(g, feedback="\n".join(lines))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: where (file, scenario, field) and what."""

    file: str
    scenario: str | None
    field: str
    message: str

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "scenario": self.scenario, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class CheckReport:
    """The result of checking a folder: how many scenarios were checked and every problem found."""

    folder: str
    checked: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "checked": self.checked, "ok": self.ok, "problems": [p.to_dict() for p in self.problems]}


def check_scenario(scenario: Scenario, contract: Contract) -> Problem | None:
    """None when lmcore's answer equals the trainer's; else the disagreement (or the rule's error) as a Problem."""
    try:
        out = outcome(scenario, contract)
    except ScenarioError as exc:
        return Problem(scenario.path.name, scenario.id, exc.field or "facts", exc.message)
    if same(out.value, scenario.expected, scenario.answer_type):
        return None
    s = scenario
    msg = (f"{s.path.name}: scenario '{s.id}': field 'expected': the trainer's answer "
           f"{words(s.expected, s.answer_type, s.choices, s.unit)} differs from lmcore's "
           f"{words(out.value, s.answer_type, s.choices, s.unit)} ({out.cite}). Re-count by hand from the text; if lmcore is "
           "wrong, report it.")
    return Problem(s.path.name, s.id, "expected", msg)


def check_folder(folder: Any = None, contract: Contract | None = None) -> CheckReport:
    """Load every file of a folder (a malformed file is one problem) and compare every trainer answer with lmcore's."""
    from ..contract.loading import load_contract
    from .scenario import default_folder, load_file, load_scenarios, scenario_folder

    contract = contract or load_contract()
    folder = scenario_folder(folder) if folder is not None else default_folder(contract)
    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    try:
        lib: Library | None = load_scenarios(folder, contract)
    except ScenarioError as exc:
        lib = None
        if exc.path is None or not folder.is_dir():
            return CheckReport(str(folder), 0, (Problem(folder.name, None, exc.field or "", exc.message),))
        for p in sorted(x for x in folder.iterdir() if x.suffix in (".yaml", ".yml")):
            try:
                scenarios += load_file(p, contract).scenarios
            except ScenarioError as e:
                problems.append(Problem(p.name, e.scenario, e.field or "", e.message))
        if not problems:  # the files are fine one by one: the problem is between them (a repeated id)
            problems.append(Problem(exc.path.name, exc.scenario, exc.field or "", exc.message))
    if lib is not None:
        scenarios = list(lib.scenarios)
    for s in scenarios:
        p = check_scenario(s, contract)
        if p is not None:
            problems.append(p)
    return CheckReport(str(folder), len(scenarios), tuple(problems))


__all__ = ["CheckReport", "Grade", "Problem", "check_folder", "check_scenario", "grade", "outcome"]
