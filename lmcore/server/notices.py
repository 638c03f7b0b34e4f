"""The plain-words pages the server answers with instead of a dashboard: busy, opened from another site, a kernel
that failed, a host name it does not answer to. Self-contained HTML (no script, nothing fetched), read by stewards."""
from __future__ import annotations

from html import escape

from .capacity import Refusal

RETRY_AFTER_S = 60
_STYLE = ("body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}"
          "h1{font-size:1.5rem}a.lmcore-retry{display:inline-block;margin-top:.5rem;padding:.4rem 1rem;border:1px solid #1a5b9c;"
          "border-radius:4px;color:#1a5b9c;text-decoration:none}")


def page(title: str, paragraphs: list[str], link: tuple[str, str] | None = None, css_class: str = "lmcore-notice") -> str:
    """A whole HTML page: a heading, paragraphs of plain text and an optional link (url, words)."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="icon" href="data:;base64,="><style>{_STYLE}</style></head><body>{notice(title, paragraphs, link, css_class)}</body></html>')


def notice(title: str, paragraphs: list[str], link: tuple[str, str] | None = None, css_class: str = "lmcore-notice") -> str:
    """The message itself, a `role=alert` block (also written into a page that is already on its way)."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if link:
        body += f'<p><a class="lmcore-retry" href="{escape(link[0])}">{escape(link[1])}</a></p>'
    return f'<div class="{css_class}" role="alert"><h1>{escape(title)}</h1>{body}</div>'


def busy(refusal: Refusal, retry_url: str) -> str:
    if refusal.reason == "client":
        words = [f"This computer already has {refusal.limit} dashboard pages open on this server, the most one computer may have.",
                 "Close a dashboard tab you no longer need, then try again in a minute."]
    else:
        words = [f"The server is running as many dashboards as it has room for ({refusal.limit}).",
                 "Please try again in a minute: pages that were closed free their place within two minutes."]
    return page("The dashboards are busy", words, (retry_url, "Try again"), "lmcore-busy")


def cross_site(url: str, reason: str) -> str:
    return page("Open the dashboard", [f"This dashboard was not started, because {reason}.",
                                       ("Dashboards start only when they are opened from this server's own pages or "
                                        "typed into the address bar. If you meant to open it, use the link below.")],
                (url, "Open the dashboard"), "lmcore-cross-site")


FAILED_TITLE = "This page could not be prepared"


def kernel_failed_words() -> list[str]:
    return ["The program that works out this page's answers stopped before the page was ready.",
            "Please try again. If it happens again, tell whoever runs this server."]


def kernel_failed(url: str) -> str:
    return page(FAILED_TITLE, kernel_failed_words(), (url, "Try again"), "lmcore-kernel-failed")


def kernel_failed_inline(url: str) -> str:
    """Written into a page whose beginning (and spinner) the browser already has: close its hidden cell area, hide the
    spinner, show the message."""
    return ("</div></div><style>#loading{display:none!important}</style>"
            + notice(FAILED_TITLE, kernel_failed_words(), (url, "Try again"), "lmcore-kernel-failed") + "</body></html>")


FORBIDDEN_HOST = ("This server answers only to the addresses it was set up for (localhost, 127.0.0.1 and any names its "
                  "administrator added). Open it by one of those addresses.\n")
LEGACY_CHANNEL = "This server speaks only the v1 kernel websocket protocol (v1.kernel.websocket.jupyter.org).\n"
