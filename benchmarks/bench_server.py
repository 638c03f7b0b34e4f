"""Benchmark: can a client hang, exhaust or slow down the dashboard server? (issues 15 and 17 item 14)

Starts the server exactly as `lmcore serve` does (repository voila.json, a free port) and measures:
  1. the first page after start-up: landing page requested the moment the server answers (Voilà's own pool starts
     every notebook's kernel at once; lmcore's warms the landing page first, alone);
  2. kernels and memory (USS of the server and every kernel) after 40 loads of the handbook from one client and
     from 4 clients (10 each, through the local proxy trusted for the run) — every loaded page keeps its websocket
     open, like a browser tab — and how long after the tabs close the kernels are freed;
  3. the server's answer time (GET of the folder page, median and max of 40) with no attacker — the floor — and
     while a client sends the hostile sequence of issue 15 (legacy channel + widget request_states, 16-byte v1
     frames) in a loop;
  4. the default kernel cap on this machine.
Run against another checkout (e.g. main, for the "before" column) with PYTHONPATH=<checkout> and --json OUT; the
normal run takes --baseline OUT and writes benchmarks/results_server.txt. Not part of the test suite.
Run: .venv/bin/python benchmarks/bench_server.py [--baseline before.json]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import requests
import websocket

from lmcore.commands import serve

OUT = Path(__file__).with_name("results_server.txt")
V1 = "v1.kernel.websocket.jupyter.org"
MB = 2**20
LOADS = 40
HOSTILE_V1_FRAME = b"\xff" * 7 + b"\x7f" + b"\x00" * 8


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The server as `lmcore serve` starts it, with extra settings; stopped (or killed, if frozen) at the end."""

    def __init__(self, *extra: str):
        self.port = free_port()
        argv, env, cwd = serve.voila_command(serve.default_notebooks(), self.port)
        self.tmp = tempfile.mkdtemp(prefix="lmcore-bench-server-")
        env["LMCORE_CASELOG"] = f"{self.tmp}/cases.sqlite"
        self.log_path = Path(self.tmp) / "server.log"
        self.proc = subprocess.Popen([*argv, *extra], env=env, cwd=cwd, stdout=self.log_path.open("w"), stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}/"
        self.started = time.perf_counter()
        while not answers(self.base, 2):
            if self.proc.poll() is not None:
                raise RuntimeError(self.log_path.read_text()[-3000:])
            time.sleep(0.05)
        self.answering_after = time.perf_counter() - self.started

    def kernels(self) -> list[psutil.Process]:
        return [p for p in psutil.Process(self.proc.pid).children(recursive=True) if is_kernel(p)]

    def uss_mb(self) -> tuple[float, float]:
        """Unique memory of the server and of all its kernels, MB."""
        server = psutil.Process(self.proc.pid).memory_full_info().uss / MB
        kernels = 0.0
        for p in self.kernels():
            with contextlib.suppress(psutil.Error):
                kernels += p.memory_full_info().uss / MB
        return server, kernels

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:  # a frozen server ignores SIGTERM
            for p in psutil.Process(self.proc.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    p.kill()
            self.proc.kill()
            self.proc.wait()


@contextlib.contextmanager
def server(*extra: str) -> Iterator[Server]:
    s = Server(*extra)
    try:
        yield s
    finally:
        s.stop()


def is_kernel(p: psutil.Process) -> bool:
    """A live kernel process (one that is exiting, or already a zombie, no longer counts)."""
    try:
        return p.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(p.cmdline())
    except psutil.Error:
        return False


def answers(url: str, timeout: float) -> bool:
    try:
        return requests.get(url, timeout=timeout).status_code == 200
    except requests.RequestException:
        return False


def kernel_id(html: str) -> str | None:
    m = re.search(r'"kernelId": "([0-9a-f-]{36})"', html)
    return m.group(1) if m else None


def open_tab(s: Server, client: str | None) -> tuple[int, websocket.WebSocket | None]:
    """Load the handbook as a browser tab does (the page, then its kernel websocket, left open)."""
    headers = {"X-Forwarded-For": client} if client else {}
    try:
        r = requests.get(f"{s.base}voila/render/handbook.ipynb", headers=headers, timeout=600)
    except requests.RequestException:
        return 0, None
    kid = kernel_id(r.text) if r.status_code == 200 else None
    if not kid:
        return r.status_code, None
    url = s.base.replace("http://", "ws://") + f"api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}"
    ws = websocket.create_connection(url, timeout=None, subprotocols=[V1])
    threading.Thread(target=_listen, args=(ws,), daemon=True).start()
    return r.status_code, ws


def _listen(ws: websocket.WebSocket) -> None:
    """Read the tab's messages as a browser does (answering the server's pings, so the tab stays connected)."""
    with contextlib.suppress(Exception):
        while ws.connected:
            ws.recv()


def first_page() -> dict:
    with server() as s:
        t = time.perf_counter()
        r = requests.get(f"{s.base}voila/render/index.ipynb", timeout=300)
        page = time.perf_counter() - t
        started_before = s.log().count("Kernel started:")
        return {"answering_s": round(s.answering_after, 1), "landing_s": round(page, 1), "status": r.status_code,
                "kernels_started_by_then": started_before}


def loads(clients: int) -> dict:
    """40 handbook loads, spread over `clients` client addresses (4 at a time), every tab left open."""
    with server("--LmcoreServer.trusted_proxies=127.0.0.1") as s:
        warm = wait_for_pool(s)
        names = [f"203.0.113.{i % clients + 1}" if clients > 1 else None for i in range(LOADS)]
        t = time.perf_counter()
        with cf.ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda c: open_tab(s, c), names))
        seconds = time.perf_counter() - t
        statuses = [st for st, _ in results]
        server_mb, kernels_mb = s.uss_mb()
        out = {"pool_kernels": warm, "kernels": len(s.kernels()), "served": statuses.count(200), "busy": statuses.count(503),
               "other": len(statuses) - statuses.count(200) - statuses.count(503), "server_mb": round(server_mb),
               "kernels_mb": round(kernels_mb), "seconds": round(seconds)}
        for _, ws in results:
            if ws:
                ws.close()
        if clients > 1:  # the tabs close without Voilà's beacon (a crashed browser): when are the pages' kernels freed?
            t = time.perf_counter()  # (the pool is complete, and refilled after each page took its warm kernel)
            deadline = t + 180  # 3 minutes: the goal is "within about 2 minutes"
            while len(s.kernels()) > warm and time.perf_counter() < deadline:
                time.sleep(1)
            out["freed_after_s"] = round(time.perf_counter() - t) if len(s.kernels()) <= warm else None
        return out


