"""Scenario files: a trainer's questions with the facts as lmcore inputs and the answer worked out by hand.

A file holds one set (`set: {id, title, description}`) and its `scenarios:`; each is validated on load (pydantic)
against the file's shape and the contract (the article exists, the readings are real options, the question fits the
rule) — any mistake is a ScenarioError naming the file, the scenario and the field, in one line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import LmcoreError

if TYPE_CHECKING:
    from ..contract.book import Contract

BUNDLED = Path(__file__).parents[1] / "contracts" / "dol_local12" / "scenarios"
TRACKS = ("steward", "manager", "both")
ANSWER_TYPES = ("date", "number", "yes/no", "choice")
_ID = r"^[a-z0-9][a-z0-9_-]*$"


class ScenarioError(LmcoreError):
    """A scenario file that is malformed, or a scenario whose question or trainer answer does not hold."""

    def __init__(self, what: str, *, path: Path | str | None = None, scenario: str | None = None, field: str | None = None,
                 cite: str | None = None, fix: str | None = None):
        self.path, self.scenario = (Path(path) if path else None), scenario
        where = [p for p in ((self.path.name if self.path else None), (f"scenario '{scenario}'" if scenario else None),
                             (f"field '{field}'" if field else None)) if p]
        super().__init__(": ".join(where + [what]), cite=cite, fix=fix or "Correct the scenario file and load it again",
                         field=field)


@dataclass(frozen=True)
class Question:
    """What the trainee is asked: the words, what lmcore computes (`ask`) and of which step (`of`)."""

    text: str
    ask: str
    of: str | None = None


@dataclass(frozen=True)
class Scenario:
    """One graded question: the story, the facts as lmcore inputs, the question and the trainer's own answer."""

    id: str
    title: str
    track: str
    article: str
    story: str
    rule: str
    facts: dict[str, Any]
    question: Question
    answer_type: str
    expected: Any
    set_id: str
    path: Path
    choices: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    hints: tuple[str, ...] = ()
    working: str | None = None
    readings: dict[str, str] = field(default_factory=dict)
    closures: dict[dt.date, str] = field(default_factory=dict)

    def for_track(self, track: str | None) -> bool:
        """True when a trainee of `track` should get it (a 'both' scenario is for everyone)."""
        return track in (None, "both") or self.track in (track, "both")

    def contract_for(self, contract: Contract) -> Contract:
        """The contract with this scenario's readings and closures applied."""
        c = contract.with_interpretations(self.readings) if self.readings else contract
        return c.with_closures(self.closures) if self.closures else c

    def facts_table(self) -> list[dict[str, str]]:
        """The facts as rows a page or a terminal shows: name, words, value (a timesheet as its CSV text)."""
        from .asks import fact_label

        return [{"name": k, "label": fact_label(self.rule, k), "value": _show(v)} for k, v in self.facts.items()]

    def summary(self) -> dict[str, str]:
        return {"id": self.id, "track": self.track, "article": self.article, "question": self.question.text}

    def to_dict(self) -> dict[str, Any]:
        from .answers import plain

        return {**self.summary(), "set": self.set_id, "file": self.path.name, "title": self.title, "story": self.story,
                "rule": self.rule, "facts": {k: _plain(v) for k, v in self.facts.items()},
                "ask": self.question.ask, "of": self.question.of, "answer_type": self.answer_type,
                "choices": dict(self.choices), "unit": self.unit, "hints": list(self.hints),
                "expected": plain(self.expected, self.answer_type), "working": self.working, "readings": dict(self.readings),
                "closures": {d.isoformat(): n for d, n in self.closures.items()}}


@dataclass(frozen=True)
class ScenarioSet:
    """The scenarios of one file, under the set's id and title."""

    id: str
    title: str
    description: str
    path: Path
    scenarios: tuple[Scenario, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "description": self.description, "file": self.path.name,
                "scenarios": [s.id for s in self.scenarios]}


