from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import client

from smartrecovery.embedded_db.server import binaries


class DatabaseClient(client.DatabaseClient):
    """``manage.py dbshell``: the package's psql, on the embedded server's socket."""

    def settings_to_cmd_args_env(
        self, settings_dict: dict[str, Any], parameters: list[str]
    ) -> tuple[list[str], dict[str, str] | None]:
        address = self.connection.server_address()
        args, env = super().settings_to_cmd_args_env(
            {**settings_dict, "HOST": address.socket_dir, "PORT": address.port}, parameters
        )
        return [str(binaries() / "psql"), *args[1:]], env
