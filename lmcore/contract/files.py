"""Reading files the user hands lmcore (contract folders, law files, timesheets, forms): size-bounded UTF-8 text, and
YAML read strictly (no duplicate keys, no aliases) with the line of every key, so an error names file, line and key."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ContractFileError, LmcoreError

MAX_BYTES = 4 << 20  # 4 MiB: the bundled contract text is 0.4 MiB; /dev/zero or a wrong file stops here


def read_text(path: Any, what: str, *, limit: int = MAX_BYTES, error: type[LmcoreError] = ContractFileError,
              cite: str | None = None) -> str:
    """The UTF-8 text of a regular file, read with a size bound; an empty path, a folder, a device, a missing,
    oversized or non-UTF-8 file is one `error` line naming the file."""
    if path is None or not str(path).strip():
        raise error(f"the {what} path is empty", cite=cite, fix=f"Give the path of the {what}")
    if "\x00" in str(path):
        raise error(f"the {what} path holds a NUL character", cite=cite, fix=f"Give the path of the {what}")
    p = Path(str(path))
    if p.is_dir():
        raise error(f"{p} is a folder, not the {what}", cite=cite, fix=f"Give the path of the {what} itself")
    if not p.exists():
        raise error(f"the {what} {p} does not exist", cite=cite, fix=f"Check the path of the {what}")
    if not p.is_file():
        raise error(f"{p} is not a regular file (the {what})", cite=cite, fix=f"Give the path of the {what} itself")
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read the {what} {p}: {exc.strerror or exc}", cite=cite, fix="Check the file and its permissions") from None
    if len(data) > limit:
        raise error(f"the {what} {p} is larger than {limit // 1024:,} KB", cite=cite, fix=f"Give the {what} itself, not a larger file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"the {what} {p} is not UTF-8 text (byte {exc.start + 1})", cite=cite, fix="Save it as UTF-8 text") from None
    if "\x00" in text:
        raise error(f"the {what} {p} holds NUL bytes: it is not a text file", cite=cite, fix="Save it as UTF-8 text")
    return text


class Mapping(dict):
    """A YAML mapping that remembers the line of each of its keys (for one-line errors)."""

    lines: dict[Any, int]
    line: int


def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        """SafeLoader that refuses a key given twice and aliases (a hand-edited file must mean one thing)."""

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                raise yaml.constructor.ConstructorError(None, None, "an alias (*name) repeats a part of the file; write it out",
                                                        node.start_mark)
            return super().construct_object(node, deep=deep)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            out = Mapping()
            out.lines, out.line = {}, node.start_mark.line + 1
            self.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word", key_node.start_mark) from None
                if key in out:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key '{key}' is given twice (first on line {out.lines[key]}); keep one", key_node.start_mark)
                out.lines[key] = key_node.start_mark.line + 1
                out[key] = self.construct_object(value_node, deep=True)
            return out

    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_mapping)
    return StrictLoader


_LOADER: type | None = None


def read_yaml(path: Path, what: str) -> Any:
    """A YAML file read strictly (bounded, UTF-8, no duplicate keys, no aliases); any mistake is one ContractFileError
    line: file, line, what is wrong."""
    import yaml

    global _LOADER
    text = read_text(path, what)
    _LOADER = _LOADER or _loader()
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise ContractFileError(f"{Path(path).name} is not valid YAML ({where.strip() or 'somewhere'}): {problem}", fix=f"Correct {path}") from None
    except yaml.YAMLError as exc:
        raise ContractFileError(f"{Path(path).name}: not valid YAML ({' '.join(str(exc).split())})", fix=f"Correct {path}") from None
    except RecursionError:
        raise ContractFileError(f"{Path(path).name}: nested too deeply to be a contract file", fix=f"Correct {path}") from None


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest key along `loc` (a pydantic error location) in data read by read_yaml."""
    line = None
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
    return line
