"""A copy of the bundled contract folder with some parameter values changed, loaded as another unit would load it.

Another unit's folder says its own numbers in its own words: where a parameter's quote writes the number
("twenty (20) workdays", "$100", "15 calendar days"), the copy's contract text and every quote that stands on
those words say the new number too, so the strict load check (the value is the number its quote writes) holds.
"""
from __future__ import annotations

import copy
import functools
import itertools
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from lmcore import load_contract
from lmcore.contract.loading import BUNDLED
from lmcore.contract.text import _NAMING, written_numbers

_N = itertools.count()
_LOAD = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMP = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_PAIR = re.compile(r"\b([a-z]+(?:-[a-z]+)?)(\s*)\((\d+)\)", re.IGNORECASE)  # "twenty (20)", as text.written_numbers reads it
_FIGURE = re.compile(r"(?<![\w.§-])(\$?)(\d{1,3}(?:,\d{3})+|\d*\.\d+|\d+)(\s+1/2\b)?(?![\w/]|\.\d|:\d|\s*[ap]\.m\.)")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.m\.", re.IGNORECASE)  # "11:45 a.m.", "3 p.m."


def words(n: int) -> str | None:
    """English words for 0–999 ("twenty-one"), the way the contract writes them; None past that."""
    if not 0 <= n < 1000:
        return None
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    rest = n % 100
    return f"{_ONES[n // 100]} hundred" + ("" if rest == 0 else " " + words(rest))


def _pattern(quote: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in quote.split()))


def _token_edits(text: str, start: int, end: int, old: Any, new: Any) -> list[tuple[int, int, str]]:
    """Where the span text[start:end] first writes the number `old`: (start, end, the same words for `new`). Once is
    enough: a quote that writes a number twice (three hours before, three hours after) is then true of both values."""
    span = text[start:end]
    for m in _PAIR.finditer(span):
        if Decimal(m.group(3)) == Decimal(str(old)):
            word = m.group(1)
            said = words(int(old)) if float(old).is_integer() else None
            if said and word.lower() == said:
                word = words(int(new)) or word
                word = word.capitalize() if m.group(1)[0].isupper() else word
            return [(start + m.start(), start + m.end(), f"{word}{m.group(2)}({new})")]
    naming = [n.span() for n in _NAMING.finditer(span)]
    for m in _FIGURE.finditer(span):
        if any(a <= m.start() < b for a, b in naming):
            continue
        if Decimal(m.group(2).replace(",", "")) + (Decimal("0.5") if m.group(3) else 0) == Decimal(str(old)):
            whole, half = divmod(Decimal(str(new)), 1)
            figure = (f"{int(whole):,}" if "," in m.group(2) else str(int(whole))) + (" 1/2" if half == Decimal("0.5") else "") \
                if half in (0, Decimal("0.5")) else str(new)
            return [(start + m.start(), start + m.end(), m.group(1) + figure)]
    return []


def _clock_edits(text: str, start: int, end: int, old: str, new: str) -> list[tuple[int, int, str]]:
    """Where the span first gives the time of day `old` ("11:45 a.m." for 11:45): the words for `new`."""
    for m in _CLOCK.finditer(text[start:end]):
        h, mins, ap = m.groups()
        if f"{int(h) % 12 + (12 if ap.lower() == 'p' else 0):02d}:{mins or '00'}" == old:
            nh, nm = map(int, new.split(":"))
            said = f"{nh % 12 or 12}" + (f":{nm:02d}" if nm or mins else "") + (" a.m." if nh < 12 else " p.m.")
            return [(start + m.start(), start + m.end(), said)]
    return []


def _section_start(text: str, cite: str) -> int:
    """Where the cited part begins in the raw text (so a sentence repeated in two sections is edited in the right one)."""
    first = " ".join(load_contract().section(cite).text.split())[:60].split()
    m = _pattern(" ".join(first)).search(text) if first else None
    return m.start() if m else 0


