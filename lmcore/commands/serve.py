"""`lmcore serve`: the dashboards in Voilà on http://127.0.0.1:8866, with the repository's voila.json settings.

All settings (template, no tracebacks, port_retries=0, pre-heated kernels, which files may be served) live in
voila.json beside the notebooks folder; this command only finds the folders, checks the port and starts Voilà.
"""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Any

from ..errors import InvalidInput

PACKAGE = Path(__file__).resolve().parents[1]
# Jupyter data folder holding the "lmcore" Voilà template (voila/templates/lmcore): put on JUPYTER_PATH.
JUPYTER_DATA = PACKAGE / "ui" / "jupyter_data"
HOST, PORT = "127.0.0.1", 8866


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="start the dashboards in Voilà (http://127.0.0.1:8866, landing page first)")
    p.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT}); a busy port is an error")
    p.add_argument("--notebooks", metavar="DIR", help="folder of dashboard notebooks (default: the repository's notebooks/)")
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.set_defaults(func=run)


def default_notebooks() -> Path:
    """The repository's notebooks/ folder (beside the lmcore package), else ./notebooks."""
    beside = PACKAGE.parent / "notebooks"
    return beside if beside.is_dir() else Path.cwd() / "notebooks"


def voila_command(notebooks: Path, port: int = PORT, open_browser: bool = False) -> tuple[list[str], dict[str, str], Path]:
    """The Voilà command line, environment and working folder that serve `notebooks` with the repo's voila.json."""
    notebooks = Path(notebooks).resolve()
    if not notebooks.is_dir():
        raise InvalidInput(f"{notebooks} is not a folder of notebooks", fix="Give --notebooks DIR, the folder holding the .ipynb dashboards")
    root = notebooks.parent
    config = root / "voila.json"
    if not config.is_file():
        raise InvalidInput(f"no voila.json beside {notebooks}", fix=f"Run from the lmcore repository, or put voila.json in {root}")
    if not 1 <= port <= 65535:
        raise InvalidInput(f"{port} is not a TCP port", fix="Give --port a number from 1024 to 65535")
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")]))
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    argv = [
        sys.executable, "-m", "voila", str(notebooks),
        "--Voila.config_file_paths", str(root),  # only the repository's voila.json, not a personal one
        f"--port={port}",
    ]
    if not open_browser:
        argv.append("--no-browser")
    return argv, env, root


def check_port(port: int, host: str = HOST) -> None:
    """A clear error when the port is taken (Voilà is set to port_retries=0: it would only log and exit)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado does: only a live listener blocks
        try:
            s.bind((host, port))
        except OSError:
            raise InvalidInput(f"port {port} on {host} is already in use (another `make serve`?)",
                               fix=f"Stop the other server, or choose another port: lmcore serve --port {port + 1}") from None


def run(args: Any) -> int:
    notebooks = Path(args.notebooks) if args.notebooks else default_notebooks()
    argv, env, root = voila_command(notebooks, args.port, open_browser=not args.no_browser)
    check_port(args.port)
    print(f"lmcore: dashboards on http://{HOST}:{args.port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    os.chdir(root)
    os.execve(sys.executable, argv, env)  # Voilà takes over this process: Ctrl-C reaches it and stops its kernels
    return 0  # pragma: no cover
