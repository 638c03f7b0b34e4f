"""Who may talk to the dashboard server: its own host names only (a page on another domain that resolves to this
machine — DNS rebinding — gets nothing), page loads that come from its own pages (a load from another site starts
no kernel), and who the client is (behind a trusted proxy, the address the proxy forwards)."""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from ..errors import InvalidInput

# The names a browser uses for this machine itself; always allowed.
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
# In the allow-list, "*" turns the Host check off (for Binder, whose public names vary and whose token guards it).
ANY_HOST = "*"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def host_name(host: str) -> str:
    """The name in a Host header, without its port, in lower case: 'Evil.Example:8866' → 'evil.example', '[::1]:8866' → '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else host
    if host.count(":") == 1:  # name:port (a bare IPv6 address has several colons and no port)
        host = host.rsplit(":", 1)[0]
    return host


def allowed_hosts(names: Iterable[str]) -> frozenset[str]:
    """The allow-list: the local names plus the configured ones (bare host names or addresses, no scheme, port or path)."""
    out = set(LOCAL_NAMES)
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name == ANY_HOST:
            out.add(ANY_HOST)
            continue
        bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
        if "/" in bare or (":" in bare and not _is_ip(bare)) or any(c.isspace() for c in bare):
            raise InvalidInput(f"'{raw}' is not a host name", fix="Give the bare name the browser uses, e.g. dashboards.example.org "
                               "(no http://, no port, no path)")
        out.add(bare)
    return frozenset(out)


def host_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Whether a request's Host header names this server (any port: DNS rebinding changes the name, not the port)."""
    return ANY_HOST in allowed or host_name(host) in allowed


def cross_site(headers: Mapping[str, str], host: str) -> str | None:
    """Why a page load comes from another site (its Fetch metadata, or an Origin or Referer naming another host), or None.

    A browser sends these headers itself; a page on another site cannot remove them to pass as this server's own."""
    if headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
        return "the browser reports that another site asked for this page"
    for header in ("Origin", "Referer"):
        value = (headers.get(header) or "").strip()
        if not value:
            continue
        netloc = urlsplit(value).netloc.lower() if value != "null" else ""
        if netloc != host.strip().lower():
            return f"the request came from {'a page without an address' if not netloc else 'another site'}"
    return None


def proxy_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """The trusted proxies' addresses or networks ('127.0.0.1', '10.0.0.0/8'), checked."""
    out = []
    for raw in values:
        text = raw.strip()
        if not text:
            continue
        try:
            out.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise InvalidInput(f"'{raw}' is not an IP address or network", fix="Give the proxy's address, e.g. 127.0.0.1 or 10.0.0.0/8") from None
    return tuple(out)


def client_address(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The client a page counts against: the connecting address, or — only when that is a trusted proxy — the
    nearest address in X-Forwarded-For that is not itself a trusted proxy (entries further left are the client's own
    claims and are not believed)."""
    if not forwarded_for or not _trusted(peer, trusted):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
