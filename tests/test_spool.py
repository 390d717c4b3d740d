"""Spool recovery: crashed ``.open`` files are cut back to their last complete record."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storage.spool import Spool, SpoolFileInUseError, read_warcinfo
from storage.warcreader import CorruptRecordError, iter_records
from storage.warcwriter import ClosedWarc, RotatingWarcWriter
from tests.test_warcwriter import WARCINFO, assert_warcio_accepts, make_exchange

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def finished_warc(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[int], str]:
    """A complete file: its bytes, the end offset of every record, and its name."""
    closed: list[ClosedWarc] = []
    spool = tmp_path_factory.mktemp("source")
    with RotatingWarcWriter(
        spool, prefix="news-example", host="h", warcinfo=WARCINFO, on_close=closed.append
    ) as writer:
        for n in range(4):
            writer.write_exchange(make_exchange(body=os.urandom(300 * n)))
    ends = [offset + length for offset, length, _ in iter_records(closed[0].path)]
    return closed[0].path.read_bytes(), ends, closed[0].name


def crashed_file(spool: Path, name: str, data: bytes) -> Path:
    spool.mkdir(exist_ok=True)
    path = spool / f"{name}.open"
    path.write_bytes(data)
    return path


def cut_points(ends: list[int]) -> list[int]:
    around_boundaries = {max(0, end + delta) for end in ends for delta in (-9, -1, 0, 1, 20)}
    arbitrary = random.Random(7).sample(range(ends[-1]), 40)
    return sorted(around_boundaries | set(arbitrary))


def test_recovery_keeps_exactly_the_complete_records_wherever_the_file_was_cut(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, ends, name = finished_warc
    for cut in cut_points(ends):
        spool = tmp_path / str(cut)
        crashed_file(spool, name, data[:cut])
        complete = [end for end in ends if end <= cut]

        recovered = Spool(spool).recover_all()

        if not complete:
            assert recovered == [] and list(spool.iterdir()) == [], cut
            continue
        [warc] = recovered
        assert warc.path == spool / name and list(spool.iterdir()) == [warc.path], cut
        assert (warc.records, warc.size) == (len(complete), complete[-1]), cut
        assert warc.path.read_bytes() == data[: complete[-1]], cut
        assert warc.sha256 == hashlib.sha256(data[: complete[-1]]).hexdigest(), cut


@pytest.mark.parametrize("where", ["inside the 2nd response", "in the last gzip trailer"])
def test_recovered_file_passes_warcio_check(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str], where: str
) -> None:
    data, ends, name = finished_warc
    cut = ends[3] + 100 if where == "inside the 2nd response" else ends[-1] - 3
    path = crashed_file(tmp_path, name, data[:cut])

    warc = Spool(tmp_path).recover(path)

    assert warc is not None and not path.exists()
    index = assert_warcio_accepts(warc.path)
    assert len(index) == warc.records == len([end for end in ends if end <= cut])
    assert read_warcinfo(warc.path)["run-id"] == "42"


def test_zeros_left_by_the_filesystem_are_cut_off(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, ends, name = finished_warc
    path = crashed_file(tmp_path, name, data + b"\0" * 4096)
    warc = Spool(tmp_path).recover(path)
    assert warc is not None and warc.path.read_bytes() == data and warc.records == len(ends)


def test_file_with_only_its_warcinfo_is_kept(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, ends, name = finished_warc
    path = crashed_file(tmp_path, name, data[: ends[0] + 50])
    warc = Spool(tmp_path).recover(path)
    assert warc is not None and warc.records == 1 and warc.size == ends[0]
    assert warc.first_date == warc.last_date


def test_empty_file_is_removed(tmp_path: Path) -> None:
    path = crashed_file(tmp_path, "p-20240501000000000-00001-h.warc.gz", b"")
    assert Spool(tmp_path).recover(path) is None
    assert not path.exists()


def test_file_of_a_live_writer_is_left_alone(tmp_path: Path) -> None:
    writer = RotatingWarcWriter(tmp_path, prefix="p", host="h", warcinfo={})
    writer.write_exchange(make_exchange())
    writer.flush()
    spool = Spool(tmp_path)
    [path] = spool.open_files()
    size = path.stat().st_size

    assert spool.recover_all() == []
    with pytest.raises(SpoolFileInUseError, match="running writer"):
        spool.recover(path)
    assert path.stat().st_size == size

    writer.close()
    assert spool.open_files() == [] and len(spool.closed_files()) == 1


def test_recover_all_closes_every_abandoned_file(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, ends, _ = finished_warc
    names = [f"p-2024050100000000{n}-00001-h.warc.gz" for n in range(3)]
    for n, name in enumerate(names):
        crashed_file(tmp_path, name, data[: ends[n + 1] + 5])
    (tmp_path / "already-closed.warc.gz").write_bytes(data)
    spool = Spool(tmp_path)

    recovered = spool.recover_all()

    assert [warc.name for warc in recovered] == names
    assert [warc.records for warc in recovered] == [2, 3, 4]
    assert spool.open_files() == []
    assert [p.name for p in spool.closed_files()] == ["already-closed.warc.gz", *names]


def test_recover_never_overwrites_and_rejects_other_files(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, _, name = finished_warc
    path = crashed_file(tmp_path, name, data[:-10])
    (tmp_path / name).write_bytes(b"someone else's file")
    with pytest.raises(FileExistsError, match="already exists"):
        Spool(tmp_path).recover(path)
    assert path.read_bytes() == data[:-10]
    with pytest.raises(ValueError, match=r"not an open WARC file"):
        Spool(tmp_path).recover(tmp_path / name)


def test_read_warcinfo_requires_a_leading_warcinfo_record(
    tmp_path: Path, finished_warc: tuple[bytes, list[int], str]
) -> None:
    data, ends, _ = finished_warc
    headless = tmp_path / "headless.warc.gz"
    headless.write_bytes(data[ends[0] :])
    with pytest.raises(CorruptRecordError, match="starts with a response record"):
        read_warcinfo(headless)
    fields = read_warcinfo(crashed_file(tmp_path, "x.warc.gz", data))
    assert {k: fields[k] for k in WARCINFO} == WARCINFO


def test_a_writer_killed_with_sigkill_leaves_a_recoverable_file(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, sys
        from storage.warcwriter import RotatingWarcWriter
        from tests.test_warcwriter import make_exchange
        writer = RotatingWarcWriter(sys.argv[1], prefix="p", host="h", warcinfo={})
        while True:
            writer.write_exchange(make_exchange(body=os.urandom(20_000)))
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script, tmp_path], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not any(p.stat().st_size > 300_000 for p in tmp_path.glob("*.open")):
            assert process.poll() is None, "writer exited early"
            assert time.monotonic() < deadline, "writer produced no data"
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    [warc] = Spool(tmp_path).recover_all()
    index = assert_warcio_accepts(warc.path)
    assert warc.records == len(index) >= 15
    assert warc.sha256 == hashlib.sha256(warc.path.read_bytes()).hexdigest()
