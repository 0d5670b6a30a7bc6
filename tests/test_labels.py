"""The labels of the evaluation corpus stay consistent with their contracts."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_labels_match_their_contracts(capsys):
    main = runpy.run_path(str(ROOT / "scripts" / "check_labels.py"))["main"]
    assert main([]) == 0, capsys.readouterr().out
