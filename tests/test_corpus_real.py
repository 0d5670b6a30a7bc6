"""Real contracts nobody on the team wrote (../shared/corpus-real/, described in its SOURCES.md).

Their text is not copied into the repository: each test reads the file beside this checkout and
skips, saying why, when the shared folder is not there.
"""

from __future__ import annotations

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
