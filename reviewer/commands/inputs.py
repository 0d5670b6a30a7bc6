"""The contracts a command is given: files as named, and the contract files under each folder."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..loaders.sniff import SUPPORTED_SUFFIXES


def _is_contract(path: Path) -> bool:
    name = path.name
    # Hidden files, Word's lock files (~$合同.docx), our own annotated copies and a folder's
    # README are never contracts.
    return (path.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith((".", "~$"))
            and not name.endswith(".annotated.docx") and path.stem.lower() != "readme")


def collect_inputs(paths: Iterable[str | Path], out_dir: str | Path | None = None) -> list[Path]:
    """Files given, plus every contract file under each folder given (sorted), without duplicates.

    Files in ``out_dir`` are skipped when a folder is searched, so a second run over the same
    folder does not review the reports of the first.
    """
    out = Path(out_dir).resolve() if out_dir is not None else None
    seen: set[Path] = set()
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted((p for p in path.rglob("*") if p.is_file() and _is_contract(p)),
                                key=lambda p: str(p))
            if out is not None:
                candidates = [p for p in candidates if out not in p.resolve().parents]
        else:
            candidates = [path]  # a file named explicitly is tried even if we would not pick it
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                found.append(p)
    return found
