"""Writes are atomic: a writer killed at any moment leaves the old file or the new one, whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reviewer.atomic import atomic_write_text

WRITER = """
import sys
from reviewer.atomic import atomic_write_text
path = sys.argv[1]
i = 0
while True:
    ch = "AB"[i % 2]
    atomic_write_text(path, ch * 3_000_000)
    i += 1
"""


def test_write_replaces_whole_file(tmp_path):
    target = tmp_path / "notes.json"
    atomic_write_text(target, "old")
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.json"]  # no temporary file left behind


def test_killed_writer_never_leaves_half_a_file(tmp_path):
    target = tmp_path / "decisions.json"
    atomic_write_text(target, "A" * 3_000_000)
    root = Path(__file__).resolve().parent.parent
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=root,
                                env={**os.environ, "PYTHONPATH": str(root)})
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = target.read_text()
        assert len(data) == 3_000_000 and data in ("A" * 3_000_000, "B" * 3_000_000)
    leftovers = [p for p in tmp_path.iterdir() if p.name != target.name]
    assert all(p.name.startswith(".decisions.json.") and p.suffix == ".tmp" for p in leftovers)
