"""Saved data, apart from the rules: the case log (caselog)."""
