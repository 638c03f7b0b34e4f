"""The partnership dashboard (notebooks/partnership.ipynb): `page` (the app, its headline and tabs), `records` (the
forum tracker and the PDI log, stored), `report` (the annual report, stored), `practice` (self-assessment, history), `charts`."""
from .page import PartnershipApp, build_app, headline_html, prepare

__all__ = ["PartnershipApp", "build_app", "headline_html", "prepare"]