def wait_for_pool(s: Server, timeout: float = 600) -> int:
    """Wait until the pre-heated pool is complete (its log line), so that loads do not compete with it; its size."""
    deadline = time.perf_counter() + timeout
    notebooks = len([p for p in serve.default_notebooks().glob("*.ipynb")])
    while time.perf_counter() < deadline:
        log = s.log()
        if "every dashboard has a warm kernel" in log or log.count("Kernel pool of") >= notebooks:
            break
        time.sleep(0.5)
    time.sleep(2)  # let the last pre-render settle before measuring the floor
    return len(s.kernels())


def latency(s: Server, n: int = 40) -> dict:
    """Answer times of n requests; stops after 3 unanswered in a row (a frozen server)."""
    times: list[float | None] = []
    for _ in range(n):
        t = time.perf_counter()
        ok = answers(s.base + "voila/tree", 5)
        times.append(time.perf_counter() - t if ok else None)
        if times[-3:] == [None, None, None]:
            break
        time.sleep(0.05)
    done = [x for x in times if x is not None]
    return {"median_ms": round(statistics.median(done) * 1000) if done else None,
            "max_ms": round(max(done) * 1000) if done else None, "unanswered": times.count(None)}


def hostile_client(s: Server, kid: str, stop: threading.Event, going: threading.Event) -> None:
    """Issue 15's sequence, over and over: the legacy channel with a widget request_states, and a 16-byte v1 frame."""
    url = s.base.replace("http://", "ws://") + f"api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}"

    def legacy(msg_type: str, content: dict, metadata: dict | None = None) -> str:
        header = {"msg_id": uuid.uuid4().hex, "username": "x", "session": uuid.uuid4().hex, "msg_type": msg_type, "version": "5.3", "date": ""}
        return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": []})

    while not stop.is_set():
        with contextlib.suppress(Exception):
            ws = websocket.create_connection(url, timeout=5)
            comm = uuid.uuid4().hex
            ws.send(legacy("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}}, {"version": "1.0.0"}))
            ws.send(legacy("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}))
            ws.close()
        with contextlib.suppress(Exception):
            ws = websocket.create_connection(url, timeout=5, subprotocols=[V1])
            ws.send_binary(HOSTILE_V1_FRAME)
            ws.close()
        going.set()
        time.sleep(0.2)


def under_attack() -> dict:
    with server() as s:
        wait_for_pool(s)
        floor = latency(s)
        kid = kernel_id(requests.get(f"{s.base}voila/render/handbook.ipynb", timeout=300).text)
        rss = psutil.Process(s.proc.pid).memory_info().rss / MB
        stop, going = threading.Event(), threading.Event()
        attacker = threading.Thread(target=hostile_client, args=(s, kid, stop, going), daemon=True)
        attacker.start()
        going.wait(30)  # one full round of the attack sent before the clock starts
        attacked = latency(s)
        grown = psutil.Process(s.proc.pid).memory_info().rss / MB - rss
        stop.set()
        attacker.join(10)
        return {"floor": floor, "attacked": attacked, "rss_growth_mb": round(grown)}


def default_cap() -> dict:
    try:
        from lmcore.server.capacity import default_max_kernels, planning_memory
    except ImportError:
        return {"cap": None}
    memory = planning_memory()
    notebooks = len(list(serve.default_notebooks().glob("*.ipynb")))
    return {"cap": default_max_kernels(memory.bytes, warm=notebooks), "memory_gb": round(memory.bytes / 2**30, 1),
            "source": memory.source, "warm": notebooks}


def run() -> dict:
    return {"first_page": first_page(), "one_client": loads(1), "four_clients": loads(4), "attack": under_attack(),
            "default_cap": default_cap()}


def report(now: dict, before: dict | None) -> str:
    b = before or {}

    def col(section: str, key: str, data: dict) -> str:
        v = data.get(section, {}).get(key, "–") if data else "–"
        return "–" if v is None else str(v)

    lines = [f"# bench_server: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, load average at start "
             + ", ".join(f"{x:.1f}" for x in now["load"]), "",
             "## 1. First page after start-up (landing page requested the moment the server answers)",
             f"{'':38}{'before':>10}{'now':>10}"]
    for key, label in (("answering_s", "server answering after (s)"), ("landing_s", "landing page served in (s)"),
                       ("kernels_started_by_then", "kernels started by then")):
        lines.append(f"{label:38}{col('first_page', key, b):>10}{col('first_page', key, now):>10}")
    lines += ["", f"## 2. {LOADS} handbook loads, every tab kept open (4 at a time); USS in MB",
              f"{'':38}{'before':>10}{'now':>10}"]
    for section, title in (("one_client", "one client"), ("four_clients", "4 clients × 10")):
        lines.append(f"{title}:")
        for key, label in (("served", "pages served"), ("busy", "busy pages (503)"), ("other", "failed otherwise"),
                           ("kernels", "kernels running (pool included)"), ("pool_kernels", "of which pre-heated pool"),
                           ("kernels_mb", "kernels' memory (MB)"), ("server_mb", "server's memory (MB)"),
                           ("seconds", "time for the 40 loads (s)"), ("freed_after_s", "tabs closed → kernels freed (s)")):
            if key in now[section] or key in b.get(section, {}):
                lines.append(f"  {label:36}{col(section, key, b):>10}{col(section, key, now):>10}")
    lines += ["", "## 3. Server answer time (GET /voila/tree, 40 requests), ms",
              f"{'':38}{'before':>10}{'now':>10}"]
    for part, title in (("floor", "no attacker (the floor)"), ("attacked", "hostile client in a loop")):
        for key in ("median_ms", "max_ms", "unanswered"):
            bv = b.get("attack", {}).get(part, {}).get(key, "–") if b else "–"
            lines.append(f"  {title + ': ' + key:36}{'–' if bv is None else bv:>10}{now['attack'][part][key]!s:>10}")
    lines.append(f"  {'server memory growth (MB)':36}{col('attack', 'rss_growth_mb', b):>10}{col('attack', 'rss_growth_mb', now):>10}")
    ratio = (now["attack"]["attacked"]["median_ms"] or 0) / max(1, now["attack"]["floor"]["median_ms"] or 1)
    cap = now["default_cap"]
    lines += [f"  attacked / floor (median, now): {ratio:.2f}", "", "## 4. Default kernel cap on this machine",
              (f"  {cap['cap']} kernels for open pages: three quarters of {cap['memory_gb']} GB ({cap['source']}) less the "
               f"server (130 MB) and {cap['warm']} pre-heated kernels, at 130 MB each; 12 per client")]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path, help="write the measurements as JSON here (for a baseline run) instead of the report")
    ap.add_argument("--baseline", type=Path, help="a --json file from the code before, for the 'before' column")
    args = ap.parse_args()
    load = os.getloadavg()
    data = run()
    data["load"] = load
    if args.json:
        args.json.write_text(json.dumps(data, indent=1))
        return
    before = json.loads(args.baseline.read_text()) if args.baseline else None
    text = report(data, before)
    OUT.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
