"""Every parameter of the bundled contract is read (issue 13 §1): for each entry of parameters.yaml, either a copy of
the folder with that value changed (its quote and text saying the new number, tests/modified_contract.py) gives
another answer of lmcore's public API, or the file marks it `informational:` with the reason no answer depends on it.

The probes are the ones of the three per-area files, imported (one table, no copies): Arts. 43–44
(tests/test_contract_driven_art43_44.py), Art. 4 (tests/test_schedules_parameters.py) and every other article
(tests/test_other_articles_parameters.py). A parameter added to parameters.yaml without a probe there or a mark fails
here by name. The list of each parameter with the answer it changes is written to test-artifacts/parameters_read.txt.
"""
from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable

import yaml
from modified_contract import copy_with
from test_contract_driven_art43_44 import PROBES as ARTS_43_44
from test_other_articles_parameters import PROBES as OTHER_ARTICLES
from test_other_articles_parameters import show
from test_schedules_parameters import PROBES as ART_4

from lmcore.contract.loading import BUNDLED

SOURCES = {"test_contract_driven_art43_44.py": ARTS_43_44, "test_schedules_parameters.py": ART_4,
           "test_other_articles_parameters.py": OTHER_ARTICLES}
LISTING = Path(__file__).parents[1] / "test-artifacts" / "parameters_read.txt"


def probes() -> dict[str, tuple[str, Any, Callable[[Any], Any]]]:
    """key → (the file it is probed in, the value tried (None: one more), the answer)."""
    out: dict[str, tuple[str, Any, Callable[[Any], Any]]] = {}
    for source, table in SOURCES.items():
        for key, (value, answer) in table.items():
            assert key not in out, f"{key} is probed in both {out[key][0]} and {source}: keep one"
            out[key] = (source, value, answer)
    return out


def bundled_entries() -> dict[str, dict[str, Any]]:
    """Every parameter as parameters.yaml writes it: "group.name" → its entry."""
    data = yaml.safe_load((BUNDLED / "parameters.yaml").read_text(encoding="utf-8"))["parameters"]
    return {f"{g}.{n}": entry for g, entries in data.items() for n, entry in entries.items()}


def what(answer: Callable[[Any], Any]) -> str:
    """The answer a probe reads, in a few words: the scenario's name, the helper and its milestone, or the call."""
    if answer.__defaults__ and isinstance(answer.__defaults__[0], str):
        return f"scenario '{answer.__defaults__[0]}'"
    outer = answer.__qualname__.split(".")[0]
    if "<locals>" in answer.__qualname__:
        named = [c.cell_contents for c in answer.__closure__ or () if isinstance(c.cell_contents, str)]
        return f"{outer}({', '.join(repr(n) for n in named)})"
    if answer.__name__ != "<lambda>":
        return answer.__name__
    line = inspect.getsource(answer).strip()
    body, depth = line[line.index("lambda") + len("lambda c:"):], 0
    for i, ch in enumerate(body):  # the lambda's body ends where its parentheses close the probe's row
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0 or (depth == 0 and ch == ","):
            body = body[:i]
            break
    return " ".join(body.split())[:110]


def difference(before: str, after: str, width: int = 40) -> str:
    """Where two answers first differ, a few characters of each."""
    i = next((n for n, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    start = max(0, i - width // 4)
    return f"{before[start:start + width]!r} → {after[start:start + width]!r}"


def check(entries: dict[str, dict[str, Any]], known: dict[str, tuple[str, Any, Callable[[Any], Any]]], contract: Any,
          tmp: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """(the listing: each parameter with the answer it changes or its reason; unread; probes that change nothing; probed
    yet marked informational)."""
    listing, unread, dead, both = [], [], [], []
    for key, entry in entries.items():
        reason = entry.get("informational")
        if key not in known:
            if reason and len(reason.split()) >= 5:
                listing.append(f"{key}: informational — {reason}")
            else:
                unread.append(key)
            continue
        if reason:
            both.append(key)
            continue
        source, new, answer = known[key]
        old = entry["value"]
        new = old + 1 if new is None else new
        assert new != old, f"{key}: the probe in {source} tries the bundled value {old!r}"
        before, after = show(answer, contract), show(answer, copy_with(tmp, {key: new}))
        if before == after:
            dead.append(f"{key} = {new!r} instead of {old!r} changed nothing ({what(answer)}, {source})")
        else:
            shown = "a table row changed" if isinstance(old, list) else f"{old!r} → {new!r}"
            listing.append(f"{key}: {shown} changes {what(answer)}: {difference(before, after)}  [{source}]")
    return listing, unread, dead, both


def test_every_parameter_changes_an_answer_or_is_marked_informational(contract, tmp_path):
    """Walk parameters.yaml: each numeric parameter (and each time, weekday and table) has a probe under which the
    copied folder's answer differs, or an `informational` reason of a few words — never neither, never both."""
    known, entries = probes(), bundled_entries()
    listing, unread, dead, both = check(entries, known, contract, tmp_path)
    marked = [row for row in listing if ": informational — " in row]
    LISTING.parent.mkdir(exist_ok=True)
    LISTING.write_text(f"{len(listing) - len(marked)} parameters read, {len(marked)} informational, of {len(entries)}\n\n"
                       + "\n".join(listing) + "\n", encoding="utf-8")
    assert not unread, f"no probe and no `informational` reason: {unread} (add a probe in one of {list(SOURCES)})"
    assert not dead, "a probe that changes no answer: " + "; ".join(dead)
    assert not both, f"probed yet marked informational: {both}"
    assert not set(known) - set(entries), f"probes of parameters the file no longer has: {sorted(set(known) - set(entries))}"


def test_the_check_names_a_new_parameter_without_probe_or_mark(contract, tmp_path):
    """A parameter added to the file with neither is named; a short or missing reason is not a mark; a probe whose
    answer ignores the number is named too."""
    new = {"value": 7, "unit": "workdays", "cite": "Art. 43 §7.a(1)", "quote": "seven (7) workdays", "label": "New"}
    entries = {"grievance.new_limit": new, "grievance.noted": {**new, "informational": "no answer"},
               "grievance.explained": {**new, "informational": "Printed in the handbook only; no date depends on it."}}
    listing, unread, _, _ = check(entries, probes(), contract, tmp_path)
    assert unread == ["grievance.new_limit", "grievance.noted"]
    assert listing == ["grievance.explained: informational — Printed in the handbook only; no date depends on it."]
    ignores = {"grievance.step1_filing": ("a probe", 21, lambda c: "the same answer")}
    _, _, dead, _ = check({"grievance.step1_filing": contract_entry("grievance.step1_filing")}, ignores, contract, tmp_path)
    assert dead and dead[0].startswith("grievance.step1_filing = 21 instead of 20 changed nothing")


def contract_entry(key: str) -> dict[str, Any]:
    return bundled_entries()[key]
