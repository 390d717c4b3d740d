"""Alembic migrations of the index and run database, applied by ``storage.db.Database.migrate``.

A package (rather than a plain directory) so that ``env.py`` ships with the wheel. There is no
``alembic.ini``: ``storage.db.alembic_config`` builds the configuration in code.
"""
