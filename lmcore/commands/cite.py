"""`lmcore cite "Art. 43 §7.a(1)"` prints a section; `lmcore search WORDS` finds sections."""
from __future__ import annotations

from typing import Any

from ..errors import InvalidInput
from . import Number, add_number, load, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("cite", help="print the text of a part of the contract")
    p.add_argument("citation", help="e.g. 'Art. 43 §7.a(1)' or 'Article 43, Section 7.a(1)'")
    p.add_argument("--json", action="store_true")
    p.add_argument("--contract", metavar="FOLDER")
    p.set_defaults(func=run_cite)
    s = sub.add_parser("search", help="find the parts of the contract that mention some words")
    s.add_argument("words", nargs="+")
    add_number(s, "--limit", number=Number("number of sections", 1, 10_000, whole=True, kind="int"), default=20,
               help="show at most this many parts (default 20)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--contract", metavar="FOLDER")
    s.set_defaults(func=run_search)


def run_cite(args: Any) -> int:
    contract = load(args)
    sec = contract.section(args.citation)
    flaws = contract.flaws_for(sec.cite)
    if args.json:
        print_json({"cite": sec.citation, "article": sec.article_title, "text": sec.text, "flaws": [str(f) for f in flaws]})
    else:
        print(f"{sec.citation} ({sec.article_title})\n\n{sec.text}")
        for f in flaws:
            print(f"\nNote: {f}")
    return 0


def run_search(args: Any) -> int:
    contract = load(args)
    if not any(ch.isalnum() for w in args.words for ch in w):
        raise InvalidInput("the search has no words to look for", fix="Give one or more words, e.g. lmcore search telework")
    hits = contract.search(" ".join(args.words), limit=args.limit)
    if args.json:
        print_json([{"cite": h.citation, "article": h.article_title, "excerpt": h.excerpt} for h in hits])
    else:
        for term in contract.also_called(" ".join(args.words)):  # the words.yaml names searched with it
            print(term.words())
        for h in hits:
            print(f"{h.citation:<24} {h.excerpt}")
        if not hits:
            print("No part of the contract mentions those words.")
    return 0
