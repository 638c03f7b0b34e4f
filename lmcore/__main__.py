"""`python -m lmcore` is the same as the `lmcore` command."""
from .cli import main

raise SystemExit(main())
