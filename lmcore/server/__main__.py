"""`python -m lmcore.server NOTEBOOKS_DIR [Voilà options]`: what `lmcore serve` runs."""
from .app import main

raise SystemExit(main())
