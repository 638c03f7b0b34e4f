"""Voilà serves dashboards, not code or data: no code execution from the browser, no source or data files."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import requests
import websocket

pytestmark = pytest.mark.browser


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
    ws_url = voila_server.replace("http://", "ws://") + f"api/kernels/{dash.kernel_id}/channels?session_id={uuid.uuid4().hex}"
    ws = websocket.create_connection(ws_url, timeout=30)
    try:
        ws.send(_message("execute_request", {"code": f"open({str(marker)!r}, 'w').write('ran')", "silent": False,
                                              "store_history": False, "user_expressions": {}, "allow_stdin": False,
                                              "stop_on_error": True}))
        ws.send(_message("kernel_info_request", {}))  # the kernel answers shell requests in order: this reply comes last
        seen = []
        while True:
            msg = json.loads(ws.recv())
            seen.append(msg["msg_type"])
            if msg["msg_type"] == "kernel_info_reply":
                break
    finally:
        ws.close()
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


def _message(msg_type: str, content: dict) -> str:
    session = uuid.uuid4().hex
    header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": session, "msg_type": msg_type,
              "version": "5.3", "date": ""}
    return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                       "channel": "shell", "buffers": []})


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
