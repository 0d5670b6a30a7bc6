"""What a format loader hands over: paragraphs in reading order, pages, and what it noticed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError
from ..i18n import tr
from ..model.document import PageProblem


#: The most text a contract may have: about 1,500 pages of Chinese. A review takes about 3.5 s per
#: million characters, so this bounds it near ten seconds; the longest real contracts are a tenth of it.
MAX_TEXT_CHARS = 3_000_000


def too_long_error(path: Path) -> LoadError:
    return LoadError(
        tr("文件中的文字超过 {m} 万字，远超任何合同，已拒绝读取。",
           "The file holds more than {n:,} characters of text, far more than any contract; it was not read.",
           m=MAX_TEXT_CHARS // 10_000, n=MAX_TEXT_CHARS),
        path=path,
        hint=tr("请确认选对了文件；如果合同确实在其中，请只把合同部分另存为一个文件再打开。",
                "Check that this is the right file; if the contract is inside it, save just the contract "
                "as a file of its own and open that."),
    )


@dataclass(slots=True)
class Paragraph:
    """A paragraph as a format loader reads it, before it becomes a :class:`Block`."""

    text: str
    page: int = 1
    source: str = ""
    kind: str = "para"
    #: For a heading: its depth (1 for markdown "#", 2 for "##" …); 0 when the format does not say.
    level: int = 0
    #: Offsets into ``text`` where a later page begins, for a paragraph that runs across a
    #: page break: ``[(offset, page), ...]`` in order.
    page_breaks: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class RawDocument:
    """What a format loader returns: paragraphs in reading order and what it noticed."""

    paragraphs: list[Paragraph]
    page_count: int = 1
    page_problems: list[PageProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None
