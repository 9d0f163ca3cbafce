"""A durable local spool for session records: written and fsynced before the answer goes out.

PostgreSQL can be down, slow or restarting; the gateway can be SIGKILLed. Neither may lose a
session that was answered. So every record is first appended to a local file and fsynced (group
commit: whatever arrived while the previous fsync ran goes in the next one, so under load one
fsync covers many answers), and only then handed to the database writer, in file order. The
writer advances a committed offset once a record is in PostgreSQL; at start the records after
that offset are read back and written again, in order. A stale offset (a crash between the insert
and the offset write) only means a record is inserted twice, which the ON CONFLICT DO NOTHING
inserts make harmless, so the offset file is replaced atomically but not fsynced, and rewritten at
most every COMMIT_WRITE_SECONDS (plus at close and when a segment is finished), not once per
database batch.

Layout of the directory (one gateway process per directory, held by an flock):
    segment-000000000001.log   lines `<crc32 hex> <json>\\n`, append-only, rotated at segment_bytes
    committed.json             {"segment": n, "offset": bytes}: everything before it is in PostgreSQL
    dead-letter.log            records PostgreSQL rejected (kept, counted, never silently dropped)
    lock                       flock held while the gateway runs

A line whose CRC does not match is a torn write: at the tail of the last segment it was never
acknowledged (the answer waits for the fsync) and is cut off; anywhere else it is counted in
healthmesh_outbox_corrupt_records_total.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from prometheus_client import Counter, Histogram

from healthmesh import jsontext

log = logging.getLogger(__name__)

OUTBOX_APPENDS = Counter("healthmesh_outbox_appends_total", "Session records made durable in the local outbox")
OUTBOX_WRITE_FAILURES = Counter(
    "healthmesh_outbox_write_failures_total",
    "Session records that could not be written to the local outbox (kept in memory only)")
OUTBOX_CORRUPT = Counter("healthmesh_outbox_corrupt_records_total",
                         "Outbox records found unreadable at recovery (lost)")
OUTBOX_RECOVERED = Counter("healthmesh_outbox_recovered_total",
                           "Records read back from the outbox at start, not yet in PostgreSQL")
OUTBOX_DEAD_LETTERS = Counter("healthmesh_outbox_dead_letters_total",
                              "Records PostgreSQL rejected, kept in dead-letter.log")
OUTBOX_FSYNC = Histogram("healthmesh_outbox_fsync_seconds", "Write + fsync time of one outbox batch",
                         buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0))

DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024
MAX_BATCH = 512
COMMIT_WRITE_SECONDS = 0.1


@dataclass(frozen=True, order=True)
class Position:
    """Where a record ends: committing it means every byte before it is in PostgreSQL."""

    segment: int
    offset: int


def encode(payload: dict | bytes) -> bytes:
    """One line; `payload` is a dict or its JSON already encoded (UTF-8, no newline: JSON escapes
    newlines in strings, and no other byte of UTF-8 text is 0x0A)."""
    if isinstance(payload, bytes):
        body = payload
    else:
        body = jsontext.dumps(payload).encode()
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode(line: bytes) -> dict | None:
    """The payload of one line (without its newline), or None if it is torn or corrupt."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        return json.loads(body)
    except ValueError:
        return None


class OutboxClosed(Exception):
    pass


