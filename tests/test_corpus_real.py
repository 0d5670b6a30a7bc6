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


# The parties a reader sees in each real contract (label, name, role); a blank or a template field
# is no name. The same lines close the golden outline of each contract.
V, C, U = "vendor", "customer", "unknown"
LAB = "南京大学计算机软件新技术国家重点实验室"
PARTIES = {
    "en-cuad-centrack-ion-web-hosting.txt": [("the Customer", "Centrack International", C),
                                             ("i-on", "i-on interactive", V)],
    "zh-ai-api-service-terms-tencentcloud-insurance.md": [("腾讯云", "", V), ("您", "", C)],
    "zh-cloud-acceptable-use-rules-yundun-cloudmall.txt": [("{{ webInfo.title }}", "", V), ("您", "", C)],
    "zh-cloud-online-services-agreement-21vianet-azure.md": [("世纪互联", "上海蓝云网络科技有限公司", V), ("您", "", C)],
    "zh-consulting-service-td2000-oa.txt": [("委托方", "", C), ("咨询者", "", V)],
    "zh-equipment-finance-lease-td2000-oa.txt": [("甲方", "", V), ("乙方", "", C), ("担保人", "", U)],
    "zh-legal-advisor-service-wordnum-textseg.docx": [("甲方", "", C), ("乙方", "", V)],
    "zh-nda-software-test-nju-js005.docx": [("甲方", "", C), ("乙方", LAB, V)],
    "zh-open-platform-developer-agreement-kingnet-vronline.txt": [("甲方", "", C), ("乙方", "上海恺英网络科技有限公司", V)],
    "zh-saas-ops-platform-service-agreement-easyops.txt": [("优维科技", "优维科技（深圳）有限公司", V), ("您", "", C)],
    "zh-saas-platform-service-company-qidian.docx": [("甲方", "", C), ("乙方", "杭州盛蕊网络科技有限公司", V)],
    "zh-saas-terms-of-service-chatopera-cloud.md": [("本公司", "北京华夏春松科技有限公司", V), ("用户", "", C)],
    "zh-samr-bthf2023-0601-equipment-lease.md": [("出租人", "", V), ("承租人", "", C)],
    "zh-samr-gf2000-0101-industrial-goods-purchase.md": [("出卖人", "", V), ("买受人", "", C)],
    "zh-samr-gf2000-0901-warehousing.md": [("保管人", "", V), ("存货人", "", C)],
    "zh-samr-gf2025-2618-data-intermediary.md": [("甲方", "", C), ("乙方", "", V), ("丙方", "", U), ("丁方", "", U)],
    "zh-samr-gf92-0305-advertising-publication.md": [("甲方", "", C), ("乙方", "", V)],
    "zh-samr-jsf2016-01802-labour-dispatch.md": [("甲方", "", C), ("乙方", "", V)],
    "zh-samr-sh2024-canteen-catering.md": [("甲方", "", C), ("乙方", "", V)],
    "zh-samr-sx2017-interior-design.md": [("甲方", "", C), ("乙方", "", V)],
    "zh-sla-and-terms-chatopera-cskefu.md": [("华夏春松", "北京华夏春松科技有限公司", V), ("用户", "", C)],
    "zh-sla-cdn-yundun-cloudmall.txt": [("云盾互联", "", V), ("客户", "", C)],
    "zh-sla-virtual-machines-21vianet-azure.md": [("世纪互联", "", V), ("客户", "", C)],
    "zh-software-dev-5z-template-groupcode.docx": [("甲方", "", C), ("乙方", "", V)],
    "zh-software-license-enduser-td2000-oa.txt": [("许可方", "“拥有”计算机股份有限公司", V), ("被许可方", "“需要”制造公司", C)],
    "zh-software-license-eula-discuzx-tencentcloud.txt": [("腾讯云公司", "腾讯云计算（北京）有限责任公司", V), ("您", "", C)],
    "zh-software-tech-service-agreement-wmf-epay.txt": [("甲方", "", V), ("乙方", "", C)],
    "zh-software-test-service-nju-js004.docx": [("甲方", "", C), ("乙方", LAB, V)],
    "zh-tech-service-most-model-crmh3.docx": [("甲方", "", C), ("乙方", "", V)],
}


def test_every_readable_real_contract_has_its_parties_pinned():
    readable = {p.name for p in real("SOURCES.md").parent.iterdir()
                if p.suffix in (".txt", ".md", ".docx") and p.name != "SOURCES.md"}
    assert readable == set(PARTIES)


@pytest.mark.parametrize("name", sorted(PARTIES))
def test_parties_as_a_reader_sees_them(name):
    document = reviewer.load(real(name))
    assert [(p.label, p.name, p.role) for p in document.parties.parties] == PARTIES[name]
    for party in document.parties.parties:
        if party.role != "unknown":
            assert party.evidence and document.text[party.start:party.end] == party.evidence, party
