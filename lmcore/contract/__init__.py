"""The contract as data: citations, the text tree, readings (interpretations and flaws), the schema of the files,
the federal law beside the contract, the rule book that counts deadlines (book) and its loading (loading).

This __init__ imports nothing: the foundation's values (deadlines, rulings) use the readings, and the rule book uses
them, so a re-export here would close a circle. `lmcore.load_contract()` is the front door."""
