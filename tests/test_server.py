"""lmcore.server's rules without a server (issue 15): the Host allow-list, cross-site loads, the client behind a
proxy, the kernel caps and their ledger, and the kernel-websocket frame check. The same rules are exercised over
HTTP and websockets against a real server in tests/browser/test_security.py."""
from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1
from traitlets.config import Config

from lmcore.errors import InvalidInput
from lmcore.server import capacity
from lmcore.server.capacity import Ledger, Refusal, Ticket, default_max_kernels, planning_memory
from lmcore.server.frames import offers_v1, v1_frame_problem
from lmcore.server.kernels import choose_transport, ipc_fits
from lmcore.server.origins import allowed_hosts, client_address, cross_site, host_allowed, host_name, proxy_networks

ROOT = Path(__file__).resolve().parents[1]
GB = 2**30


# --- Host allow-list (DNS rebinding) ---------------------------------------------------------------------------

@pytest.mark.parametrize("header,name", [("Evil.Example:8866", "evil.example"), ("[::1]:8866", "::1"), ("localhost", "localhost"),
                                         ("127.0.0.1:80", "127.0.0.1"), ("::1", "::1")])
def test_host_name_drops_the_port(header, name):
    assert host_name(header) == name


def test_local_names_are_allowed_on_any_port_and_nothing_else():
    hosts = allowed_hosts([])
    for ok in ("127.0.0.1:8866", "localhost:8866", "LOCALHOST", "[::1]:9000"):
        assert host_allowed(ok, hosts), ok
    # a rebinding page keeps the port and changes the name; a look-alike or another address is not this server
    for bad in ("evil.example:8866", "localhost.evil.example:8866", "127.0.0.2:8866", "10.0.0.5:8866", "", "[::2]:8866"):
        assert not host_allowed(bad, hosts), bad


def test_a_deployment_names_its_public_host():
    hosts = allowed_hosts(["Dashboards.Example.org", " hub.agency.gov ", "[2001:db8::1]"])
    assert host_allowed("dashboards.example.org", hosts) and host_allowed("hub.agency.gov:443", hosts)
    assert host_allowed("[2001:db8::1]:8866", hosts)
    assert not host_allowed("evil.example.org", hosts)
    assert host_allowed("anything.example", allowed_hosts(["*"]))  # Binder: its token guards the server instead


@pytest.mark.parametrize("bad", ["http://hub.example.org", "hub.example.org:443", "hub.example.org/user", "two words"])
def test_a_host_setting_that_is_not_a_name_is_refused(bad):
    with pytest.raises(InvalidInput, match="is not a host name"):
        allowed_hosts([bad])


# --- Cross-site page loads -------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},                    # an <img> or <iframe> on another site
    {"Origin": "http://evil.example"},                   # a form or fetch from another site
    {"Origin": "null"},                                  # a sandboxed frame or a file:// page
    {"Referer": "http://evil.example/page.html"},        # a link on another site (old browsers: no Fetch metadata)
    {"Referer": "http://127.0.0.1:9999/other"},          # another local server on another port
])
def test_a_load_from_another_site_is_cross_site(headers):
    assert cross_site(headers, "127.0.0.1:8866")


@pytest.mark.parametrize("headers", [
    {},                                                  # typed in the address bar, or a command-line client
    {"Sec-Fetch-Site": "none"},                          # a bookmark
    {"Sec-Fetch-Site": "same-origin", "Referer": "http://127.0.0.1:8866/voila/render/index.ipynb"},  # the landing page's link
    {"Sec-Fetch-Site": "same-site", "Referer": "http://127.0.0.1:8866/"},
])
def test_a_load_from_the_servers_own_pages_is_not(headers):
    assert cross_site(headers, "127.0.0.1:8866") is None


# --- Which client a page counts against ------------------------------------------------------------------------

