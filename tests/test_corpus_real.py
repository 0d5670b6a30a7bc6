"""Real contracts nobody on the team wrote (../shared/corpus-real/, described in its SOURCES.md).

Their text is not copied into the repository: each test reads the file beside this checkout and
skips, saying why, when the shared folder is not there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import reviewer
from reviewer.errors import LoadError

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-real"


def real(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the real-contract corpus is not beside this checkout ({CORPUS} has no {name})")
    return path


def test_legacy_doc_original_is_refused_with_the_old_word_message():
    with pytest.raises(LoadError) as caught:
        reviewer.load(real("zh-software-test-service-nju-js004-original.doc"))
    assert "旧版 Word 97-2003（.doc）" in caught.value.message
    assert "另存为" in caught.value.hint


def test_bold_spans_over_clauses_leave_no_star_before_a_number():
    # The Tencent terms open "**" on 8.1, 9.1 and 10.3 and close it clauses later.
    text = reviewer.load(real("zh-ai-api-service-terms-tencentcloud-insurance.md")).text
    lines = text.split("\n")
    assert not [line for line in lines if line.startswith("*")]
    for number in ("8.1 ", "8.2 ", "9.1 ", "9.3 ", "10.3 "):
        assert any(line.startswith(number) for line in lines), number


@pytest.mark.parametrize("name, sections", [
    ("zh-cloud-online-services-agreement-21vianet-azure.md", 11),
])
def test_italic_section_headings_keep_their_number_and_text(name, sections):
    document = reviewer.load(real(name))
    headings = [document.text[b.start:b.end] for b in document.blocks if b.kind == "heading"]
    numbered = [h for h in headings if re.match(r"\d+\. \S", h)]
    assert [h.split(".")[0] for h in numbered] == [str(n) for n in range(1, sections + 1)]
    assert "1. 服务。" in numbered and not any("*" in h for h in headings)


@pytest.mark.parametrize("name", ["zh-cloud-online-services-agreement-21vianet-azure.md",
                                  "zh-sla-virtual-machines-21vianet-azure.md"])
def test_docs_site_front_matter_stays_unmangled(name):
    lines = reviewer.load(real(name)).text.split("\n")
    assert lines[0] == "<properties" and lines[8] == 'tags=""/>'
    assert lines[9].startswith('<tags ms.service="legal" ms.date="10/2017"') and lines[9].endswith("/>")
