"""Alembic environment of lmcore's database: run on the connection lmcore opened (lmcore.storage.database), inside
its transaction; batch mode so SQLite can alter tables."""
from __future__ import annotations

from alembic import context

from lmcore.storage.database import METADATA, VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=METADATA, version_table=VERSION_TABLE,
                  render_as_batch=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
