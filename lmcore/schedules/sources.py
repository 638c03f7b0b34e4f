"""Where a timesheet's text comes from: a file path, an upload's bytes, an open file or the text itself — read with a
size bound, as UTF-8, and split into CSV rows; anything else a one-line InvalidInput (never a traceback or a hang).

A pay period is fourteen rows of a few dozen characters: a file larger than MAX_BYTES is not a timesheet, and a
cell longer than MAX_CELL is a mistake (csv's own limit is 128 KB, past which it raises).
"""
from __future__ import annotations

import csv
import io
import stat
from pathlib import Path
from typing import Any

from ..errors import InvalidInput

MAX_BYTES = 256 * 1024
MAX_CELL = 1024
_FIX = "Save the timesheet as a CSV file (UTF-8), one row per day"


def shown(value: Any, limit: int = 40) -> str:
    """User input as a one-line message may print it: control, format and line-separator characters escaped, cut at `limit`."""
    s = str(value)
    out = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in s[:limit])
    return out + ("…" if len(s) > limit else "")


def _decode(data: bytes, where: str) -> str:
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"{where} is larger than {MAX_BYTES // 1024} KB: a timesheet is fourteen short rows", fix=_FIX)
    if b"\x00" in data:
        raise InvalidInput(f"{where} is not a text (CSV) file: it holds NUL bytes", fix=_FIX)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{where} is not UTF-8 text (byte {exc.start + 1} cannot be read)", fix=_FIX) from None


def read_path(path: Path) -> str:
    """A file's text, refusing an empty name, a folder, a device or pipe, a file too large or not UTF-8."""
    if str(path) in ("", "."):
        raise InvalidInput("no timesheet file was given", fix="Give the path of a CSV file")
    if "\x00" in str(path):
        raise InvalidInput("the timesheet file name holds a NUL character", fix="Give the path of a CSV file")
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InvalidInput(f"the timesheet file {shown(path, 120)} does not exist", fix="Give the path of a CSV file") from None
    except OSError as exc:
        raise InvalidInput(f"the timesheet file {shown(path, 120)} cannot be opened ({shown(exc.strerror or exc)})", fix="Give the path of a CSV file") from None
    if stat.S_ISDIR(st.st_mode):
        raise InvalidInput(f"{shown(path, 120)} is a folder, not a timesheet file", fix="Give the path of a CSV file inside it")
    if not stat.S_ISREG(st.st_mode):
        raise InvalidInput(f"{shown(path, 120)} is not a regular file (a device or a pipe)", fix="Give the path of a CSV file")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"the timesheet file {shown(path, 120)} cannot be read ({shown(exc.strerror or exc)})", fix="Check the file's permissions") from None
    return _decode(data, shown(path, 120))


def text_of(source: Any) -> str:
    """The CSV text of a path, bytes (an upload), an open file or a string of CSV text, within the size bound."""
    if isinstance(source, Path):
        return read_path(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _decode(bytes(source), "the file")
    if hasattr(source, "read"):
        data = source.read(MAX_BYTES + 1)
        return _decode(data if isinstance(data, bytes) else str(data).encode("utf-8"), "the file")
    text = str(source)
    if "\n" not in text and "," not in text:  # one line without a comma: a file name
        return read_path(Path(text))
    if len(text) > MAX_BYTES:
        raise InvalidInput(f"the timesheet text is longer than {MAX_BYTES // 1024} KB: a timesheet is fourteen short rows", fix=_FIX)
    return text.lstrip("\ufeff")


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every row of the CSV text; a broken quote or an overlong cell is an InvalidInput."""
    reader = csv.reader(io.StringIO(text))
    out = []
    try:
        for cells in reader:
            long = next((c for c in cells if len(c) > MAX_CELL), None)
            if long is not None:
                raise InvalidInput(f"timesheet row {reader.line_num}: a cell of {len(long)} characters is not a timesheet cell",
                                   fix="Check the quotes of that row: a cell holds a date, a time or a number")
            out.append((reader.line_num, cells))
    except csv.Error as exc:
        raise InvalidInput(f"timesheet row {reader.line_num + 1} cannot be read as CSV ({shown(exc, 80)})", fix=_FIX) from None
    return out


__all__ = ["MAX_BYTES", "MAX_CELL", "csv_rows", "read_path", "shown", "text_of"]
