"""Voilà serves dashboards, not code or data, and cannot be hung, rebound or exhausted by a client (issue 15).

No code execution from the browser, no source or data files; the kernel websocket speaks only the v1 protocol and
checks every frame (the sequence that froze the server now gets a refusal, and the server keeps answering); any Host
but the server's own gets 403 on every route; a page load from another site starts no kernel; kernels are capped per
server and per client with a plain "busy" page; an abandoned kernel is freed; a page whose kernel dies says so.
Most tests talk HTTP and websockets directly; `guarded` is a second server with small caps, short culling and no
pre-heated pool, so that kernels can be counted.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import requests
import websocket
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1

from .conftest import SERVERS, Server, preheat_only, start_server, wait_until_ready

pytestmark = pytest.mark.browser
V1 = "v1.kernel.websocket.jupyter.org"
MB = 2**20


@pytest.mark.parametrize("path", [
    "handbook.ipynb", "index.ipynb",                       # the notebooks themselves (their code)
    "../voila.json", "..%2Fvoila.json",                     # the server's configuration
    "../lmcore/contract.py", "../lmcore/__init__.py",       # package source
    "../lmcore/contracts/dol_local12/parameters.yaml",      # contract data
    "cases.db", "../cases.sqlite", "notes.csv",             # a case log or data export, if one were there
    ".ipynb_checkpoints/handbook-checkpoint.ipynb",
])
def test_files_endpoint_refuses_code_and_data(voila_server, path):
    r = requests.get(f"{voila_server}voila/files/{path}", timeout=10)
    assert r.status_code in (403, 404), (path, r.status_code)


def test_allowlist_is_the_reason_not_a_missing_file(voila_server):
    """An image name is allowed (404 here only because no such image exists); a database name is refused (403)."""
    assert requests.get(f"{voila_server}voila/files/no-such-figure.png", timeout=10).status_code == 404
    assert requests.get(f"{voila_server}voila/files/no-such-log.db", timeout=10).status_code == 403


def test_contents_api_gives_no_notebook_source(voila_server):
    r = requests.get(f"{voila_server}voila/api/contents/handbook.ipynb", timeout=10)
    assert r.status_code in (200, 403, 404)
    if r.status_code == 200:
        assert r.json().get("content") is None


def test_execute_request_over_the_kernel_websocket_does_nothing(voila_server, open_dashboard, tmp_path):
    """A browser can talk to its kernel only in widget messages: an execute request is dropped by the server."""
    dash = open_dashboard("index")
    marker = tmp_path / "executed.txt"
    with Channel(voila_server, dash.kernel_id) as ch:
        ch.send("execute_request", {"code": f"open({str(marker)!r}, 'w').write('ran')", "silent": False, "store_history": False,
                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        ch.send("kernel_info_request", {})  # the kernel answers shell requests in order: this reply comes last
        seen = [m["header"]["msg_type"] for m in ch.until("kernel_info_reply")]
    assert not {"execute_input", "execute_reply", "stream", "error"} & set(seen), seen
    assert not Path(marker).exists()


def test_leaving_a_page_frees_its_kernel(voila_server, open_dashboard):
    """Closing or leaving a dashboard shuts its kernel down (Voilà's unload beacon), so a training room does not
    fill memory with abandoned kernels."""
    dash = open_dashboard("index")
    kid = dash.kernel_id
    assert requests.get(f"{voila_server}api/kernels/{kid}", timeout=10).status_code == 200
    # The test's request guard (context.route) holds requests made while a page unloads, so the beacon would never
    # leave; take it off to see what a real browser does (requests made before this point are still checked at teardown).
    dash.page.context.unroute("**/*")
    dash.page.goto("about:blank")
    status = 200
    for _ in range(600):  # poll the server (up to ~60 s on a loaded machine) until the kernel is gone
        status = requests.get(f"{voila_server}api/kernels/{kid}", timeout=10).status_code
        if status == 404:
            break
        dash.page.wait_for_timeout(100)
    assert status == 404
    dash.kernel_id = None


@pytest.mark.parametrize("method,path", [
    ("POST", "api/kernels"), ("GET", "api/kernels"), ("POST", "api/sessions"), ("POST", "api/terminals"),
    ("PUT", "api/contents/x.ipynb"), ("POST", "api/contents"), ("GET", "api/contents"),
    ("POST", "voila/api/shutdown/0b4c7d3e-0000-4000-8000-000000000000"),
    ("DELETE", "api/kernels/0b4c7d3e-0000-4000-8000-000000000000"),
])
def test_no_cross_site_request_can_start_list_or_write_anything(voila_server, method, path):
    """voila.json turns Tornado's XSRF check off because Voilà's notebook page never sets the `_xsrf` cookie its own
    unload beacon needs. That is safe only because a forged request can do nothing: there is no endpoint to start
    a kernel, list kernels, write files or open a terminal, and a kernel can be stopped only by its random id."""
    r = requests.request(method, f"{voila_server}{path}", headers={"Origin": "http://evil.example"}, timeout=10)
    assert r.status_code in (403, 404, 405), (method, path, r.status_code)


# --- helpers -----------------------------------------------------------------------------------------------------

class Channel:
    """A page's kernel websocket as Voilà's front end opens it (the v1 protocol), for sending widget messages."""

    def __init__(self, base: str, kernel_id: str, **options):
        url = base.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
        self.ws = websocket.create_connection(url, timeout=30, subprotocols=[V1], **options)
        self.session = uuid.uuid4().hex

    def __enter__(self) -> Channel:
        return self

    def __exit__(self, *exc) -> None:
        self.ws.close()

    def send(self, msg_type: str, content: dict, metadata: dict | None = None, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": "test", "session": self.session, "msg_type": msg_type, "version": "5.3", "date": ""}
        parts = [json.dumps(x).encode() for x in (header, {}, metadata or {}, content)]
        self.ws.send_binary(serialize_msg_to_ws_v1(parts, channel))
        return msg_id

    def recv(self) -> dict:
        channel, parts = deserialize_msg_from_ws_v1(self.ws.recv())
        header, parent, _metadata, content = (json.loads(p) for p in parts[:4])
        return {"channel": channel, "header": header, "parent_header": parent, "content": content, "buffers": parts[4:]}

    def until(self, msg_type: str) -> Iterator[dict]:
        while True:
            msg = self.recv()
            yield msg
            if msg["header"]["msg_type"] == msg_type:
                return


def close_code(ws: websocket.WebSocket) -> int | None:
    """The code of the close frame the server sends (status and other messages before it are skipped)."""
    while True:
        try:
            frame = ws.recv_frame()  # the raw frame: no automatic close reply to a socket the server already dropped
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            return None
        if frame.opcode == websocket.ABNF.OPCODE_CLOSE:
            return int.from_bytes(frame.data[:2], "big")


def legacy_message(msg_type: str, content: dict, metadata: dict | None = None) -> str:
    """A message in the legacy (JSON text) protocol, as a client without the v1 subprotocol sends it."""
    header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": uuid.uuid4().hex, "msg_type": msg_type,
              "version": "5.3", "date": ""}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
                       "channel": "shell", "buffers": []})


def render(base: str, notebook: str, headers: dict | None = None, timeout: float = 120) -> requests.Response:
    r = requests.get(f"{base}voila/render/{notebook}.ipynb", headers=headers or {}, timeout=timeout)
    r.encoding = "utf-8"  # Voilà's page says so in a <meta> tag, not in its Content-Type
    return r


def kernel_id_of(html: str) -> str:
    return re.search(r'"kernelId": "([0-9a-f-]{36})"', html).group(1)


def kernels_of(server: Server) -> list[psutil.Process]:
    """The server's live kernel processes (pre-heated ones included; one that is exiting no longer counts)."""
    def live_kernel(p: psutil.Process) -> bool:
        try:
            return p.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(p.cmdline())
        except psutil.Error:
            return False

    return [p for p in psutil.Process(server.process.pid).children(recursive=True) if live_kernel(p)]


def answers_within(base: str, seconds: float) -> bool:
    try:
        return requests.get(base, timeout=seconds).status_code == 200
    except requests.RequestException:
        return False


def until(predicate, timeout: float, every: float = 0.2) -> bool:
    """Poll `predicate` (the server's state, not a page) until it holds or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return bool(predicate())


WIDGET_CONTROL = {"comm_id": "", "target_name": "jupyter.widget.control", "data": {}}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> Iterator[Server]:
    """The repository config with small caps (3 kernels, 2 per client), the local proxy trusted (so that tests can
    be several clients through X-Forwarded-For), one extra host name, culling after 15 s and no pre-heated pool."""
    args = ("--VoilaConfiguration.preheat_kernel=False", "--LmcoreServer.max_kernels=3", "--LmcoreServer.max_kernels_per_client=2",
            "--LmcoreServer.trusted_proxies=127.0.0.1", "--LmcoreServer.allowed_hosts=dashboards.example.org",
            "--MappingKernelManager.cull_idle_timeout=15", "--MappingKernelManager.cull_interval=3")
    with start_server("guarded", tmp_path_factory.mktemp("caselog") / "cases.sqlite", args) as server:
        yield server


@pytest.fixture
def clean(guarded) -> Iterator[Server]:
    """The guarded server with no kernel left over from the test before."""
    for kid in re.findall(r"Kernel started: ([0-9a-f-]{36})", guarded.log()):
        requests.post(f"{guarded.base}voila/api/shutdown/{kid}", timeout=30)
    assert until(lambda: not kernels_of(guarded), 30)
    yield guarded


# --- 1. the kernel channel cannot hang the server ------------------------------------------------------------------

def test_the_hostile_widget_sequence_does_not_hang_the_server(voila_server):
    """Issue 15's sequence: the handbook page's kernel channel *without* the v1 subprotocol, a jupyter.widget.control
    comm, {"method": "request_states"}. The reply carries the plot's PNG as a binary buffer; in the legacy protocol
    that frame made Voilà's reader count to ~2**60 (100 % CPU, GBs of memory, every request timing out). Now the
    legacy channel is refused; the server answers within 1 s and its memory grows by less than 50 MB."""
    server = SERVERS[voila_server]
    kid = kernel_id_of(render(voila_server, "handbook").text)
    before = psutil.Process(server.process.pid).memory_info().rss
    url = voila_server.replace("http://", "ws://") + f"api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}"
    try:
        ws = websocket.create_connection(url, timeout=10)  # no subprotocol: the legacy protocol
    except websocket.WebSocketBadStatusException as refused:
        assert refused.status_code == 400 and b"v1.kernel.websocket.jupyter.org" in refused.resp_body
    else:  # the old server accepted it: send the sequence, wait for the reply (a binary frame) or for silence
        comm = uuid.uuid4().hex
        ws.send(legacy_message("comm_open", {**WIDGET_CONTROL, "comm_id": comm}, {"version": "1.0.0"}))
        ws.send(legacy_message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}))
        with contextlib.suppress(websocket.WebSocketTimeoutException):
            while not isinstance(ws.recv(), bytes):  # status and stream messages come as text
                pass
        ws.close()
    assert answers_within(voila_server, 1.0), "the server stopped answering"
    assert psutil.Process(server.process.pid).memory_info().rss - before < 50 * MB
    # the same request over v1, as Voilà's own page makes it, works: all widget states, the PNG as a buffer
    with Channel(voila_server, kid) as ch:
        comm = uuid.uuid4().hex
        ch.send("comm_open", {**WIDGET_CONTROL, "comm_id": comm}, {"version": "1.0.0"})
        ch.send("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
        reply = next(m for m in ch.until("comm_msg") if m["header"]["msg_type"] == "comm_msg")
    assert reply["content"]["data"]["method"] == "update_states" and reply["buffers"]
    assert answers_within(voila_server, 1.0)
    requests.post(f"{voila_server}voila/api/shutdown/{kid}", timeout=30)


@pytest.mark.parametrize("frame,why", [
    (b"\xff" * 7 + b"\x7f" + b"\x00" * 8, "an offset count of 2**63 (froze jupyter_server's v1 reader)"),
    ((10**9).to_bytes(8, "little") + b"\x00" * 64, "a count the frame cannot hold"),
    ("{}", "a text frame"),
])
def test_a_malformed_v1_frame_closes_that_socket_not_the_server(clean, frame, why):
    base = clean.base
    kid = kernel_id_of(render(base, "index").text)
    rss = psutil.Process(clean.process.pid).memory_info().rss
    with Channel(base, kid) as ch:
        ch.ws.send_binary(frame) if isinstance(frame, bytes) else ch.ws.send(frame)
        assert close_code(ch.ws) == 1008, why  # policy violation: not a v1 kernel message
    assert answers_within(base, 1.0), why
    assert psutil.Process(clean.process.pid).memory_info().rss - rss < 50 * MB, why


def test_a_message_over_the_size_bound_is_refused(clean):
    """A browser's widget messages are small (a timesheet CSV is a few kB); 2 MB is past the 1 MB bound."""
    kid = kernel_id_of(render(clean.base, "index").text)
    with Channel(clean.base, kid) as ch:
        ch.send("comm_msg", {"comm_id": "x", "data": {"blob": "x" * (2 * MB)}})
        assert close_code(ch.ws) == 1009  # message too big
    assert answers_within(clean.base, 1.0)


# --- 2. DNS rebinding: only the server's own names ---------------------------------------------------------------

FOREIGN = "evil.example"


@pytest.mark.parametrize("path", ["", "voila/render/index.ipynb", "voila/tree", "voila/static/voila.js",
                                  "voila/files/no-such-figure.png", "voila/templates/lmcore/static/lmcore.css",
                                  "api/kernels/0b4c7d3e-0000-4000-8000-000000000000", "login"])
def test_a_foreign_host_gets_403_on_every_http_route(clean, path):
    port = clean.base.rsplit(":", 1)[1].strip("/")
    r = requests.get(clean.base + path, headers={"Host": f"{FOREIGN}:{port}"}, timeout=30, allow_redirects=False)
    assert r.status_code == 403, (path, r.status_code)
    assert "lmcore-app" not in r.text and "kernelId" not in r.text
    assert not kernels_of(clean)


def test_a_rebound_websocket_is_refused(guarded):
    """Host and Origin both evil.example:PORT (what a rebinding page sends): the kernel channel is refused."""
    kid = kernel_id_of(render(guarded.base, "index").text)
    port = guarded.base.rsplit(":", 1)[1].strip("/")
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        Channel(guarded.base, kid, host=f"{FOREIGN}:{port}", origin=f"http://{FOREIGN}:{port}")
    assert refused.value.status_code == 403
    with Channel(guarded.base, kid, origin=f"http://127.0.0.1:{port}") as ch:  # the page's own origin still works
        ch.send("kernel_info_request", {})
        assert any(m["header"]["msg_type"] == "kernel_info_reply" for m in ch.until("kernel_info_reply"))
    requests.post(f"{guarded.base}voila/api/shutdown/{kid}", timeout=30)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "dashboards.example.org"])
