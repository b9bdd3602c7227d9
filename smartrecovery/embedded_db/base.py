from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base
from django.utils.functional import cached_property

from smartrecovery.embedded_db import server
from smartrecovery.embedded_db.client import DatabaseClient
from smartrecovery.embedded_db.server import Address, EmbeddedServer


class DatabaseWrapper(base.DatabaseWrapper):
    """PostgreSQL on the embedded server, which the first connection starts or reuses."""

    client_class = DatabaseClient

    def server_address(self) -> Address:
        """Start or reuse the server (once per process) and return where it listens."""
        return EmbeddedServer.in_folder(self.settings_dict["DATA_DIR"]).attach()

    @cached_property
    def pg_version(self) -> int:
        """The server's version, known from the package's programs without starting the server.

        Django's system checks ask it (for generated fields), and ``manage.py check`` must start
        no server.
        """
        return server.version()

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        address = self.server_address()
        params["host"] = address.socket_dir
        params["port"] = address.port
        return params
