#!/usr/bin/env python
"""Django's command-line utility, reporting a configuration mistake in one line."""

import os
import sys

# Commands that read no data: they use an embedded server that is running but never start one.
NO_DATA_COMMANDS = {"check", "makemigrations"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartrecovery.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

    from smartrecovery.embedded_db import server

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    asks_for_data = any(arg.startswith("--database") for arg in sys.argv)
    if command in NO_DATA_COMMANDS and not asks_for_data:
        server.use_only_a_running_server()
    # runserver's reloader never connects, but restarts its child on each change and kills it
    # on Ctrl-C: counted as a user, it keeps the server between children and stops it after.
    reloader = os.environ.get(DJANGO_AUTORELOAD_ENV) != "true" and "--noreload" not in sys.argv
    try:
        if command == "runserver" and reloader:
            server.join_from_settings()
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuration error: {exc}")
    except server.ServerError as exc:
        sys.exit(f"Database error: {exc}")


if __name__ == "__main__":
    main()
