"""Real-browser tests of the Voilà dashboards (pytest -m browser)."""
