"""Tell a file's real format from its first bytes, not only from its name."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LoadError
from ..i18n import tr
from .package import MAX_ZIP_ENTRIES, crafted_package_error, megabytes, read_part, zip_entry_count

if TYPE_CHECKING:
    import zipfile

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = (".docx", ".pdf", *TEXT_SUFFIXES)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_BLANK_BYTES = b"\x00\t\n\v\f\r "
# Only this much of a file is read to recognise it; an empty-looking file is read whole up to here.
_HEAD = 64 * 1024

# Limits no contract comes near, so a hostile or runaway file is refused before it is read.
# The longest real contracts run to a few hundred pages: a few MB of text, a Word body of a few MB.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024  # .txt/.md
MAX_FILE_BYTES = 200 * 1024 * 1024  # .docx/.pdf, pictures included

# The package relationship that names a .docx's main part (`_rels/.rels` → officeDocument).
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb"(\w+)\s*=\s*[\"']([^\"']*)[\"']")


def save_as_docx_hint() -> str:
    return tr("请用 Word 或 WPS 打开它，选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再打开新保存的文件。",
              "Open it in Word or WPS, choose File → Save As, pick “Word Document (*.docx)”, "
              "and open the new file.")


def _save_as_supported_hint() -> str:
    return tr("请另存为 DOCX、PDF 或 TXT 后再打开。", "Save it as DOCX, PDF or TXT and open it again.")


def empty_file_error(path: Path) -> LoadError:
    """The one message for a file with nothing in it, whatever its format."""
    return LoadError(
        tr("文件是空的，没有任何文字。", "The file is empty: it contains no text."),
        path=path,
        hint=tr("请确认选对了文件，或重新导出合同后再打开。",
                "Check that this is the right file, or export the contract again and open the new file."),
    )


def damaged_error(path: Path, what: str) -> LoadError:
    """A file of a known format that cannot be read: truncated, corrupted or half-downloaded."""
    return LoadError(
        tr("文件已损坏，无法作为 {what} 读取。", "The file is damaged and cannot be read as {what}.", what=what),
        path=path,
        hint=tr("请重新下载或让对方重新发送；若能在 Word/WPS 或 PDF 阅读器中打开，可另存一份后再试。",
                "Download it again or ask the sender for a new copy; if Word/WPS or a PDF reader can open it, "
                "save a fresh copy from there and try that."),
    )


def too_large_error(path: Path, size: int, limit: int) -> LoadError:
    """A file far bigger than any contract: refused before it is read."""
    return LoadError(
        tr("文件过大（{size} MB，上限 {limit} MB），不像是一份合同，已拒绝读取。",
           "The file is too large ({size} MB; the limit is {limit} MB) to be a contract; it was not read.",
           size=megabytes(size), limit=megabytes(limit)),
        path=path,
        hint=tr("请确认选对了文件；如果合同确实在其中，请只把合同部分另存为一个文件再打开。",
                "Check that this is the right file; if the contract is inside it, save just the contract "
                "as a file of its own and open that."),
    )


def docx_main_part(archive: zipfile.ZipFile, path: Path) -> str | None:
    """Name of the main document part of a Word package, or None when this is no Word package."""
    names = set(archive.namelist())
    try:
        rels = read_part(archive, "_rels/.rels", path, limit=1024 * 1024)
    except KeyError:
        rels = b""
    for match in _RELATIONSHIP.finditer(rels):
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        if attributes.get(b"Type", b"").endswith(b"/officeDocument"):
            name = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
            if name in names and _is_word_part(archive, name, path):
                return name
    return "word/document.xml" if "word/document.xml" in names else None


def _is_word_part(archive: zipfile.ZipFile, name: str, path: Path) -> bool:
    """The content type of ``name`` is a Word main document (.docx, .docm, .dotx)."""
    try:
        types = read_part(archive, "[Content_Types].xml", path, limit=1024 * 1024)
    except KeyError:
        return name.startswith("word/")
    for match in re.finditer(rb"<(?:\w+:)?Override\b[^>]*>", types):
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        if attributes.get(b"PartName", b"").decode("utf-8", "replace").lstrip("/") == name:
            content_type = attributes.get(b"ContentType", b"")
            return b"wordprocessingml" in content_type or b"ms-word" in content_type
    return name.startswith("word/")


def detect_format(path: Path) -> str:
    """"txt" | "md" | "docx" | "pdf" from the file's bytes (the name only decides txt vs md).

    Everything else raises a LoadError that names the file and says what to do.
    """
    path = Path(path)
    head = _read_head(path)
    suffix = path.suffix.lower()
    if _is_blank(head):
        raise empty_file_error(path)
    size = path.stat().st_size

    if b"%PDF-" in head[:1024]:
        _check_size(path, size, MAX_FILE_BYTES)
        return "pdf"
    if head.startswith(_ZIP):
        _check_size(path, size, MAX_FILE_BYTES)
        return _sniff_zip(path)
    if head.startswith(_OLE2):
        raise _ole2_error(path)
    if head.startswith(b"{\\rtf"):
        raise LoadError(tr("这是 RTF 格式的文件，本工具不能直接读取。", "This is an RTF file, which cannot be read directly."),
                        path=path, hint=save_as_docx_hint())
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise LoadError(
                tr("这是一张 {name} 图片，不是带文字的合同文件。", "This is a {name} image, not a contract with text.", name=name),
                path=path,
                hint=tr("请先用 OCR（文字识别）软件把图片转换为文字，另存为 DOCX、PDF 或 TXT 后再打开。",
                        "Run OCR (text recognition) on it first and save the result as DOCX, PDF or TXT."),
            )

    if suffix == ".pdf":
        raise LoadError(
            tr("文件名是 .pdf，但内容不是 PDF。", "The file is named .pdf but is not a PDF."),
            path=path,
            hint=tr("文件可能下载不完整或被改了扩展名；请重新获取原始 PDF。",
                    "It may be an incomplete download or a renamed file; get the original PDF again."),
        )
    if suffix in (".docx", ".docm", ".dotx"):
        raise LoadError(
            tr("文件名是 {ext}，但内容不是 Word（.docx）文档。", "The file is named {ext} but is not a Word (.docx) document.",
               ext=suffix),
            path=path,
            hint=tr("文件可能已损坏或被改了扩展名；请重新获取原始文件，或在 Word/WPS 中打开后另存为 .docx。",
                    "It may be damaged or renamed; get the original again, or open it in Word/WPS "
                    "and save it as .docx."),
        )
    if suffix in TEXT_SUFFIXES:
        _check_size(path, size, MAX_TEXT_FILE_BYTES)
        return TEXT_SUFFIXES[suffix]
    if suffix in (".doc", ".wps", ".dot", ".wpt"):
        # Not OLE2 although named so: usually a web page or RTF saved under a Word name.
        raise LoadError(
            tr("文件名是 {ext}，但内容不是可识别的 Word 文档。", "The file is named {ext} but is not a Word document we can read.",
               ext=suffix),
            path=path, hint=save_as_docx_hint(),
        )
    raise LoadError(
        tr("不支持的文件格式“{ext}”。", "Unsupported file format “{ext}”.", ext=suffix or tr("无扩展名", "no extension")),
        path=path, hint=_save_as_supported_hint(),
    )


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise too_large_error(path, size, limit)


def _read_head(path: Path) -> bytes:
    if not path.exists():
        raise LoadError(tr("文件不存在。", "The file does not exist."), path=path,
                        hint=tr("请检查路径是否正确。", "Check the path."))
    if path.is_dir():
        raise LoadError(tr("这是一个文件夹，不是合同文件。", "This is a folder, not a contract file."), path=path,
                        hint=tr("请选择文件夹中的合同文件。", "Choose the contract file inside the folder."))
    if not path.is_file():  # a pipe or a device would block the read or never end
        raise LoadError(tr("这不是一个普通文件（可能是管道或设备）。", "This is not an ordinary file (a pipe or a device?)."),
                        path=path, hint=tr("请选择保存在磁盘上的合同文件。", "Choose a contract file saved on disk."))
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD)
    except OSError as error:
        raise LoadError(
            tr("无法读取文件（{reason}）。", "The file cannot be read ({reason}).", reason=error.strerror or error),
            path=path,
            hint=tr("请确认文件没有被其他程序占用，且您有权限读取它。",
                    "Check that no other program holds it open and that you may read it."),
        ) from None


def _is_blank(head: bytes) -> bool:
    """Only whitespace (in any of the usual encodings) in a small file."""
    if len(head) >= _HEAD:
        return False
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if not head.strip(_BLANK_BYTES):
        return True
    # Full-width spaces (U+3000) in UTF-8 and GB18030 also count as nothing.
    return not head.replace(b"\xe3\x80\x80", b"").replace(b"\xa1\xa1", b"").strip(_BLANK_BYTES)


def _sniff_zip(path: Path) -> str:
    import zipfile  # here: a PDF or text contract never needs it (nor the shutil it imports)

    try:
        # Checked before zipfile reads the whole central directory into memory.
        entries = zip_entry_count(path)
        if entries > MAX_ZIP_ENTRIES:
            raise crafted_package_error(path, tr("包含 {n} 个内部部件", "it holds {n} parts", n=entries))
        with zipfile.ZipFile(path) as archive:
            if docx_main_part(archive, path):
                return "docx"
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(80)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError,
            NotImplementedError, RuntimeError, zlib.error):
        kind = "Word（.docx）" if path.suffix.lower() == ".docx" else tr("ZIP 压缩包", "a ZIP archive")
        raise damaged_error(path, kind) from None
    if "xl/workbook.xml" in names:
        what = tr("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)")
    elif "ppt/presentation.xml" in names:
        what = tr("PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)")
    elif mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise LoadError(
            tr("这是 OpenDocument 文本（.odt），本工具只能读取 .docx。",
               "This is an OpenDocument text (.odt); only .docx can be read."),
            path=path, hint=save_as_docx_hint())
    else:
        what = tr("普通的 ZIP 压缩包", "an ordinary ZIP archive")
    raise LoadError(
        tr("这是{what}，不是 Word 文档。", "This is {what}, not a Word document.", what=what),
        path=path,
        hint=tr("如果合同在压缩包里，请先解压，再打开其中的 DOCX、PDF 或 TXT 文件。",
                "If the contract is inside an archive, extract it first and open the DOCX, PDF or TXT file."),
    )


def _ole2_error(path: Path) -> LoadError:
    """OLE2 compound files: an old Word/WPS document, or an Office file locked with a password."""
    names = _ole2_stream_names(path)
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00" in names:
        return LoadError(
            tr("文档设置了打开密码，无法读取。", "The document is protected with a password and cannot be read."),
            path=path,
            hint=tr("请在 Word 中输入密码打开，选择“文件 → 信息 → 保护文档 → 用密码进行加密”，清空密码后保存，再打开。",
                    "Open it in Word with the password, choose File → Info → Protect Document → Encrypt with "
                    "Password, clear the password, save, and open it again."),
        )
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00" in names:
        return LoadError(
            tr("这是旧版 Excel 表格（.xls），不是合同文档。", "This is an old Excel workbook (.xls), not a contract document."),
            path=path, hint=_save_as_supported_hint())
    return LoadError(
        tr("这是旧版 Word 97-2003（.doc）或 WPS（.wps）格式，本工具只能读取 .docx。",
           "This is the old Word 97-2003 (.doc) or WPS (.wps) format; only .docx can be read."),
        path=path, hint=save_as_docx_hint(),
    )


def _ole2_stream_names(path: Path) -> bytes:
    """The bytes of the compound file's first directory sector, where its stream names are."""
    try:
        with path.open("rb") as handle:
            header = handle.read(512)
            sector_size = 1 << int.from_bytes(header[30:32], "little")
            first_dir = int.from_bytes(header[48:52], "little")
            if sector_size not in (512, 4096) or first_dir >= 0xFFFFFFFA:
                return b""
            handle.seek((first_dir + 1) * sector_size)
            return handle.read(sector_size)
    except OSError:
        return b""
