"""Plain text and Markdown contracts, in whatever encoding they arrive."""

from __future__ import annotations

from pathlib import Path

from . import Paragraph, RawDocument


def load_txt(path: Path) -> RawDocument:
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return RawDocument([Paragraph(line, 1, f"第 {i} 行") for i, line in enumerate(lines, 1)], encoding="utf-8")
