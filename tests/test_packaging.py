"""A plain (non-editable) install carries the built-in checklist, its fixtures, the data files and the font."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_rules_fixtures_and_data(tmp_path):
    # Built from a copy: setuptools leaves build/ behind, and a stale build/ leaks old files into wheels.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".bench-cache", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("contract_reviewer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"reviewer/builtin_rules/{p.name}" for p in (ROOT / "rules").iterdir() if p.is_file()}
    expected |= {f"reviewer/builtin_rules/fixtures/{p.name}" for p in (ROOT / "rules" / "fixtures").iterdir()}
    expected |= {f"reviewer/data/{p.name}" for p in (ROOT / "reviewer" / "data").iterdir() if p.is_file()}
    expected |= {"ui/launch.py", "ui/app.py", "reviewer/commands/cli.py"}
    expected |= {f"ui/assets/{p.name}" for p in (ROOT / "ui" / "assets").iterdir()}  # the font and its licence
    assert expected - names == set()
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "contract-review = ui.launch:main" in zipfile.ZipFile(wheel).read(entry).decode()
