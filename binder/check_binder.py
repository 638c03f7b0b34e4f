"""Check that binder/ alone builds a working environment: what Binder (repo2docker) would do, on this machine.

Copies the committed repository (git archive HEAD) to a temporary folder, creates a fresh virtual environment,
installs exactly `binder/requirements.txt`, starts `binder/start jupyter lab` (as Binder does: Voilà as a server
extension), and asks for the landing page, a prepared case and a file Voilà must refuse. Prints what it saw and
exits 1 on any failure. Not part of the test suite (it installs packages: ~30 s from a local registry).
Run from the repository root:  python binder/check_binder.py
"""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PAGES = [  # (path, expected status, text the page must contain)
    ("voila/render/notebooks/index.ipynb", 200, "lmcore-card"),
    ("voila/render/notebooks/grievance_timeline.ipynb?learned=2026-11-02&path=employee", 200, "2026-12-02"),
    ("voila/render/notebooks/handbook.ipynb", 200, "lmcore.css"),
    ("voila/files/notebooks/handbook.ipynb", 403, ""),
]
CDN = re.compile(r"https?://(cdn|cdnjs|unpkg|fonts)\.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    failures = []
    with tempfile.TemporaryDirectory(prefix="lmcore-binder-") as tmp:
        repo, venv = Path(tmp) / "repo", Path(tmp) / "venv"
        repo.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(repo)], input=archive, check=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        t = time.perf_counter()
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r", "binder/requirements.txt"], cwd=repo, check=True)
        print(f"binder/requirements.txt installed into a fresh venv in {time.perf_counter() - t:.0f} s")
        port = free_port()
        env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": tmp, "LMCORE_CASELOG": f"{tmp}/cases.sqlite"}
        server = subprocess.Popen(
            ["binder/start", "jupyter", "lab", "--allow-root", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
             "--IdentityProvider.token=", "--ServerApp.password="],
            cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}/"
            for _ in range(120):
                try:
                    requests.get(base + "api", timeout=2)
                    break
                except requests.RequestException:
                    time.sleep(0.5)
            for path, status, text in PAGES:
                t = time.perf_counter()
                r = requests.get(base + path, timeout=120)
                seconds = time.perf_counter() - t
                ok = r.status_code == status and text in r.text and not CDN.search(r.text)
                print(f"{'ok ' if ok else 'BAD'} {r.status_code} {seconds:5.2f} s  /{path}")
                if not ok:
                    failures.append(path)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print("binder check:", "passed" if not failures else f"FAILED {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
