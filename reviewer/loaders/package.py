"""A Word package's parts read safely: ZIP and XML bombs are refused before they expand."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LoadError
from ..i18n import tr

if TYPE_CHECKING:  # zipfile (and the shutil it imports) only for the Word files that need it
    import zipfile

MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part of a .docx, expanded
MAX_ZIP_ENTRIES = 10_000  # parts in a .docx; Word writes a few dozen
# Word's XML deflates about 4-20:1; a ZIP bomb about 1000:1. Tiny parts are not judged.
_MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024
# A Word part never carries a DTD, so one is refused outright (entity bombs, external entities);
# the parser would not expand or fetch entities anyway, and huge_tree=False keeps libxml2's caps on
# nesting depth (256) and node size (10 MB).
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def crafted_package_error(path: Path, detail: str) -> LoadError:
    """A Word package built to exhaust memory or time (ZIP bomb, entity bomb …), or badly broken."""
    return LoadError(
        tr("这个 Word 文件的内部结构异常（{detail}），可能已损坏或是被恶意构造的，为安全起见已拒绝读取。",
           "The inside of this Word file is abnormal ({detail}): it may be damaged or deliberately crafted, "
           "so it was not read, to be safe.", detail=detail),
        path=path,
        hint=tr("如果文件来自可信的对方，请在 Word/WPS 中打开它并另存为新的 .docx 再试；否则请让对方重新发送。",
                "If it comes from a party you trust, open it in Word/WPS, save it as a new .docx and open that; "
                "otherwise ask the sender for a new copy."),
    )


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 10 * 1024 * 1024 else f"{size / (1024 * 1024):.1f}"


def read_part(archive: zipfile.ZipFile, name: str, path: Path, limit: int = MAX_PART_BYTES) -> bytes:
    """One member of a package, refused when its declared size or compression ratio is a bomb's.

    The read itself stops at ``limit`` too: zipfile never inflates past the declared size (it
    fails the CRC instead, see ``zip-liar.docx``), and the cap holds even if that ever changed.
    """
    info = archive.getinfo(name)
    ratio_bomb = info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(1, info.compress_size)
    if info.file_size > limit or ratio_bomb:
        raise crafted_package_error(path, tr("“{part}”解压后有 {size} MB", "“{part}” expands to {size} MB",
                                             part=name, size=megabytes(info.file_size)))
    chunks, total = [], 0
    with archive.open(info) as member:
        # In steps of 1 MB: one read(n) lets zlib inflate up to n bytes before zipfile trims them.
        while chunk := member.read(1024 * 1024):
            total += len(chunk)
            if total > limit:
                raise crafted_package_error(path, tr("“{part}”解压后超过 {size} MB",
                                                     "“{part}” expands beyond {size} MB",
                                                     part=name, size=megabytes(limit)))
            chunks.append(chunk)
    return b"".join(chunks)


def zip_entry_count(path: Path) -> int:
    """Members a ZIP file declares in its end record, read without parsing the whole directory."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 65557))  # the end record and its comment: at most 22 + 65535 bytes
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(tail):
        return 0
    count = int.from_bytes(tail[end + 10:end + 12], "little")
    zip64 = tail.rfind(b"PK\x06\x06", 0, end)
    if count == 0xFFFF and zip64 >= 0 and zip64 + 40 <= len(tail):
        count = int.from_bytes(tail[zip64 + 32:zip64 + 40], "little")
    return count


def parse_xml(data: bytes, path: Path):
    """An XML part as an lxml tree: no DTD, no entity expansion, no network, libxml2's size caps on."""
    first = _FIRST_ELEMENT.search(data)
    if _DOCTYPE.search(data, 0, first.start() if first else len(data)):
        raise crafted_package_error(path, tr("XML 中含有文档类型定义（DTD）", "its XML holds a document type definition"))
    from lxml import etree  # here, not at import: a TXT contract never needs it

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True)
    root = etree.fromstring(data, parser)
    if root.getroottree().docinfo.doctype:  # a DTD the byte check missed (another encoding, say)
        raise crafted_package_error(path, tr("XML 中含有文档类型定义（DTD）", "its XML holds a document type definition"))
    return root
