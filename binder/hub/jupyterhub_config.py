"""JupyterHub settings for a training room or an agency: every person gets their own server that opens on the
lmcore landing page in Voilà; the dashboards run in that person's own kernels and home folder.

Use as The Littlest JupyterHub (TLJH) drop-in: copy to /opt/tljh/config/jupyterhub_config.d/lmcore.py and run
`sudo tljh-config reload`. With a plain JupyterHub, append it to jupyterhub_config.py. See README.md here.
Values that depend on the machine (memory, CPU, how many users) come from the sizing in README.md.
"""
import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

# Where the project is installed for everyone (a read-only checkout, `pip install -e '.[dashboards]'` into the
# user environment): the notebooks are served from here; each person's files stay in their own home folder.
LMCORE_HOME = os.environ.get("LMCORE_HOME", "/opt/lmcore")
# The name(s) people type to reach the hub, e.g. "dashboards.agency.gov": each person's server answers only to these
# and to 127.0.0.1/localhost (lmcore/server: a foreign Host gets 403, against DNS rebinding). Set it here or in the
# hub's environment (LMCORE_ALLOWED_HOSTS=name1,name2); with none given, only local addresses work.
LMCORE_ALLOWED_HOSTS = os.environ.get("LMCORE_ALLOWED_HOSTS", "")

# Open straight on the landing page (a Voilà page, sources stripped, no code cells shown).
c.Spawner.default_url = "/voila/render/notebooks/index.ipynb"
c.Spawner.notebook_dir = LMCORE_HOME
c.Spawner.environment = {
    # the project's Voilà template ("lmcore": no CDN, one stylesheet) ...
    "JUPYTER_PATH": f"{LMCORE_HOME}/lmcore/ui/jupyter_data",
    # ... its voila.json (sources stripped, no tracebacks, which files may be served), read by Voilà from the
    # Jupyter config path (the checkout's root), and the server settings Binder uses too (binder/jupyter_config:
    # MathJax from the page bundle, not a CDN; a kernel whose page is gone stopped after 90 s idle)
    "JUPYTER_CONFIG_PATH": f"{LMCORE_HOME}:{LMCORE_HOME}/binder/jupyter_config",
    # binder/jupyter_config also loads the lmcore.server extension: v1-only kernel websocket with checked frames, a
    # page from another site starts no kernel, a cap on kernels (below), kernels over Unix sockets, a kernel whose
    # page is gone stopped after 90 s idle. The Host allow-list:
    "LMCORE_ALLOWED_HOSTS": LMCORE_ALLOWED_HOSTS,
}
# The steward's case log (lmcore/caselog.py) is one SQLite file per person: with no LMCORE_CASELOG set it lives in
# the person's own home folder (~/.local/share/lmcore/cases.sqlite), which TLJH and local spawners give each user.
# voila.json refuses .sqlite and hidden paths through /voila/files, so nobody can download another's log.
# A dashboards-only server: no terminals, and no JupyterLab front end (people use the Voilà pages).
c.Spawner.args = [
    "--ServerApp.terminals_enabled=False",
    "--ServerApp.jpserver_extensions={'jupyterlab': False, 'notebook': False, 'jupyter_lsp': False, 'jupyter_server_terminals': False, "
    "'voila': True, 'lmcore.server': True}",
    # At most 5 dashboard kernels per person (the 6th page says "busy, close a tab"): the server (125 MB) and five
    # kernels of 135 MB (a landing page is 42) are 800 MB at most, inside the 1 GB limit below. Without this the cap
    # is three quarters of MEM_LIMIT at 130 MB per kernel: 4.
    "--LmcoreServer.max_kernels=5",
]

# One person's server: the Jupyter server plus the dashboard kernels of the pages they have open
# (README.md, "Sizing": 0.7 GB covers three open dashboards; 1 GB leaves room for five).
c.Spawner.mem_limit = "1G"
c.Spawner.mem_guarantee = "512M"
c.Spawner.cpu_limit = 1.0
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60

# Free the memory of people who left: a page's kernel is shut down when its tab closes; a whole server after
# 30 minutes without activity (TLJH runs the idle culler itself: `sudo tljh-config set services.cull.timeout 1800`).
c.JupyterHub.services = [
    {"name": "idle-culler", "command": ["python3", "-m", "jupyterhub_idle_culler", "--timeout=1800", "--cull-every=300"]},
] if os.environ.get("LMCORE_HUB_CULLER", "1") == "1" else []
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
] if c.JupyterHub.services else []
