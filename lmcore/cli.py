"""The `lmcore` command: each subcommand lives in lmcore/commands/ and registers itself.

Every mistake is one line on stderr and exit status 2: a usage mistake (argparse), a value outside its range (the
readers in lmcore.commands) or an input the rule refuses (an LmcoreError with what, cite and fix).
"""
from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import sys

from .errors import LmcoreError


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        actions = _missing_action(self, message)
        if actions is not None:
            message = f"{message} — usage: {self.prog} {{{','.join(actions)}}} [options]: say which one"
        self.exit(2, f"lmcore: {' '.join(message.split())} (see '{self.prog} --help')\n")


def _missing_action(parser: argparse.ArgumentParser, message: str) -> list[str] | None:
    """The actions of a command group (`lmcore leave`) when the message is argparse's "arguments are required" for them."""
    if not message.startswith("the following arguments are required:"):
        return None
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction) and (a.metavar or a.dest or "") in message:
            return list(a.choices)
    return None


def build_parser() -> argparse.ArgumentParser:
    from . import commands

    parser = _Parser(prog="lmcore", description="The DOL – AFGE Local 12 contract: cited deadlines, schedules, leave and more.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)
    _require_actions(parser)
    return parser


def _require_actions(parser: argparse.ArgumentParser) -> None:
    """A command group without an answer of its own (`lmcore schedule`) needs its action: argparse then refuses it
    in one line on stderr, exit 2. Groups with an answer of their own (`lmcore arbitration --invoked`) keep theirs."""
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            if parser.get_default("func") is None:
                a.required = True
                a.dest = a.dest or "action"
            for child in a.choices.values():
                if not isinstance(child, _Parser):
                    child.__class__ = _Parser  # one-line errors in every sub-parser, whoever registered it
                _require_actions(child)


@functools.lru_cache(maxsize=1)
def _parser() -> argparse.ArgumentParser:
    """The parser, built once per process (40 ms): parsing leaves it unchanged, so in-process callers share it."""
    return build_parser()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage mistakes and --help: argparse has already printed
        return int(exc.code or 0)
    try:
        return int(args.func(args) or 0)
    except LmcoreError as exc:
        print(f"lmcore: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