def test_the_local_names_and_a_configured_name_are_served(guarded, host):
    port = guarded.base.rsplit(":", 1)[1].strip("/")
    r = requests.get(f"{guarded.base}voila/tree", headers={"Host": f"{host}:{port}"}, timeout=30)
    assert r.status_code == 200 and "Contract dashboards" in r.text


# --- cross-site page loads ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image"},  # <img src="http://127.0.0.1:8866/voila/render/...">
    {"Origin": "http://evil.example"},
    {"Referer": "http://evil.example/blog.html"},
])
def test_a_cross_site_load_starts_no_kernel(clean, headers):
    r = render(clean.base, "index", headers)
    assert r.status_code == 403
    assert "This dashboard was not started" in r.text and 'href="/voila/render/index.ipynb"' in r.text
    assert "kernelId" not in r.text
    assert not kernels_of(clean)


# --- 3. kernel caps, the busy page, abandoned kernels ------------------------------------------------------------

def test_a_client_past_its_share_gets_the_busy_page_and_others_still_get_theirs(clean):
    """max_kernels_per_client=2, max_kernels=3, requests through the (trusted) local proxy for clients A, B, C."""
    a, b, c = ({"X-Forwarded-For": ip} for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.3"))
    first = [render(clean.base, "index", a), render(clean.base, "index", a)]
    assert [r.status_code for r in first] == [200, 200]
    pages = [Channel(clean.base, kernel_id_of(r.text)) for r in first]  # open in a browser: connected, never culled
    third = render(clean.base, "index", a)
    assert third.status_code == 503 and third.headers["Retry-After"] == "60"
    assert "This computer already has 2 dashboard pages open" in third.text and "try again in a minute" in third.text
    b_page = render(clean.base, "index", b)
    assert b_page.status_code == 200  # B has its own share: 3 kernels now, the server's cap
    pages.append(Channel(clean.base, kernel_id_of(b_page.text)))
    full = render(clean.base, "index", c)
    assert full.status_code == 503 and "as many dashboards as it has room for (3)" in full.text
    assert len(kernels_of(clean)) == 3
    # A closes a tab (Voilà's unload beacon): its place is free again
    pages[0].ws.close()
    requests.post(f"{clean.base}voila/api/shutdown/{kernel_id_of(first[0].text)}", timeout=30)
    assert until(lambda: len(kernels_of(clean)) == 2, 30)
    assert render(clean.base, "index", a).status_code == 200
    for page in pages[1:]:
        page.ws.close()


def test_many_requests_at_once_cannot_slip_past_the_cap(clean):
    """Ten loads arriving together from ten clients: three pages, seven busy pages, never more than three kernels."""
    headers = [{"X-Forwarded-For": f"198.51.100.{i}"} for i in range(10)]
    with cf.ThreadPoolExecutor(10) as pool:
        statuses = sorted(r.status_code for r in pool.map(lambda h: render(clean.base, "index", h, timeout=180), headers))
    assert statuses == [200] * 3 + [503] * 7
    assert len(kernels_of(clean)) <= 3


def test_a_kernel_whose_page_never_connected_is_freed(clean):
    """A load whose page never opens its websocket (an <img>, a closed tab whose beacon was lost) leaves an idle,
    unconnected kernel: it is culled after cull_idle_timeout (15 s here, 90 s in voila.json), while a page that is
    still connected keeps its kernel."""
    gone = kernel_id_of(render(clean.base, "index").text)
    kept = kernel_id_of(render(clean.base, "index").text)
    with Channel(clean.base, kept):
        assert until(lambda: requests.get(f"{clean.base}api/kernels/{gone}", timeout=10).status_code == 404, 60)
        assert requests.get(f"{clean.base}api/kernels/{kept}", timeout=10).status_code == 200


# --- a page whose kernel fails -----------------------------------------------------------------------------------

def _kill_new_kernel(server: Server, before: set[int], timeout: float = 60) -> float:
    """Kill the first kernel process that was not running before; the moment it died."""
    def new() -> list[psutil.Process]:
        return [p for p in kernels_of(server) if p.pid not in before]

    assert until(new, timeout, 0.05), "no kernel was started"
    new()[0].kill()
    return time.monotonic()


def test_a_page_whose_kernel_dies_says_so_within_10_s(clean):
    """The kernel of a page being prepared is killed: the response ends with the plain message and a retry link
    (today it spun until nbclient gave up a minute or more later)."""
    before = {p.pid for p in kernels_of(clean)}
    result: dict = {}
    reader = threading.Thread(target=lambda: result.update(r=render(clean.base, "handbook")))
    reader.start()
    killed = _kill_new_kernel(clean, before)
    reader.join(60)
    assert not reader.is_alive(), "the page never ended"
    assert time.monotonic() - killed < 10
    page = result["r"].text
    assert "This page could not be prepared" in page and 'href="/voila/render/handbook.ipynb"' in page
    assert "Try again" in page


def test_the_message_and_retry_link_in_a_browser(clean, browser):
    context = browser.new_context()
    page = context.new_page()
    before = {p.pid for p in kernels_of(clean)}
    page.goto(f"{clean.base}voila/render/handbook.ipynb", wait_until="commit", timeout=60_000)
    killed = _kill_new_kernel(clean, before)
    notice = page.locator(".lmcore-kernel-failed")
    notice.wait_for(state="visible", timeout=10_000)
    assert time.monotonic() - killed < 10
    assert "could not be prepared" in notice.inner_text()
    assert page.locator("#loading").is_hidden()
    retry = notice.get_by_role("link", name="Try again")
    assert retry.get_attribute("href") == "/voila/render/handbook.ipynb"
    retry.click()  # and trying again works
    wait_until_ready(page, clean.base)
    context.close()


# --- the loading message -----------------------------------------------------------------------------------------

RECORD_LOADING_TEXT = """
window.__loading = [];
new MutationObserver(() => {
  const el = document.getElementById('loading_text');
  if (el && window.__loading[window.__loading.length - 1] !== el.textContent) window.__loading.push(el.textContent);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_the_spinner_says_what_is_being_prepared_in_plain_words(clean, browser):
    """Every text the loading heading shows while the page is prepared: "Preparing the contract handbook…" (the
    dashboard's title from its metadata), never Voilà's "Executing 2 of 5"."""
    context = browser.new_context()
    context.add_init_script(RECORD_LOADING_TEXT)
    page = context.new_page()
    page.goto(f"{clean.base}voila/render/handbook.ipynb", timeout=120_000)
    wait_until_ready(page, clean.base)
    shown = page.evaluate("window.__loading")
    context.close()
    assert shown and set(shown) == {"Preparing the contract handbook…"}, shown
    html = render(clean.base, "grievance_timeline").text
    assert '<h2 id="loading_text">Preparing the grievance timeline…</h2>' in html


# --- the pool is warmed in order at start-up ---------------------------------------------------------------------

def test_the_landing_page_is_warmed_first_and_alone(tmp_path):
    """At start-up the landing page's kernel is started alone and warmed before any dashboard's (before, all nine
    started at once and the first page waited 23–32 s); the others follow one at a time."""
    with start_server("warmup", tmp_path / "cases.sqlite") as server:
        assert until(lambda: "index.ipynb is warm" in server.log(), 120)
        log = server.log()
    before_warm = log[: log.index("index.ipynb is warm")]
    assert before_warm.count("Kernel started:") == 1, before_warm[-2000:]
    assert "Address already in use" not in log


# --- a warm kernel handed to a page ------------------------------------------------------------------------------

CULL_S = 8  # this server's cull_idle_timeout; its culler looks every second


@pytest.fixture(scope="module")
def culling(tmp_path_factory) -> Iterator[Server]:
    """The repository config with only the landing page pre-heated and quick culling (after 8 s, checked every 1 s)."""
    args = (*preheat_only(tmp_path_factory.mktemp("culling-config"), ["index"]),
            f"--MappingKernelManager.cull_idle_timeout={CULL_S}", "--MappingKernelManager.cull_interval=1")
    with start_server("culling", tmp_path_factory.mktemp("caselog") / "cases.sqlite", args) as server:
        assert until(lambda: "lmcore: every dashboard has a warm kernel (1)" in server.log(), 300, 0.5), server.log()[-2000:]
        yield server


def test_a_warm_kernel_handed_to_a_page_is_not_culled(culling):
    """A pooled kernel is spared by the culler however long it waits; once a page takes it, it is idle since its
    warm-up. It must count as active from the hand-over, or the culler shuts it down while the browser is still
    loading the page (seen as the landing page waiting forever: "The model for kernel id … does not exist")."""
    pooled = set(re.findall(r"Kernel started: ([0-9a-f-]{36})", culling.log()))
    time.sleep(CULL_S + 2)  # the pooled kernel's last activity is now older than the cull timeout (time must pass)
    kid = kernel_id_of(render(culling.base, "index").text)
    assert kid in pooled, "the page did not take the pre-heated kernel"
    time.sleep(3)  # three culler rounds while a browser would still be loading the page
    assert requests.get(f"{culling.base}api/kernels/{kid}", timeout=10).status_code == 200, "culled at the hand-over"
    with Channel(culling.base, kid) as ch:  # the page connects: its kernel answers
        ch.send("kernel_info_request", {})
        assert [m["header"]["msg_type"] for m in ch.until("kernel_info_reply")][-1] == "kernel_info_reply"
    # and a page that never connects is still freed, CULL_S after the hand-over
    other = kernel_id_of(render(culling.base, "index").text)
    assert until(lambda: requests.get(f"{culling.base}api/kernels/{other}", timeout=10).status_code == 404, 60)
