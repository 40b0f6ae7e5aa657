"""A redis-server of a test's own, on a free port and its own directory, stopped and started at
will (fault drills, restarts from the AOF). Never the shared Redis on 6379."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from tests.conftest import service_missing
from tests.served import free_port


class PrivateRedis:
    """A redis-server of this test's own (AOF on, everysec), stopped and started at will; the
    port stays the same across restarts, so clients configured with `url` find it again."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def db_url(self, number: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{number}"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.directory), "--appendonly", "yes", "--save", ""]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        pytest.fail("the private redis-server did not start")

    def kill(self, flush: bool = True) -> None:
        """Stop as a crash would (SIGKILL); with `flush`, after the AOF has the writes
        (appendfsync everysec), as a restart from the AOF then sees them."""
        if flush:
            redis.Redis(port=self.port).execute_command("BGREWRITEAOF")
            time.sleep(1.2)
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def private_redis(directory: Path) -> Iterator[PrivateRedis]:
    """A started PrivateRedis in `directory`, always stopped; skips (or fails under
    ZW_REQUIRE_SERVICES=1) when redis-server is not installed."""
    if shutil.which("redis-server") is None:
        service_missing("redis-server", FileNotFoundError("redis-server is not installed"))
    server = PrivateRedis(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