def test_forwarded_address_counts_only_behind_a_trusted_proxy():
    proxy = proxy_networks(["127.0.0.1", "10.0.0.0/8"])
    assert client_address("127.0.0.1", "203.0.113.7", proxy) == "203.0.113.7"
    # the proxy appends the address it saw; what the client wrote further left is not believed
    assert client_address("127.0.0.1", "1.2.3.4, 203.0.113.7", proxy) == "203.0.113.7"
    # two trusted proxies in a row (10.1.2.3 forwarded to 127.0.0.1): the first untrusted hop from the right
    assert client_address("127.0.0.1", "203.0.113.7, 10.1.2.3", proxy) == "203.0.113.7"
    # a client talking to the server directly cannot choose its own address
    assert client_address("198.51.100.9", "203.0.113.7", proxy) == "198.51.100.9"
    assert client_address("127.0.0.1", "203.0.113.7", ()) == "127.0.0.1"
    assert client_address("127.0.0.1", None, proxy) == "127.0.0.1"


def test_a_proxy_setting_that_is_not_an_address_is_refused():
    with pytest.raises(InvalidInput, match="not an IP address or network"):
        proxy_networks(["proxy.example.org"])
    assert proxy_networks(["10.0.0.0/8"]) == (ipaddress.ip_network("10.0.0.0/8"),)


# --- Kernel caps -------------------------------------------------------------------------------------------------

def test_default_cap_on_this_24_gb_machine_class():
    """24 GB: three quarters is 18,432 MB; less the server (130) and 9 pre-heated kernels (9 × 130 = 1,170) leaves
    17,132 MB, room for 131 kernels of 130 MB (131 × 130 = 17,030; 132 would need 17,160)."""
    assert default_max_kernels(24 * GB, warm=9) == 131
    # without a warm pool (JupyterHub, Binder): 18,432 − 130 = 18,302 MB → 140 kernels (140 × 130 = 18,200)
    assert default_max_kernels(24 * GB) == 140


def test_default_cap_for_a_1_gb_jupyterhub_server():
    """A person's 1 GB server (binder/hub): 768 − 130 = 638 MB → 4 kernels (520 MB): the landing page and 3 dashboards."""
    assert default_max_kernels(1 * GB) == 4
    assert default_max_kernels(100 * 2**20) == 1  # never less than one page


