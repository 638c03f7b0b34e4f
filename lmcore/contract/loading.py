"""Loading a contract folder: its parameters, readings and text, validated together."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ContractFileError, UnknownCitation
from .book import Contract, Parameter
from .citations import Cite
from .readings import Flaw, Interpretation
from .text import ContractText

BUNDLED = Path(__file__).parents[1] / "contracts" / "dol_local12"


_LOADED: dict[Path, Contract] = {}


def load_contract(path: str | Path | None = None) -> Contract:
    """The bundled DOL – Local 12 contract, or another unit's folder (or parameters file) of the same shape."""
    folder = Path(path) if path is not None else BUNDLED
    if folder.is_file():
        folder = folder.parent
    folder = folder.resolve()
    if folder not in _LOADED:
        _LOADED[folder] = _load(folder)
    return _LOADED[folder]._copy()


def _read_yaml(path: Path) -> Any:
    import yaml

    if not path.exists():
        raise ContractFileError(f"{path} does not exist", fix="A contract folder needs parameters.yaml, interpretations.yaml and the text file")
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ContractFileError(f"{path.name} is not valid YAML: {exc}", fix=f"Correct {path}") from None


def _load(folder: Path) -> Contract:
    from .schema import InterpretationsFile, ParametersFile, validate

    pfile, ifile = folder / "parameters.yaml", folder / "interpretations.yaml"
    params = validate(ParametersFile, _read_yaml(pfile), pfile)
    interps = validate(InterpretationsFile, _read_yaml(ifile), ifile)
    text_path = folder / params.contract.text
    if not text_path.exists():
        raise ContractFileError(f"{pfile.name}: key 'contract.text': {text_path} does not exist", fix="Put the contract text beside the parameters file")
    text = ContractText(text_path.read_text(encoding="utf-8"))
    flat = " ".join(text.raw.split())
    parameters: dict[str, Parameter] = {}
    for group, entries in params.parameters.items():
        for name, m in entries.items():
            key = f"{group}.{name}"
            _check_in_text(text, flat, pfile, key, m.cite, [m.quote] + [str(r["quote"]) for r in (m.value if m.unit == "table" else []) if "quote" in r])
            if m.interpretation and m.interpretation not in interps.interpretations:
                raise ContractFileError(f"{pfile.name}: key '{key}.interpretation': no interpretation '{m.interpretation}' in {ifile.name}", fix="Add it or correct the name")
            parameters[key] = Parameter(key=key, **m.model_dump())
    interpretations = {k: Interpretation(id=k, **m.model_dump()) for k, m in interps.interpretations.items()}
    flaws = {}
    for k, f in interps.flaws.items():
        _check_in_text(text, flat, ifile, f"flaws.{k}", f.cite, [f.quote] if f.quote else [])
        flaws[k] = Flaw(id=k, cite=f.cite, title=f.title, description=f.description, reading=f.reading, quote=f.quote,
                        also=tuple(str(Cite.parse(a)) for a in f.also))
    for k, i in interpretations.items():
        _check_in_text(text, flat, ifile, f"interpretations.{k}", i.cite, [])
    return Contract(folder, params.contract, text, parameters, interpretations, flaws)


def _check_in_text(text: ContractText, flat: str, path: Path, key: str, cite: str, quotes: list[str]) -> None:
    try:
        text.section(cite)
    except UnknownCitation as exc:
        raise ContractFileError(f"{path.name}: key '{key}.cite': {exc.what}", fix=exc.fix) from None
    for q in quotes:
        if " ".join(q.split()) not in flat:
            raise ContractFileError(f"{path.name}: key '{key}.quote': the words are not in the contract text: \"{q[:80]}\"",
                                    fix="Copy the quote exactly from the text")