@dataclass(frozen=True)
class Library:
    """Every scenario of a folder, by id, with the sets they came from."""

    folder: Path
    sets: tuple[ScenarioSet, ...]

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return tuple(s for st in self.sets for s in st.scenarios)

    def get(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        near = [s.id for s in self.scenarios if scenario_id.split("-")[0] in s.id][:8] or [s.id for s in self.scenarios][:8]
        raise ScenarioError(f"no scenario '{scenario_id}' in {self.folder}", fix=f"Known ids include: {', '.join(near)} "
                            "(see `lmcore scenarios list`)")

    def set(self, set_id: str) -> ScenarioSet:
        for st in self.sets:
            if st.id == set_id:
                return st
        raise ScenarioError(f"no scenario set '{set_id}' in {self.folder}", fix=f"Known sets: {', '.join(s.id for s in self.sets)}")

    def to_dict(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "sets": [st.to_dict() for st in self.sets]}

    def select(self, track: str | None = None, set_id: str | None = None) -> tuple[Scenario, ...]:
        """The scenarios of a track (and set), in file order."""
        if track is not None and track not in TRACKS:
            raise ScenarioError(f"'{track}' is not a track", fix=f"Choose one of: {', '.join(TRACKS)}")
        pool = self.set(set_id).scenarios if set_id else self.scenarios
        return tuple(s for s in pool if s.for_track(track))


# -- the file's shape (pydantic) ---------------------------------------------------------------------------
def _models() -> tuple[type, type]:
    """The pydantic models, built on first use so that `import lmcore.training` stays light."""
    from pydantic import BaseModel, ConfigDict, Field

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class QuestionModel(_Strict):
        text: str = Field(min_length=5)
        ask: str = Field(min_length=1)
        of: str | None = None

    class ScenarioModel(_Strict):
        id: str = Field(pattern=_ID)
        title: str = Field(min_length=3)
        track: Literal["steward", "manager", "both"]
        article: str
        story: str = Field(min_length=10)
        rule: str
        facts: dict[str, Any]
        question: QuestionModel
        answer_type: Literal["date", "number", "yes/no", "choice"]
        choices: dict[str, str] = {}
        unit: str | None = None
        hints: list[str] = []
        expected: Any
        working: str | None = None
        readings: dict[str, str] = {}
        closures: dict[dt.date, str] = {}

    class SetModel(_Strict):
        id: str = Field(pattern=_ID)
        title: str = Field(min_length=3)
        description: str = ""

    class FileModel(_Strict):
        set: SetModel
        scenarios: list[ScenarioModel] = Field(min_length=1)

    return FileModel, ScenarioModel


def _validate_file(data: Any, path: Path) -> Any:
    from pydantic import ValidationError

    FileModel, _ = _models()
    try:
        return FileModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        scenario = None
        if len(loc) >= 2 and loc[0] == "scenarios" and isinstance(loc[1], int):
            raw = (data.get("scenarios") or [])[loc[1]] if isinstance(data, dict) else None
            scenario = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{loc[1] + 1}"
            loc = loc[2:]
        name = ".".join(str(p) for p in loc if not str(p).startswith(("function-", "literal[")))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "is missing"
        raise ScenarioError(msg, path=path, scenario=scenario, field=name or "(top)") from None


def _read_yaml(path: Path) -> Any:
    """The file read as the contract files are (contract.files.read_yaml): bounded, UTF-8, a regular file, no key
    given twice (a second `expected:` would silently win), no aliases — any mistake one line naming the file."""
    from ..contract.files import read_text, read_yaml

    try:
        read_text(path, "scenario file")
    except LmcoreError as exc:  # a folder, a device or a binary file
        raise ScenarioError(exc.what, path=path, fix="Give a scenario .yaml file saved as UTF-8 text") from None
    try:
        return read_yaml(path, "scenario file")
    except LmcoreError as exc:
        raise ScenarioError(exc.what.removeprefix(f"{path.name} ").removeprefix("is "), path=path) from None


def load_file(path: str | Path, contract: Contract | None = None) -> ScenarioSet:
    """One scenario file, validated against its shape and against the contract (no rule is run yet)."""
    from ..contract.loading import load_contract

    path = Path(path)
    contract = contract or load_contract()
    m = _validate_file(_read_yaml(path), path)
    seen: set[str] = set()
    out = []
    for sm in m.scenarios:
        if sm.id in seen:
            raise ScenarioError("the id is used twice in this file", path=path, scenario=sm.id, field="id",
                                fix="Give every scenario its own id")
        seen.add(sm.id)
        out.append(_scenario(sm, m.set.id, path, contract))
    return ScenarioSet(m.set.id, m.set.title, m.set.description, path, tuple(out))


def default_folder(contract: Contract) -> Path:
    """The scenarios of a contract folder (its `scenarios/`, a unit's own set), else the bundled starter set."""
    own = Path(contract.folder) / "scenarios"
    return BUNDLED if not own.is_dir() or own.resolve() == BUNDLED.resolve() else own


def scenario_folder(folder: str | Path | None) -> Path:
    """The scenario folder given (the bundled set for None); an empty name or one with a NUL is a clear error."""
    if folder is None:
        return BUNDLED
    if not str(folder).strip() or "\x00" in str(folder):
        raise ScenarioError("the scenario folder's name is empty or holds a NUL character",
                            fix="Give a folder of scenario .yaml files, or leave out --folder for the bundled set")
    return Path(folder)


def load_scenarios(folder: str | Path | None = None, contract: Contract | None = None) -> Library:
    """Every *.yaml scenario file of a folder (by default the contract folder's own set, else the bundled starter set);
    ids are unique across files."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    folder = scenario_folder(folder) if folder is not None else default_folder(contract)
    if folder.is_file():
        files = [folder]
    elif folder.is_dir():
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    elif folder.exists():
        raise ScenarioError(f"{folder} is not a regular file or a folder", fix="Give a folder of scenario .yaml files")
    else:
        raise ScenarioError(f"the scenario folder {folder} does not exist", fix="Give a folder of scenario .yaml files")
    if not files:
        raise ScenarioError(f"no scenario files (*.yaml) in {folder}", fix="Put one or more scenario .yaml files there")
    try:  # the same files (name, size, time) checked against the same contract folder: the library already built
        key = (str(folder), contract.folder, tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
    except OSError:
        key = None
    if key is not None and key in _LIBRARIES:
        return _LIBRARIES[key]
    lib = _library(folder, files, contract)
    if key is not None:
        if len(_LIBRARIES) >= 8:
            _LIBRARIES.clear()
        _LIBRARIES[key] = lib
    return lib


_LIBRARIES: dict[tuple[Any, ...], Library] = {}  # frozen Libraries: a page or command reads the bundled set once


def _library(folder: Path, files: list[Path], contract: Contract) -> Library:
    sets = [load_file(p, contract) for p in files]
    owner: dict[str, Path] = {}
    set_owner: dict[str, Path] = {}
    for st in sets:
        if st.id in set_owner:
            raise ScenarioError(f"set id '{st.id}' is also used by {set_owner[st.id].name}", path=st.path, field="set.id",
                                fix="Give every file its own set id")
        set_owner[st.id] = st.path
        for s in st.scenarios:
            if s.id in owner:
                raise ScenarioError(f"the id is also used in {owner[s.id].name}", path=st.path, scenario=s.id, field="id",
                                    fix="Scenario ids must be unique across the folder")
            owner[s.id] = st.path
    return Library(folder, tuple(sets))


def _scenario(sm: Any, set_id: str, path: Path, contract: Contract) -> Scenario:
    """Check one validated entry against the contract and the rule it names; build the Scenario."""
    from ..errors import UnknownCitation
    from .answers import parse_expected
    from .asks import spec_for

    def fail(what: str, field_name: str, fix: str | None = None) -> ScenarioError:
        return ScenarioError(what, path=path, scenario=sm.id, field=field_name, fix=fix)

    try:
        article = str(contract.cite(sm.article))
    except UnknownCitation as exc:
        raise fail(exc.what, "article", exc.fix) from None
    for rid, choice in sm.readings.items():
        interp = contract.interpretations.get(rid)
        if interp is None:
            raise fail(f"no reading named '{rid}'", f"readings.{rid}", f"Known readings: {', '.join(sorted(contract.interpretations))}")
        if choice not in interp.options:
            raise fail(f"'{choice}' is not an option of {rid}", f"readings.{rid}", f"Choose one of: {', '.join(interp.options)}")
    try:
        spec = spec_for(sm.rule)
    except LmcoreError as exc:
        raise fail(exc.what, "rule", exc.fix) from None
    ask = spec.asks.get(sm.question.ask)
    if ask is None:
        raise fail(f"rule {sm.rule} cannot answer '{sm.question.ask}'", "question.ask", f"It answers: {', '.join(spec.asks)}")
    if ask.needs_of and not sm.question.of:
        raise fail(f"'{sm.question.ask}' needs `of:` (which {ask.needs_of})", "question.of", ask.of_hint)
    if ask.of_choices and sm.question.of and sm.question.of not in ask.of_choices:
        raise fail(f"'{sm.question.of}' is not a {ask.needs_of} of {sm.rule}", "question.of", ask.of_hint)
    if not ask.needs_of and sm.question.of:
        raise fail(f"'{sm.question.ask}' takes no `of:`", "question.of", "Remove it")
    if sm.answer_type != ask.answer_type:
        raise fail(f"'{sm.answer_type}' does not fit '{sm.question.ask}', which is answered by a {ask.answer_type}",
                   "answer_type", f"Write answer_type: {ask.answer_type}")
    for name in sm.facts:
        if name not in spec.facts:
            raise fail(f"{sm.rule} has no input '{name}'", f"facts.{name}", f"Its inputs: {', '.join(spec.facts)}")
    missing = [n for n in spec.required if n not in sm.facts]
    if missing:
        raise fail(f"{sm.rule} needs '{missing[0]}'", f"facts.{missing[0]}", f"Give {', '.join(missing)}")
    choices = dict(sm.choices) or ask.default_choices
    if sm.answer_type != "choice" and sm.choices:
        raise fail("only a choice question has choices", "choices", "Remove them, or make it answer_type: choice")
    if sm.answer_type == "choice" and not choices:
        raise fail("a choice question needs its choices", "choices", "List them as id: words")
    try:
        expected = parse_expected(sm.expected, sm.answer_type, choices)
    except LmcoreError as exc:
        raise fail(exc.what, "expected", exc.fix) from None
    closures = {}
    for day, name in sm.closures.items():
        closures[day] = name.strip() or "Office closure"
    return Scenario(sm.id, sm.title, sm.track, article, sm.story.strip(), sm.rule, dict(sm.facts),
                    Question(" ".join(sm.question.text.split()), sm.question.ask, sm.question.of), sm.answer_type, expected,
                    set_id, path, choices, sm.unit or ask.unit, tuple(sm.hints), sm.working, dict(sm.readings), closures)


def _plain(value: Any) -> Any:
    """A value as JSON: ISO dates, numbers, booleans, strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%a %Y-%m-%d")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(_show(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.items())
    return re.sub(r"[ \t]+", " ", str(value)).strip()


__all__ = ["ANSWER_TYPES", "BUNDLED", "TRACKS", "Library", "Question", "Scenario", "ScenarioError", "ScenarioSet",
           "load_file", "load_scenarios"]