def _quotes(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Every mapping in the parameters file that carries a quote (parameters and table rows), with its citation."""
    out = []
    for entries in data["parameters"].values():
        for entry in entries.values():
            out.append((entry, entry["cite"]))
            if entry.get("unit") == "table":
                out += [(row, row.get("cite", entry["cite"])) for row in entry["value"] if isinstance(row, dict) and "quote" in row]
    return out


def change_numbers(text: str, data: dict[str, Any], changes: dict[str, Any]) -> str:
    """Set each "group.name" to its new value in `data` (in place); return the contract text saying the new numbers."""
    edits: list[tuple[int, int, str]] = []
    values: list[tuple[int, Any, Any]] = []  # (where, old value, new value) of each edit
    for key, value in changes.items():
        group, name = key.split(".")
        entry = data["parameters"][group][name]
        old, entry["value"] = entry["value"], value
        if entry.get("law") or isinstance(old, (bool, list)):
            continue
        m = _pattern(entry["quote"]).search(text, _section_start(text, entry["cite"]))
        if m is None:
            continue
        found = (_clock_edits(text, m.start(), m.end(), old, value) if entry.get("unit") == "time_of_day"
                 else _token_edits(text, m.start(), m.end(), old, value) if isinstance(old, (int, float)) else [])
        edits += found
        values += [(a, old, value) for a, _, _ in found]
    if not edits:
        return text
    new_text, shift = text, 0
    spans = []  # where each quote stood before the edits, to re-read it afterwards
    for holder, cite in _quotes(data):
        m = _pattern(holder["quote"]).search(text, _section_start(text, cite))
        if m is None or not any(m.start() <= a < m.end() for a, _, _ in edits):
            continue
        spans.append((holder, m.start(), m.end(), [(old, value) for a, old, value in values if m.start() <= a < m.end()]))
    for a, b, repl in sorted(set(edits)):
        new_text = new_text[:a + shift] + repl + new_text[b + shift:]
        shift += len(repl) - (b - a)

    def moved(pos: int) -> int:
        return pos + sum(len(r) - (b - a) for a, b, r in set(edits) if b <= pos)

    for holder, a, b, changed in spans:
        holder["quote"] = " ".join(new_text[moved(a):moved(b)].split())
        pairs, figures, _ = written_numbers(holder["quote"])
        for old, value in changed:  # another parameter standing on the same written number: it says the new one too
            if isinstance(old, (int, float)) and not isinstance(old, bool) and holder.get("value") == old \
                    and Decimal(str(old)) not in (pairs or figures):
                holder["value"] = value
    return new_text


@functools.cache
def _bundled() -> dict[str, Any]:
    return yaml.load((BUNDLED / "parameters.yaml").read_text(encoding="utf-8"), Loader=_LOAD)


_MADE: dict[str, Path] = {}


def copy_folder(tmp: Path, changes: dict[str, Any]) -> Path:
    """A copy of the bundled folder in which each "group.name" parameter has its new value, said in its words.

    One copy per set of changes in a test run (several tests try the same change): treat the folder as read-only."""
    key = json.dumps(changes, sort_keys=True, default=str)
    if key in _MADE and _MADE[key].is_dir():
        return _MADE[key]
    folder = tmp / f"unit_{next(_N)}"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("scenarios"))
    data = copy.deepcopy(_bundled())
    text_file = folder / data["contract"]["text"]
    text = change_numbers(text_file.read_text(encoding="utf-8"), data, changes)
    text_file.write_text(text, encoding="utf-8")
    (folder / "parameters.yaml").write_text(yaml.dump(data, Dumper=_DUMP, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _MADE[key] = folder
    return folder


def copy_with(tmp: Path, changes: dict[str, Any]):
    """load_contract() of a fresh copy of the bundled folder where each "group.name" parameter has its new value."""
    return load_contract(copy_folder(tmp, changes))
