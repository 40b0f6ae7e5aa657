"""A private MariaDB server for tests: its own datadir, port and socket, started, stopped,
killed and started again at will; two of them make a GTID primary/replica pair.

    primary, replica = start_pair(tmp_dir)          # ~4 s: one install, the copy, two starts
    primary.execute("CREATE DATABASE zw")
    replica.wait_for(primary)                       # the replica applied everything
    replica.stop(); replica.start()                 # replication resumes by itself

Root connects over TCP from 127.0.0.1 without a password (the datadir is the test's own).
`available()` says whether mariadb-install-db and mariadbd are installed; tests call
`tests.conftest.service_missing` when they are not (a skip, or a failure under
ZW_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pymysql

SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
# Small and quick to start: these servers hold a test's few rows.
BASE_OPTIONS = (
    "--skip-name-resolve",
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=16M",
    "--max-connections=200",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
)


def binary(name: str) -> str | None:
    return shutil.which(name, path=SEARCH_PATH)


def available() -> bool:
    """Whether this machine can start a private MariaDB (server and installer present)."""
    return binary("mariadbd") is not None and binary("mariadb-install-db") is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateMariaDB:
    """One mariadbd of the test's own. `binlog=True` makes it a primary (log-bin, ROW, GTID
    strict mode); `extra` options are appended to its command line."""

    def __init__(
        self,
        directory: Path,
        *,
        server_id: int = 1,
        binlog: bool = True,
        port: int | None = None,
        extra: tuple[str, ...] = (),
    ) -> None:
        self.directory = directory
        self.datadir = directory / "data"
        self.server_id = server_id
        self.binlog = binlog
        self.port = port or free_port()
        self.extra = extra
        # Unix socket paths are limited to ~107 bytes: a short one outside the test's tmp dir.
        self.socket = Path(tempfile.gettempdir()) / f"zw-mariadb-{self.port}.sock"
        self.process: subprocess.Popen[bytes] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def install(self) -> None:
        """A fresh datadir (mariadb-install-db: ~3 s)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        installer = binary("mariadb-install-db")
        if installer is None:
            raise FileNotFoundError("mariadb-install-db is not installed")
        command = [installer, "--no-defaults", f"--datadir={self.datadir}"]
        command += ["--auth-root-authentication-method=normal", "--skip-test-db"]
        command += ["--skip-name-resolve", *self._user_option()]
        for _attempt in (1, 2):  # once more on a failure (seen once on a loaded machine)
            done = subprocess.run(command, capture_output=True, check=False, timeout=120)
            if done.returncode == 0:
                return
            shutil.rmtree(self.datadir, ignore_errors=True)
        output = (done.stdout + done.stderr).decode(errors="replace")
        raise RuntimeError(f"mariadb-install-db failed twice: {output[-2000:]}")

    def copy_datadir_from(self, other: PrivateMariaDB) -> None:
        """Start from another server's datadir (installed, never started: same empty state)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.copytree(other.datadir, self.datadir, symlinks=True)

    def command(self) -> list[str]:
        server = binary("mariadbd")
        if server is None:
            raise FileNotFoundError("mariadbd is not installed")
        command = [server, "--no-defaults", *self._user_option(), f"--datadir={self.datadir}"]
        command += [f"--port={self.port}", "--bind-address=127.0.0.1", f"--socket={self.socket}"]
        command += [f"--pid-file={self.directory / 'mariadbd.pid'}"]
        command += [f"--log-error={self.log_path}", f"--server-id={self.server_id}"]
        command += ["--gtid-strict-mode=1", *BASE_OPTIONS]
        if self.binlog:
            command += ["--log-bin=mariadb-bin", "--binlog-format=ROW"]
        return [*command, *self.extra]

    @property
    def log_path(self) -> Path:
        return self.directory / "error.log"

    def launch(self) -> None:
        """Start mariadbd without waiting (see `wait_ready`): two servers start side by side."""
        if self.running():
            return
        self.process = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def start(self, timeout: float = 30.0) -> None:
        self.launch()
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"mariadbd exited at start: {self._log_tail()}")
            try:
                self.execute("SELECT 1")
                return
            except pymysql.MySQLError:
                time.sleep(0.05)
        raise RuntimeError(f"mariadbd did not answer within {timeout} s: {self._log_tail()}")

    def stop(self, timeout: float = 30.0) -> None:
        """A clean shutdown (SIGTERM: InnoDB flushes, the replica saves its position)."""
        self._signal(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Stop as a crash would (SIGKILL): InnoDB recovers at the next start."""
        self._signal(signal.SIGKILL, 30.0)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _signal(self, which: signal.Signals, timeout: float) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(which)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    # -- SQL ---------------------------------------------------------------------------------

    def connect(self, database: str | None = None, **options: Any) -> pymysql.Connection[Any]:
        return pymysql.connect(
            host="127.0.0.1",
            port=self.port,
            user="root",
            database=database,
            autocommit=True,
            connect_timeout=2,
            **options,
        )

    def execute(self, *statements: str, database: str | None = None) -> list[tuple[Any, ...]]:
        """Run the statements on one connection; the rows of the last one."""
        rows: list[tuple[Any, ...]] = []
        connection = self.connect(database)
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                    rows = list(cursor.fetchall())
        finally:
            connection.close()
        return rows

    def url(self, database: str, driver: str = "pymysql") -> str:
        return f"mysql+{driver}://root@127.0.0.1:{self.port}/{database}"

    # -- replication -------------------------------------------------------------------------

    def replicate_from(self, primary: PrivateMariaDB) -> None:
        """Become a replica of `primary` by GTID, from the beginning of its binlog."""
        self.execute(
            "STOP SLAVE",
            "RESET SLAVE ALL",
            f"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={primary.port}, "
            "MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, "
            "MASTER_CONNECT_RETRY=1",
            "START SLAVE",
        )

    def status(self) -> dict[str, Any]:
        """SHOW SLAVE STATUS as a dict ({} on a server that replicates from nobody)."""
        connection = self.connect()
        try:
            with connection.cursor(pymysql.cursors.DictCursor) as cursor:
                cursor.execute("SHOW SLAVE STATUS")
                row = cursor.fetchone()
        finally:
            connection.close()
        return dict(row) if row else {}

    def wait_for(self, primary: PrivateMariaDB, timeout: float = 10.0) -> None:
        """Wait until this replica has applied everything the primary has written so far."""
        position = primary.execute("SELECT @@gtid_binlog_pos")[0][0]
        waited = self.execute(f"SELECT MASTER_GTID_WAIT('{position}', {timeout})")[0][0]
        if waited != 0:
            raise RuntimeError(f"the replica did not reach {position}: {self.status()}")

    # -- helpers -----------------------------------------------------------------------------

    def _user_option(self) -> list[str]:
        # mariadbd refuses to run as root unless told to; elsewhere the option is not needed.
        return [f"--user={getpass.getuser()}"] if os.geteuid() == 0 else []

    def _log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no error log)"


def start_pair(directory: Path, *, extra: tuple[str, ...] = ()) -> tuple[PrivateMariaDB, ...]:
    """A primary and its GTID replica under `directory`, both answering, replication running.

    One mariadb-install-db, the replica's datadir copied from it before either starts (same
    empty state, no snapshot to load), then both start side by side."""
    primary = PrivateMariaDB(directory / "primary", server_id=1, extra=extra)
    replica = PrivateMariaDB(
        directory / "replica", server_id=2, binlog=False, extra=("--read-only=1", *extra)
    )
    primary.install()
    replica.copy_datadir_from(primary)
    primary.launch()
    replica.launch()
    try:
        primary.wait_ready()
        replica.wait_ready()
        replica.replicate_from(primary)
    except BaseException:
        replica.kill()
        primary.kill()
        raise
    return primary, replica
