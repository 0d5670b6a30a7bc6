"""The real format of a file comes from its bytes; everything unreadable is a plain LoadError."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reviewer import load
from reviewer.errors import LoadError
from reviewer.i18n import set_language
from reviewer.loaders.sniff import detect_format

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole2(names: list[str]) -> bytes:
    """A compound-file header (512-byte sectors, directory in sector 0) and that directory."""
    header = bytearray(512)
    header[:8] = OLE2
    header[30:32] = (9).to_bytes(2, "little")  # sector shift: 2**9 = 512
    header[48:52] = (0).to_bytes(4, "little")  # first directory sector
    directory = bytearray(512)
    for i, name in enumerate(names[:4]):
        encoded = name.encode("utf-16-le")
        directory[i * 128:i * 128 + len(encoded)] = encoded
    return bytes(header + directory)


def _load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load(path)
    message = str(caught.value)
    assert path.name in message  # every message names the file
    assert "Traceback" not in message
    return caught.value


def test_samples_are_recognised_by_content():
    assert detect_format(SAMPLES / "seed-contract-clean.pdf") == "pdf"
    assert detect_format(SAMPLES / "seed-contract-clean.docx") == "docx"
    assert detect_format(SAMPLES / "seed-contract-clean.txt") == "txt"


def test_real_format_wins_over_the_extension(tmp_path):
    pdf = tmp_path / "contract.docx"
    pdf.write_bytes((SAMPLES / "seed-contract-clean.pdf").read_bytes())
    docx = tmp_path / "contract.pdf"
    docx.write_bytes((SAMPLES / "seed-contract-clean.docx").read_bytes())
    as_doc = tmp_path / "contract.doc"  # Word often saves .docx content under an old name
    as_doc.write_bytes((SAMPLES / "seed-contract-clean.docx").read_bytes())
    assert detect_format(pdf) == "pdf"
    assert detect_format(docx) == "docx"
    assert detect_format(as_doc) == "docx"
    assert load(pdf).text == load(SAMPLES / "seed-contract-clean.pdf").text
    assert load(docx).format == "docx"


def test_markdown_by_name(tmp_path):
    path = tmp_path / "合同.md"
    path.write_text("# 合同\n正文", encoding="utf-8")
    assert detect_format(path) == "md"


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "renamed.docx"])
def test_old_word_and_wps_say_save_as_docx(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_ole2(["Root Entry", "WordDocument", "1Table"]) + b"\x00" * 512)
    error = _load_error(path)
    assert ".doc" in error.message and "WPS" in error.message
    assert "另存为" in error.hint and ".docx" in error.hint


def test_password_protected_word_file(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(_ole2(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    error = _load_error(path)
    assert "密码" in error.message
    assert "用密码进行加密" in error.hint


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "contract.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = _load_error(path)
    assert "不是 Word 文档" in error.message
    assert "解压" in error.hint


def test_excel_workbook_named_docx(tmp_path):
    path = tmp_path / "contract.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _load_error(path).message


def test_broken_zip_named_docx(tmp_path):
    path = tmp_path / "broken.docx"
    good = (SAMPLES / "seed-contract-clean.docx").read_bytes()
    path.write_bytes(good[: len(good) // 3])  # a download cut short: the central directory is gone
    error = _load_error(path)
    assert "损坏" in error.message and "Word" in error.message


@pytest.mark.parametrize("name, says", [("fake.pdf", "不是 PDF"), ("fake.docx", "不是 Word")])
def test_random_bytes_with_a_document_name(tmp_path, name, says):
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8)
    assert says in _load_error(path).message


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.md"])
def test_zero_byte_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    error = _load_error(path)
    assert "空" in error.message


@pytest.mark.parametrize("content", [
    b"   \r\n\t\n  ",
    "\ufeff  \n".encode("utf-8"),
    " \n\n".encode("utf-16"),
    "\u3000\u3000\n".encode("utf-8"),
    "\u3000 \r\n".encode("gbk"),
])
def test_whitespace_only_is_empty(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert "空" in _load_error(path).message


def test_unsupported_extension(tmp_path):
    path = tmp_path / "contract.xyz"
    path.write_text("甲方", encoding="utf-8")
    error = _load_error(path)
    assert "不支持" in error.message and ".xyz" in error.message
    assert "DOCX" in error.hint


def test_rtf_and_images(tmp_path):
    rtf = tmp_path / "contract.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    assert "RTF" in _load_error(rtf).message
    png = tmp_path / "scan.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    error = _load_error(png)
    assert "PNG" in error.message and "OCR" in error.hint


def test_missing_file_and_folder(tmp_path):
    assert "不存在" in _load_error(tmp_path / "nope.pdf").message
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert "文件夹" in _load_error(folder).message


def test_messages_follow_the_language(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    set_language("en")
    try:
        assert "empty" in _load_error(path).message
    finally:
        set_language("zh")
