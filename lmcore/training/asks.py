"""The rules a scenario can name, by name (`grievance.timeline`, `schedules.pay_period`, …): their inputs, the
questions each answers, and the adapter that calls the rule engine."""
from __future__ import annotations

from functools import lru_cache
from ..errors import InvalidInput
from .outcome import RuleSpec


@lru_cache(maxsize=1)
def registry() -> dict[str, RuleSpec]:
    """Every rule adapter, by the name a scenario file uses."""
    from . import ask_articles, ask_grievance

    return {s.name: s for s in (*ask_grievance.specs(), *ask_articles.specs())}


def spec_for(rule: str) -> RuleSpec:
    specs = registry()
    if rule not in specs:
        raise InvalidInput(f"no rule named '{rule}'", fix=f"Known rules: {', '.join(specs)}")
    return specs[rule]


def fact_label(rule: str, name: str) -> str:
    """The words for one input of a rule ("date the violation was learned of")."""
    return spec_for(rule).facts.get(name, name.replace("_", " "))


__all__ = ["fact_label", "registry", "spec_for"]