class Outbox:
    def __init__(self, directory: Path | str, fsync: bool = True, segment_bytes: int = DEFAULT_SEGMENT_BYTES):
        self.directory = Path(directory)
        self.fsync = fsync
        self.segment_bytes = segment_bytes
        self._lock_fd: int | None = None
        self._fd: int | None = None
        self._segment = 0
        self._offset = 0
        self._committed = self._committed_on_disk = Position(0, 0)
        self._committed_written_at = float("-inf")
        self._queue: asyncio.Queue[tuple[dict | bytes, asyncio.Future, object] | None] = asyncio.Queue()
        self._writer: asyncio.Task | None = None
        self._on_durable: Callable[[object, Position], None] | None = None

    # --- opening and recovery -------------------------------------------------------------------

    def segment_path(self, n: int) -> Path:
        return self.directory / f"segment-{n:012d}.log"

    def _segments(self) -> list[int]:
        return sorted(int(p.name[8:20]) for p in self.directory.glob("segment-*.log"))

    def open(self, on_durable: Callable[[object, Position], None]) -> list[tuple[dict, Position]]:
        """Lock the directory and return the records not yet committed, in order.

        `on_durable(tag, position)` is then called, in file order, for every record appended
        from now on, as soon as it is on disk: before `append` returns to its caller, and even if
        that caller was cancelled meanwhile (the record is on disk, so it must reach PostgreSQL).
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(self.directory / "lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(f"outbox {self.directory} is in use by another gateway process") from None
        self._committed = self._committed_on_disk = self._read_committed()
        pending = self._recover()
        segments = self._segments()
        self._segment = segments[-1] if segments else max(self._committed.segment, 1)
        self._open_segment(self._segment)
        self._on_durable = on_durable
        self._writer = asyncio.get_running_loop().create_task(self._write_loop(), name="outbox-writer")
        OUTBOX_RECOVERED.inc(len(pending))
        if pending:
            log.info("outbox recovered", extra={"records": len(pending)})
        return pending

    def _read_committed(self) -> Position:
        try:
            raw = json.loads((self.directory / "committed.json").read_text())
            return Position(int(raw["segment"]), int(raw["offset"]))
        except FileNotFoundError:
            return Position(0, 0)
        except (ValueError, KeyError, TypeError):
            log.error("outbox committed offset unreadable; replaying every segment")
            return Position(0, 0)

    def _recover(self) -> list[tuple[dict, Position]]:
        pending: list[tuple[dict, Position]] = []
        segments = self._segments()
        for n in segments:
            if n < self._committed.segment:
                continue
            path = self.segment_path(n)
            data = path.read_bytes()
            start = self._committed.offset if n == self._committed.segment else 0
            start = min(start, len(data))
            pos = start
            last = n == segments[-1]
            while pos < len(data):
                end = data.find(b"\n", pos)
                if end == -1:  # no newline: a write cut short
                    if last:
                        os.truncate(path, pos)
                        log.warning("outbox torn tail cut", extra={"segment": n, "bytes": len(data) - pos})
                    else:
                        OUTBOX_CORRUPT.inc()
                    break
                payload = decode(data[pos:end])
                if payload is None:
                    if last and end + 1 == len(data):
                        os.truncate(path, pos)  # the final line is torn: it was never acknowledged
                        log.warning("outbox torn tail cut", extra={"segment": n})
                        break
                    OUTBOX_CORRUPT.inc()
                    log.error("outbox record corrupt", extra={"segment": n, "offset": pos})
                else:
                    pending.append((payload, Position(n, end + 1)))
                pos = end + 1
        return pending

    def _open_segment(self, n: int) -> None:
        if self._fd is not None:
            os.close(self._fd)
        path = self.segment_path(n)
        created = not path.exists()
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._segment = n
        self._offset = os.fstat(self._fd).st_size
        if created and self.fsync:
            dir_fd = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)  # the new file's name must survive a crash too
            finally:
                os.close(dir_fd)

    # --- appending ------------------------------------------------------------------------------

    async def append(self, payload: dict | bytes, tag: object = None) -> Position:
        """Durably append one record; returns once it is fsynced (raises OSError if it could not be).

        `tag` is what `on_durable` receives for this record (the caller's own object)."""
        if self._writer is None or self._writer.done():
            raise OutboxClosed("outbox is not open")
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((payload, future, tag))
        return await future

    async def _write_loop(self) -> None:
        while True:
            item = await self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                nxt = self._queue.get_nowait()
                if nxt is None:
                    self._queue.put_nowait(None)
                    break
                batch.append(nxt)
            encoded = []
            for payload, future, tag in batch:
                try:
                    encoded.append((encode(payload), future, tag))
                except (TypeError, ValueError) as exc:
                    OUTBOX_WRITE_FAILURES.inc()
                    if not future.done():
                        future.set_exception(exc)
            if not encoded:
                continue
            try:
                positions = await asyncio.to_thread(self._write_batch, [line for line, _, _ in encoded])
            except OSError as exc:
                OUTBOX_WRITE_FAILURES.inc(len(encoded))
                log.error("outbox write failed", extra={"error": repr(exc), "records": len(encoded)})
                for _, future, _ in encoded:
                    if not future.done():
                        future.set_exception(exc)
                continue
            # The waiting answers are woken first, so each goes out before the database writer that
            # on_durable wakes starts encoding its batch on this loop: 0.49 -> 0.11 ms from the
            # fsync to the answer at one client (bench/README.md). on_durable still runs before
            # any of them resumes.
            for (_, future, _), position in zip(encoded, positions):
                if not future.done():
                    future.set_result(position)
            for (_, _, tag), position in zip(encoded, positions):
                OUTBOX_APPENDS.inc()
                if self._on_durable is not None:
                    self._on_durable(tag, position)

    def _write_batch(self, lines: list[bytes]) -> list[Position]:
        """Runs in a thread: rotate if due, write, fsync. On failure cut the file back."""
        started = time.perf_counter()
        if self._offset >= self.segment_bytes:
            self._open_segment(self._segment + 1)
        assert self._fd is not None
        positions = []
        offset = self._offset
        for line in lines:
            offset += len(line)
            positions.append(Position(self._segment, offset))
        data = b"".join(lines)
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            if self.fsync:
                os.fdatasync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, self._offset)
            except OSError:
                pass
            raise
        self._offset = offset
        OUTBOX_FSYNC.observe(time.perf_counter() - started)
        return positions

    # --- committing -----------------------------------------------------------------------------

    @property
    def committed(self) -> Position:
        return self._committed

    def commit(self, position: Position) -> None:
        """Everything up to `position` is in PostgreSQL: move the offset, drop finished segments."""
        if position <= self._committed:
            return
        previous, self._committed = self._committed, position
        if position.segment == previous.segment:
            # No segment finished. The offset file is rewritten at most every COMMIT_WRITE_SECONDS
            # (and at close) instead of once per database batch: a stale one only re-inserts.
            if time.monotonic() - self._committed_written_at >= COMMIT_WRITE_SECONDS:
                self._write_committed()
            return
        self._write_committed()
        for n in self._segments():
            if n < position.segment:
                try:
                    self.segment_path(n).unlink()
                except FileNotFoundError:
                    pass

    def _write_committed(self) -> None:
        tmp = self.directory / "committed.json.tmp"
        tmp.write_text(json.dumps({"segment": self._committed.segment, "offset": self._committed.offset}))
        os.replace(tmp, self.directory / "committed.json")
        self._committed_written_at = time.monotonic()
        self._committed_on_disk = self._committed

    def dead_letter(self, payload: dict, reason: str) -> None:
        OUTBOX_DEAD_LETTERS.inc()
        with open(self.directory / "dead-letter.log", "ab") as f:
            f.write(encode({"reason": reason, "record": payload}))

    async def close(self) -> None:
        if self._writer is not None and not self._writer.done():
            self._queue.put_nowait(None)
            try:
                await asyncio.wait_for(self._writer, 5)
            except asyncio.TimeoutError:
                self._writer.cancel()
        if self._committed != self._committed_on_disk:
            try:
                self._write_committed()
            except OSError as exc:  # a stale offset only re-inserts, harmlessly
                log.warning("outbox commit failed", extra={"error": repr(exc)})
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
