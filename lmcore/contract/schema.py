"""The shape of a contract's data files, checked on load (pydantic): any mistake is a ContractFileError."""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .citations import Cite
from ..errors import ContractFileError, UnknownCitation

Unit = Literal[
    "workdays", "calendar_days", "days", "hours", "minutes", "months", "years", "pay_periods", "count",
    "meetings_per_year", "per_month", "usd", "usd_per_month", "percent", "fraction", "square_feet",
    "time_of_day", "age_years", "table", "weekday",
]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_KEY = r"^[a-z][a-z0-9_]*$"
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


# Units that count whole things (days, people, meetings): a positive whole number, never 0, 20.5 or true.
COUNTS = frozenset({"workdays", "calendar_days", "days", "minutes", "months", "years", "pay_periods", "count",
                    "meetings_per_year", "per_month", "square_feet", "age_years"})
# Upper bounds that no contract can exceed (a day has 1,440 minutes, a month at most 31 days ...).
_CEILING = {"minutes": 1440, "percent": 100, "fraction": 1, "per_month": 31, "meetings_per_year": 366, "age_years": 120}


class _Strict(BaseModel):
    # strict: no type coercion (a bool is not a number, 20 is not "20"); no NaN or infinity
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


def _check_cite(value: str) -> str:
    try:
        return str(Cite.parse(value))
    except UnknownCitation as exc:
        raise ValueError(f"not a citation like 'Art. 43 §7.a(1)': {exc.what}") from None


class ParameterModel(_Strict):
    value: Any  # checked below against the unit, without coercion
    unit: Unit
    cite: str
    quote: str = Field(min_length=3)
    label: str = Field(min_length=3)
    direction: Literal["after", "before"] = "after"
    note: str | None = None
    interpretation: str | None = None
    law: str | None = None
    informational: str | None = None  # why no answer of lmcore depends on this number (shown, not computed with)

    _cite = field_validator("cite")(_check_cite)

    @model_validator(mode="after")
    def _value_fits_unit(self) -> ParameterModel:
        v = self.value
        if self.unit == "time_of_day":
            if not (isinstance(v, str) and _TIME.match(v)):
                raise ValueError(f"a time_of_day value must be 'HH:MM' (24-hour), not {v!r}")
        elif self.unit == "weekday":
            if v not in _WEEKDAYS:
                raise ValueError(f"a weekday value must be a day's name (Monday … Sunday), not {v!r}")
        elif self.unit == "table":
            if not isinstance(v, list) or not v or not all(isinstance(r, dict) for r in v):
                raise ValueError("a table value must be a non-empty list of rows (each a mapping of column: value)")
            for i, row in enumerate(v, 1):
                for col, cell in row.items():
                    if not isinstance(col, str) or isinstance(cell, bool) or not isinstance(cell, (int, float, str)) or (
                            isinstance(cell, float) and not math.isfinite(cell)):
                        raise ValueError(f"row {i}, column {col!r}: a table cell must be a finite number or text, not {cell!r}")
        elif isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"a {self.unit} value must be a number, not {v!r}")
        elif not math.isfinite(v):
            raise ValueError(f"a {self.unit} value must be a finite number, not {v!r}")
        elif v < 0:
            raise ValueError(f"a {self.unit} value cannot be negative ({v})")
        elif self.unit in COUNTS and (not isinstance(v, int) or v < 1):
            raise ValueError(f"a {self.unit} value is a count: a whole number of 1 or more, not {v!r}")
        elif v == 0:
            raise ValueError(f"a {self.unit} value must be a number above zero, not {v!r}")
        elif v > _CEILING.get(self.unit, math.inf):
            raise ValueError(f"a {self.unit} value cannot be more than {_CEILING[self.unit]}, not {v!r}")
        return self


class ContractInfo(_Strict):
    id: str = Field(pattern=_KEY)
    title: str
    short_name: str = Field(min_length=3)  # the agreement by its parties, for titles of reports and calendar files
    union: str = Field(min_length=2)  # the union party's name as the text calls it ("Local 12")
    source: str
    text: str = "contract.txt"


class ParametersFile(_Strict):
    contract: ContractInfo
    parameters: dict[str, dict[str, ParameterModel]]

    @field_validator("parameters")
    @classmethod
    def _keys(cls, groups: dict[str, dict[str, ParameterModel]]) -> dict[str, dict[str, ParameterModel]]:
        for group, entries in groups.items():
            for key in (group, *entries):
                if not re.match(_KEY, key):
                    raise ValueError(f"key '{key}' must be lower_snake_case")
        return groups


class InterpretationModel(_Strict):
    label: str = Field(min_length=3)  # the reading's name in words, shown on pages instead of its id
    question: str
    default: str
    options: dict[str, str]
    rationale: str
    cite: str
    law: str | None = None

    _cite = field_validator("cite")(_check_cite)

    @model_validator(mode="after")
    def _default_is_an_option(self) -> InterpretationModel:
        if self.default not in self.options:
            raise ValueError(f"default '{self.default}' is not one of the options {sorted(self.options)}")
        if len(self.options) < 2:
            raise ValueError("an interpretation needs at least two options (the default and an alternative)")
        return self


class FlawModel(_Strict):
    cite: str
    title: str
    description: str
    reading: str
    quote: str | None = None
    also: list[str] = []

    _cite = field_validator("cite")(_check_cite)


class TermModel(_Strict):
    term: str = Field(min_length=2)       # the contract's word, as printed in the cited part
    cite: str                             # where the contract uses it
    also_called: list[str] = Field(min_length=1)  # the words people use for it

    _cite = field_validator("cite")(_check_cite)

    @field_validator("also_called")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        keys = [" ".join(n.split()).lower() for n in names]
        if any(len(k) < 2 for k in keys) or len(set(keys)) != len(keys):
            raise ValueError("each other name must have at least two letters and appear once")
        return names


class WordsFile(_Strict):
    terms: dict[str, TermModel]
    acronyms: dict[str, str] = {}  # acronym: its words, as the contract spells it out ("Office of … (OELMR)")

    @model_validator(mode="after")
    def _distinct(self) -> WordsFile:
        seen: dict[str, str] = {}
        for key, t in self.terms.items():
            if not re.match(_KEY, key):
                raise ValueError(f"key '{key}' must be lower_snake_case")
            for n in t.also_called:
                k = " ".join(n.split()).lower()
                if k in seen:
                    raise ValueError(f"'{n}' is another name for both '{seen[k]}' and '{key}': give it to one term")
                seen[k] = key
        return self


class InterpretationsFile(_Strict):
    interpretations: dict[str, InterpretationModel]
    flaws: dict[str, FlawModel] = {}


def _at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The part of the loaded data at an error's location (an empty dict where there is none)."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def validate(model: type[BaseModel], data: Any, path: Path) -> Any:
    """Validate loaded YAML against a model; the first problem is one ContractFileError line: file, line, key, expected."""
    from .files import line_of

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not str(p).startswith(("function-", "int", "float", "str", "list")))
        if err["type"] == "value_error" and "value" in _at(data, loc) and not err["msg"].removeprefix("Value error, ").startswith("range"):
            loc += ("value",)  # a check of the whole entry is about its value: point at that line
        key = ".".join(str(p) for p in loc)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "literal_error":
            msg += f" (expected one of: {err.get('ctx', {}).get('expected', '')})"
        elif err["type"] == "missing":
            msg += " (this key is required)"
        line = line_of(data, loc)
        raise ContractFileError(f"{path.name}{f' line {line}' if line else ''}: key '{key or '(top)'}': {' '.join(msg.split())}",
                                fix=f"Correct {path} and load it again") from None
