"""The shape of a contract's data files, checked on load (pydantic): any mistake is a ContractFileError."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, Union

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_cite(value: str) -> str:
    try:
        return str(Cite.parse(value))
    except UnknownCitation as exc:
        raise ValueError(f"not a citation like 'Art. 43 §7.a(1)': {exc.what}") from None


class ParameterModel(_Strict):
    value: Union[int, float, str, list[dict[str, Union[int, float, str]]]]
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
        if self.unit == "time_of_day":
            if not (isinstance(self.value, str) and _TIME.match(self.value)):
                raise ValueError(f"a time_of_day value must be 'HH:MM' (24-hour), not {self.value!r}")
        elif self.unit == "weekday":
            if self.value not in _WEEKDAYS:
                raise ValueError(f"a weekday value must be a day's name (Monday … Sunday), not {self.value!r}")
        elif self.unit == "table":
            if not isinstance(self.value, list) or not self.value:
                raise ValueError("a table value must be a non-empty list of rows")
        elif isinstance(self.value, (str, list)) or isinstance(self.value, bool):
            raise ValueError(f"a {self.unit} value must be a number, not {self.value!r}")
        elif self.value < 0:
            raise ValueError(f"a {self.unit} value cannot be negative ({self.value})")
        return self


class ContractInfo(_Strict):
    id: str = Field(pattern=_KEY)
    title: str
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


class InterpretationsFile(_Strict):
    interpretations: dict[str, InterpretationModel]
    flaws: dict[str, FlawModel] = {}


def validate(model: type[BaseModel], data: Any, path: Path) -> Any:
    """Validate loaded YAML against a model; turn the first problem into a ContractFileError naming the key."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"] if not str(p).startswith(("function-", "int", "float", "str", "list")))
        msg = err["msg"].removeprefix("Value error, ")
        expected = ""
        if err["type"] == "literal_error":
            expected = f" (expected one of: {err.get('ctx', {}).get('expected', '')})"
        raise ContractFileError(
            f"{path.name}: key '{key or '(top)'}': {msg}{expected}",
            fix=f"Correct {path} and load it again",
        ) from None