def test_planning_memory_takes_the_tightest_limit(tmp_path):
    cgroup = tmp_path / "memory.max"
    cgroup.write_text("max\n")  # no container limit
    assert planning_memory({}, cgroup).source == "the machine's memory"
    assert planning_memory({"MEM_LIMIT": str(GB)}, cgroup) == capacity.Memory(GB, "MEM_LIMIT (the JupyterHub spawner's memory limit)")
    cgroup.write_text(str(GB // 2))
    assert planning_memory({"MEM_LIMIT": str(GB)}, cgroup).bytes == GB // 2


def test_ledger_caps_per_client_and_per_server():
    ledger, alive = Ledger(max_kernels=3, per_client=2), set()
    a1, a2 = ledger.admit("A", alive.__contains__), ledger.admit("A", alive.__contains__)
    assert isinstance(a1, Ticket) and isinstance(a2, Ticket)
    assert ledger.admit("A", alive.__contains__) == Refusal("client", 2)  # A's third page, though the server has room
    b1 = ledger.admit("B", alive.__contains__)
    assert isinstance(b1, Ticket)
    assert ledger.admit("C", alive.__contains__) == Refusal("server", 3)  # 3 pages held: the server is full
    # A's first page got its kernel, which is then shut down (tab closed, culled): its place is free again
    a1.kernel_id = "k1"
    alive.add("k1")
    assert isinstance(ledger.admit("C", alive.__contains__), Refusal)
    alive.discard("k1")
    assert isinstance(ledger.admit("C", alive.__contains__), Ticket)
    # a request that ended without a kernel gives its place back
    ledger.release(a2)
    assert ledger.held("A") == 0 and ledger.held() == 2


@given(st.lists(st.sampled_from("ABCD"), max_size=60))
def test_ledger_never_holds_more_than_its_caps(clients):
    ledger = Ledger(max_kernels=5, per_client=2)
    for c in clients:
        ledger.admit(c, lambda k: True)
        assert ledger.held() <= 5 and all(ledger.held(x) <= 2 for x in "ABCD")


def test_the_repository_config_sets_the_caps_and_frees_abandoned_kernels_within_two_minutes():
    cfg = json.loads((ROOT / "voila.json").read_text())
    server, culling = cfg["LmcoreServer"], cfg["MappingKernelManager"]
    assert server["max_kernels"] == 0 and server["max_kernels_per_client"] == 12 and server["kernel_mb"] == 130
    # a kernel with no page connected is stopped after 90 s idle, checked every 30 s: gone within 2 minutes
    assert culling["cull_idle_timeout"] + culling["cull_interval"] <= 120 and culling["cull_connected"] is False
    assert cfg["VoilaConfiguration"]["multi_kernel_manager_class"] == "lmcore.server.kernels.PageKernelManager"


# --- Kernel websocket frames -----------------------------------------------------------------------------------

def _frame(*parts: bytes, channel: str = "shell") -> bytes:
    return serialize_msg_to_ws_v1(list(parts), channel)


def test_a_real_v1_message_passes():
    assert v1_frame_problem(_frame(b"{}", b"{}", b"{}", b'{"comm_id": "x"}')) is None
    assert v1_frame_problem(_frame(b"{}", b"{}", b"{}", b"{}", b"\x00binary buffer")) is None


def test_the_16_bytes_that_froze_jupyter_server_are_refused():
    # the offset count says 2**63 − 1: jupyter_server would try to build a list that long
    assert v1_frame_problem(b"\xff" * 7 + b"\x7f" + b"\x00" * 8)
    assert v1_frame_problem((10**6).to_bytes(8, "little") + b"\x00" * 56)  # a count the frame cannot hold


def test_malformed_frames_are_refused():
    good = _frame(b"{}", b"{}", b"{}", b"{}")
    assert v1_frame_problem(good[:-1])  # last offset is not the end of the frame
    assert v1_frame_problem(good + b"x")
    assert v1_frame_problem(_frame(b"{}", b"{}", b"{}", b"{}", channel="nowhere"))
    assert v1_frame_problem('{"header": {}}')  # a legacy JSON text frame
    # the legacy binary format (4-byte big-endian counts) that Voilà's reader mistook for v1
    assert v1_frame_problem(b"\x00\x00\x00\x02\x00\x00\x00\x0c\x00\x00\x00\x10{}{}")


@given(st.binary(max_size=200))
def test_any_bytes_are_judged_quickly_without_error(data):
    problem = v1_frame_problem(data)
    assert problem is None or isinstance(problem, str)


def test_only_a_v1_offer_opens_the_channel():
    assert offers_v1("v1.kernel.websocket.jupyter.org") and offers_v1("foo, v1.kernel.websocket.jupyter.org")
    assert not offers_v1(None) and not offers_v1("") and not offers_v1("v2.kernel.websocket.jupyter.org")


# --- Kernel transport ----------------------------------------------------------------------------------------------

def test_kernels_use_unix_sockets_where_the_paths_fit():
    """No TCP ports to race for ("Address already in use"); a socket path has at most 107 bytes."""
    assert ipc_fits("/tmp/voila_abcd1234")  # Voilà's connection folder: /tmp/voila_…/kernel-<36>-ipc-5 = 69 bytes
    assert not ipc_fits("/tmp/" + "x" * 60)  # 5 + 60 + 1 + 49 = 115 bytes: too long
    cfg = Config()
    assert choose_transport(cfg, "/tmp/voila_abcd1234") == "ipc" and cfg.KernelManager.transport == "ipc"
    cfg = Config()
    assert choose_transport(cfg, "/home/" + "a" * 80) == "tcp"  # a long home folder: TCP ports after all
    cfg = Config({"KernelManager": {"transport": "tcp"}})
    assert choose_transport(cfg, "/tmp/voila_abcd1234") == "tcp"  # what a deployment configured stays
