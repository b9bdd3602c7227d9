"""A database backend for the embedded PostgreSQL: Django's own, which starts the server first.

Settings name it with ``"ENGINE": "smartrecovery.embedded_db"`` and the data folder under
``"DATA_DIR"`` (smartrecovery/database.py). Nothing starts on import: the server starts, or is
reused, on a process's first connection (server.py).
"""
