"""`check` imports what the run at hand needs, and nothing it does not (issue 17).

Each case runs the command line in a fresh interpreter and lists which of the heavy modules
ended up imported: segmentation, report writers, the other formats' libraries, encoding
detection, process pools, Qt.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
HEAVY = ("rjieba", "jieba", "openpyxl", "docx", "lxml", "pypdfium2", "pdfplumber", "pdfminer",
         "charset_normalizer", "multiprocessing", "concurrent.futures", "PySide6")

_PROBE = """
import json, sys
from ui.launch import main
code = main(sys.argv[1:])
sys.stdout.write("\\n" + json.dumps({"code": code, "heavy": [m for m in %r if m in sys.modules]}) + "\\n")
""" % (HEAVY,)


def _imported(*argv: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, 1), proc.stderr
    return result["heavy"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_of_a_text_contract_imports_nothing_heavy(fmt):
    # The seed's cut-off clause ends in 以下…为有效: decided without loading the word dictionary.
    assert _imported("check", str(SAMPLES / "seed-contract-scraped.txt"), "--format", fmt) == []


def test_check_of_a_pdf_imports_only_the_pdf_library():
    assert _imported("check", str(SAMPLES / "seed-contract-clean.pdf"), "--format", "json") == ["pypdfium2"]


def test_check_of_a_docx_imports_only_what_reads_it():
    assert set(_imported("check", str(SAMPLES / "seed-contract-clean.docx"))) <= {"lxml"}


def test_a_gbk_text_brings_encoding_detection_only():
    assert set(_imported("check", str(SAMPLES / "seed-contract-clean-gbk.txt"))) <= {"charset_normalizer"}
