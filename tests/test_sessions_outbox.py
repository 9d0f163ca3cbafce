"""The local outbox on its own: durable order, committed offset, torn tails, rotation, failures."""

from __future__ import annotations

import asyncio
import os

import pytest

from gateway import outbox as outbox_module
from gateway.outbox import OUTBOX_CORRUPT, OUTBOX_WRITE_FAILURES, Outbox, Position, decode, encode


def records(n: int, start: int = 0) -> list[dict]:
    return [{"n": i, "text": f"record {i} \u00e9\u2603"} for i in range(start, start + n)]


async def fill(directory, payloads, **kwargs) -> tuple[Outbox, list, list]:
    box = Outbox(directory, **kwargs)
    delivered = []
    recovered = box.open(lambda tag, pos: delivered.append((tag, pos)))
    positions = [await box.append(p, p["n"]) for p in payloads]
    return box, recovered, positions


def test_line_format_round_trips_and_detects_damage():
    line = encode({"a": "b\u0000c"})
    assert decode(line[:-1]) == {"a": "b\u0000c"}
    assert decode(line[:-5]) is None  # torn
    assert decode(b"0" + line[1:-1]) is None  # bad checksum


async def test_appended_records_come_back_in_order_until_committed(tmp_path):
    box, recovered, positions = await fill(tmp_path, records(5))
    assert recovered == [] and positions == sorted(positions)
    box.commit(positions[1])
    await box.close()

    box2 = Outbox(tmp_path)
    again = box2.open(lambda *_: None)
    assert [p["n"] for p, _ in again] == [2, 3, 4]
    assert [pos for _, pos in again] == positions[2:]
    await box2.close()


async def test_on_durable_sees_every_record_in_order_even_if_the_caller_gave_up(tmp_path):
    box = Outbox(tmp_path)
    delivered = []
    box.open(lambda tag, pos: delivered.append(tag))
    tasks = [asyncio.create_task(box.append(p, p["n"])) for p in records(50)]
    await asyncio.sleep(0)
    tasks[10].cancel()  # the RPC was cancelled; the record is on disk all the same
    await asyncio.gather(*tasks, return_exceptions=True)
    await box.close()
    assert delivered == list(range(50))


async def test_a_torn_tail_is_cut_and_appending_goes_on(tmp_path):
    box, _, positions = await fill(tmp_path, records(3))
    await box.close()
    with open(box.segment_path(positions[-1].segment), "ab") as f:
        f.write(encode({"n": 99})[:-7])  # a crash in the middle of a write
    box2, recovered, more = await fill(tmp_path, records(1, start=3))
    assert [p["n"] for p, _ in recovered] == [0, 1, 2]
    await box2.close()
    box3 = Outbox(tmp_path)
    assert [p["n"] for p, _ in box3.open(lambda *_: None)] == [0, 1, 2, 3]
    await box3.close()


async def test_a_corrupt_record_in_an_older_segment_is_counted_not_fatal(tmp_path):
    box, _, positions = await fill(tmp_path, records(6), segment_bytes=150)
    await box.close()
    first = box.segment_path(positions[0].segment)
    assert positions[-1].segment > positions[0].segment  # rotated
    data = bytearray(first.read_bytes())
    data[12] ^= 0x01
    first.write_bytes(bytes(data))
    before = OUTBOX_CORRUPT._value.get()
    box2 = Outbox(tmp_path, segment_bytes=150)
    recovered = box2.open(lambda *_: None)
    assert OUTBOX_CORRUPT._value.get() == before + 1
    assert [p["n"] for p, _ in recovered] == [1, 2, 3, 4, 5]
    await box2.close()


async def test_commit_deletes_finished_segments(tmp_path):
    box, _, positions = await fill(tmp_path, records(15), segment_bytes=200)
    segments = sorted(tmp_path.glob("segment-*.log"))
    assert len(segments) > 2
    box.commit(positions[-1])
    assert sorted(tmp_path.glob("segment-*.log")) == [box.segment_path(positions[-1].segment)]
    box.commit(Position(0, 0))  # never backwards
    assert box.committed == positions[-1]
    await box.close()


async def test_one_process_per_directory(tmp_path):
    box = Outbox(tmp_path)
    box.open(lambda *_: None)
    with pytest.raises(SystemExit):
        Outbox(tmp_path).open(lambda *_: None)
    await box.close()


async def test_a_failed_write_is_counted_cut_back_and_the_next_one_works(tmp_path, monkeypatch):
    box, _, positions = await fill(tmp_path, records(2))
    real_write = os.write
    failures = OUTBOX_WRITE_FAILURES._value.get()

    def full_disk(fd, data):
        real_write(fd, bytes(data)[:5])  # a partial write, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outbox_module.os, "write", full_disk)
    with pytest.raises(OSError):
        await box.append({"n": 2}, 2)
    assert OUTBOX_WRITE_FAILURES._value.get() == failures + 1
    monkeypatch.setattr(outbox_module.os, "write", real_write)
    await box.append({"n": 3}, 3)
    await box.close()
    box2 = Outbox(tmp_path)
    assert [p["n"] for p, _ in box2.open(lambda *_: None)] == [0, 1, 3]
    await box2.close()


async def test_group_commit_batches_concurrent_appends(tmp_path):
    box = Outbox(tmp_path)
    box.open(lambda *_: None)
    syncs = 0
    real = os.fdatasync

    def counting(fd):
        nonlocal syncs
        syncs += 1
        real(fd)

    os_fdatasync = outbox_module.os.fdatasync
    outbox_module.os.fdatasync = counting
    try:
        await asyncio.gather(*(box.append(p) for p in records(200)))
    finally:
        outbox_module.os.fdatasync = os_fdatasync
    await box.close()
    assert 1 <= syncs < 50, syncs


async def test_an_offset_not_yet_written_is_written_at_close(tmp_path):
    box, _, positions = await fill(tmp_path, records(6))
    box.commit(positions[1])
    box.commit(positions[3])  # may be held back (offset writes are throttled) until close
    await box.close()

    box2 = Outbox(tmp_path)
    assert [p["n"] for p, _ in box2.open(lambda *_: None)] == [4, 5]
    await box2.close()
