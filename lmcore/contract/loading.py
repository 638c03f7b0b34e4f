"""Loading a contract folder: its parameters, readings and text, validated together."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import ContractFileError, UnknownCitation
from .book import Contract, Parameter
from .citations import Cite
from .readings import Flaw, Interpretation
from .terms import Term
from .text import ContractText

BUNDLED = Path(__file__).parents[1] / "contracts" / "dol_local12"


_LOADED: dict[Path, Contract] = {}


def contract_or_default(contract: Contract | None) -> Contract:
    """The contract a rule was given, else the bundled one (the rules' `contract=None` default)."""
    return contract or load_contract()


def load_contract(path: str | Path | None = None) -> Contract:
    """The bundled DOL – Local 12 contract, or another unit's folder (or parameters file) of the same shape."""
    if path is not None and not str(path).strip():
        raise ContractFileError("the contract folder path is empty", fix="Give the folder holding parameters.yaml, or leave out --contract")
    if path is not None and "\x00" in str(path):
        raise ContractFileError("the contract folder path holds a NUL character", fix="Give the folder holding parameters.yaml")
    folder = Path(path) if path is not None else BUNDLED
    if folder.is_file():
        folder = folder.parent
    folder = folder.resolve()
    if folder not in _LOADED:
        _LOADED[folder] = _load(folder)
    return _LOADED[folder]._copy()


def _load(folder: Path) -> Contract:
    from .files import read_text, read_yaml
    from .schema import InterpretationsFile, ParametersFile, WordsFile, validate

    if not folder.is_dir():
        raise ContractFileError(f"{folder} does not exist or is not a folder",
                                fix="A contract folder needs parameters.yaml, interpretations.yaml and the text file")
    pfile, ifile = folder / "parameters.yaml", folder / "interpretations.yaml"
    raw_params, raw_interps = read_yaml(pfile, "parameters file"), read_yaml(ifile, "interpretations file")
    params = validate(ParametersFile, raw_params, pfile)
    interps = validate(InterpretationsFile, raw_interps, ifile)
    text_path = folder / params.contract.text
    if not text_path.exists():
        raise ContractFileError(f"{pfile.name}: key 'contract.text': {text_path} does not exist", fix="Put the contract text beside the parameters file")
    text = ContractText(read_text(text_path, "contract text"))
    if _flat(params.contract.union) not in _flat(text.raw):
        raise _Where(pfile, raw_params, ("contract",), "contract").error(
            "union", f"the union's name \"{params.contract.union}\" is not in the contract text",
            "Write the union party's name as the text calls it")
    parameters: dict[str, Parameter] = {}
    for group, entries in params.parameters.items():
        for name, m in entries.items():
            key = f"{group}.{name}"
            at = _Where(pfile, raw_params, ("parameters", group, name), key)
            rows = m.value if m.unit == "table" else []
            _check_in_text(text, at, [m.cite], [m.quote] + [str(r["quote"]) for r in rows if "quote" in r and "cite" not in r])
            for i, row in enumerate(rows):  # a row with its own citation: its quote stands in that part
                if "cite" in row:
                    _check_in_text(text, _Where(pfile, raw_params, ("parameters", group, name, "value", i), f"{key}[{i}]"),
                                   [str(row["cite"])], [str(row["quote"])] if "quote" in row else [])
            _check_parameter(at, m)
            if m.interpretation and m.interpretation not in interps.interpretations:
                raise at.error("interpretation", f"no interpretation '{m.interpretation}' in {ifile.name}", "Add it or correct the name")
            parameters[key] = Parameter(key=key, **m.model_dump())
    interpretations = {k: Interpretation(id=k, **m.model_dump()) for k, m in interps.interpretations.items()}
    flaws = {}
    for k, f in interps.flaws.items():
        _check_in_text(text, _Where(ifile, raw_interps, ("flaws", k), f"flaws.{k}"), [f.cite, *f.also], [f.quote] if f.quote else [],
                       as_printed=True)
        flaws[k] = Flaw(id=k, cite=f.cite, title=f.title, description=f.description, reading=f.reading, quote=f.quote,
                        also=tuple(str(Cite.parse(a)) for a in f.also))
    for k, i in interpretations.items():
        _check_in_text(text, _Where(ifile, raw_interps, ("interpretations", k), f"interpretations.{k}"), [i.cite], [])
    contract = Contract(folder, params.contract, text, parameters, interpretations, flaws)
    wfile = folder / "words.yaml"
    if wfile.exists():  # optional: a contract folder without it has no other names for its terms
        raw_words = read_yaml(wfile, "words file")
        contract.terms, contract.acronyms = _terms(text, wfile, raw_words, validate(WordsFile, raw_words, wfile))
    return contract


def _terms(text: ContractText, wfile: Path, raw: Any, words: Any) -> tuple[dict[str, Term], dict[str, str]]:
    """The words file's terms (each printed in the part it cites) and acronyms (spelled out in the text)."""
    terms = {}
    for k, t in words.terms.items():
        at = _Where(wfile, raw, ("terms", k), f"terms.{k}")
        _check_in_text(text, at, [t.cite], [])
        if _flat(t.term).lower() not in _flat(text.section(t.cite).text).lower():
            raise at.error("term", f"'{t.term}' is not printed in {t.cite}", "Give the term as the cited part prints it, or correct the citation")
        terms[k] = Term(k, t.term, str(Cite.parse(t.cite)), tuple(t.also_called))
    flat = _flat(text.raw)
    for acronym, spelled in words.acronyms.items():
        if f"{_flat(spelled)} ({acronym})" not in flat:
            raise _Where(wfile, raw, ("acronyms",), "acronyms").error(
                acronym, f"the text never spells it out as \"{spelled} ({acronym})\"", "Copy the words the contract puts before the acronym")
    return terms, dict(words.acronyms)


class _Where:
    """Where a checked entry stands (file, line, key): every problem with it is one ContractFileError line."""

    def __init__(self, path: Path, data: Any, loc: tuple[str, ...], key: str):
        self.path, self.data, self.loc, self.key = path, data, loc, key

    def error(self, field: str, what: str, fix: str) -> ContractFileError:
        from .files import line_of

        line = line_of(self.data, (*self.loc, field)) or line_of(self.data, self.loc)
        return ContractFileError(f"{self.path.name}{f' line {line}' if line else ''}: key '{self.key}.{field}': {what}", fix=fix)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _check_in_text(text: ContractText, at: _Where, cites: list[str], quotes: list[str], *, as_printed: bool = False) -> None:
    """Each citation exists; each quote is word for word inside the cited part (for several citations, the
    smallest part that holds them all: a flaw can straddle two items). `as_printed`: a flaw's quote may keep the
    printed text's missing line break ("month.h. Medical"), which the text tree splits."""
    for i, cite in enumerate(cites):
        try:
            text.section(cite)
        except UnknownCitation as exc:
            raise at.error("cite" if i == 0 else "also", exc.what, exc.fix or "Correct the citation") from None
    if not quotes:
        return
    part = _common_part([Cite.parse(c) for c in cites])
    inside = _flat(text.section(part).text)
    for q in quotes:
        if _flat(q) in inside or (as_printed and "".join(q.split()) in "".join(inside.split())):
            continue
        where = "not in the contract text" if _flat(q) not in _flat(text.raw) else f"in the contract text, but not in {part}"
        raise at.error("quote", f"the words are {where}: \"{_flat(q)[:80]}\"",
                       "Copy the quote exactly from the text of the cited part, or correct the citation")


def _common_part(cites: list[Cite]) -> Cite:
    """The smallest part of the contract holding every citation (the citation itself when there is one)."""
    first = cites[0]
    path = list(first.path)
    for c in cites[1:]:
        if c.article != first.article:
            return first
        n = 0
        while n < min(len(path), len(c.path)) and path[n] == c.path[n]:
            n += 1
        path = path[:n]
    return Cite(first.article, tuple(path))


def _check_parameter(at: _Where, m: Any) -> None:
    """The unit is one the rule reads; the number is the one the quote writes; the quote's kind of day is the unit's."""
    from .text import written_numbers
    from .units import EXPECTED_UNITS

    allowed = EXPECTED_UNITS.get(at.key)
    if allowed is not None and m.unit not in allowed:
        raise at.error("unit", f"lmcore reads this rule in {' or '.join(sorted(allowed))}, not {m.unit}",
                       f"Set unit: {sorted(allowed)[0]} (see lmcore/contract/units.py)")
    if m.unit in ("table", "weekday"):  # a weekday is a name, checked by the schema
        return
    pairs, figures, times = written_numbers(m.quote)
    if m.unit == "time_of_day":
        if times and m.value not in times:
            raise at.error("value", f"{m.value} is not the time the quote gives ({', '.join(sorted(times))})",
                           "Make the value the time in the quote, or quote the words that give it")
        return
    if m.law:  # the number comes from the law named there, not from the contract's words
        return
    value = Decimal(str(m.value))
    written = pairs or figures
    if written and value not in written:
        shown = ", ".join(f"{w.normalize():f}" for w in sorted(written))
        raise at.error("value", f"{m.value} is not the number the quote writes ({shown})",
                       "Make the value the number in the quote, or quote the words that give it")
    words = m.quote.lower()
    says_work = bool(re.search(r"\bwork ?days?\b", words))
    says_calendar = "calendar day" in words
    if m.unit == "workdays" and says_calendar and not says_work:
        raise at.error("unit", "the quote counts calendar days, not workdays", "Set unit: calendar_days, or quote the right words")
    if m.unit == "calendar_days" and says_work and not says_calendar:
        raise at.error("unit", "the quote counts workdays, not calendar days", "Set unit: workdays, or quote the right words")
