"""Start the real mesh (`healthmesh up`) as a subprocess on free ports, for integration tests."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_block(size: int = 25) -> int:
    for _ in range(200):
        base = random.randrange(20000, 40000)
        if all(_free(base + i) for i in range(size)):
            return base
    raise RuntimeError("no free block of ports")


@dataclass
class RunningMesh:
    process: subprocess.Popen
    port: int
    state_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def state(self) -> dict:
        return json.loads((self.state_dir / "run" / "mesh.json").read_text())

    def pid(self, service: str) -> int:
        return self.state()["pids"][service]

    def post(self, path: str, body, timeout: float = 10.0) -> tuple[int, dict | str]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method="POST",
                                     headers={"content-type": "application/json"})
        return _send(req, timeout)

    def get(self, path: str, timeout: float = 10.0) -> tuple[int, dict | str]:
        return _send(urllib.request.Request(self.url + path), timeout)

    def stream(self, path: str, body: dict, timeout: float = 10.0) -> list[dict]:
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return [json.loads(line) for line in resp.read().decode().splitlines() if line.strip()]

    def log(self, service: str) -> str:
        path = self.state_dir / "logs" / f"{service}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _send(req: urllib.request.Request, timeout: float) -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode()
            status = resp.status
    except urllib.error.HTTPError as err:
        raw = err.read().decode()
        status = err.code
    try:
        return status, json.loads(raw)
    except json.JSONDecodeError:
        return status, raw


def _diagnostics(state_dir: Path) -> str:
    parts = [(state_dir / "up.log").read_text(errors="replace")]
    for log in sorted((state_dir / "logs").glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-8:]
        parts.append(f"--- {log.name}\n" + "\n".join(tail))
    return "\n".join(parts)


def start_mesh(state_dir: Path, extra_env: dict[str, str] | None = None, timeout: float = 180.0,
               process_env: dict[str, dict[str, str]] | None = None) -> RunningMesh:
    """`extra_env` goes to every process; `process_env` {process: {KEY: VALUE}} to one each."""
    base = free_port_block()
    port = base + 24
    env = dict(os.environ)
    env.update(extra_env or {})
    argv = [sys.executable, "-m", "healthmesh.cli", "up", "--port", str(port), "--base-port", str(base),
            "--state-dir", str(state_dir)]
    if os.environ.get("HEALTHMESH_TEST_DATABASE_URL"):
        argv += ["--database-url", os.environ["HEALTHMESH_TEST_DATABASE_URL"]]
    if os.environ.get("HEALTHMESH_TEST_REDIS_URL"):
        argv += ["--redis-url", os.environ["HEALTHMESH_TEST_REDIS_URL"]]
    for name, variables in (process_env or {}).items():
        argv += [f"--process-env={name}={key}={value}" for key, value in variables.items()]
    log = open(state_dir / "up.log", "wb")
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    mesh = RunningMesh(process, port, state_dir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"healthmesh up exited early:\n{_diagnostics(state_dir)}")
        if b"Press Ctrl-C to stop" in (state_dir / "up.log").read_bytes():
            return mesh
        time.sleep(0.3)
    stop_mesh(mesh)
    raise RuntimeError(f"mesh not up after {timeout} s:\n{_diagnostics(state_dir)}")


def stop_mesh(mesh: RunningMesh) -> None:
    if mesh.process.poll() is None:
        mesh.process.send_signal(signal.SIGTERM)
        try:
            mesh.process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(mesh.process.pid, signal.SIGKILL)
            mesh.process.wait()
