"""``--perspective vendor`` reviews the same contract for the other side without editing a rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reviewer.commands import cli
from reviewer.engine.run import review
from reviewer.loaders import load

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "software-dev-contract.txt"
SEED = ROOT / "samples" / "seed-contract-scraped.txt"
REVIEW_DATE = date(2026, 11, 29)


def _run(path: Path, perspective: str) -> set[tuple[str, str | None, str]]:
    findings = review(load(path), perspective=perspective, review_date=REVIEW_DATE).findings
    return {(f.rule, f.clause, f.text) for f in findings}


@pytest.fixture(scope="module")
def dev():
    return _run(DEV, "customer"), _run(DEV, "vendor")


#: 软件开发服务合同 (the customer's own paper): what the vendor's counsel sees and the customer's does not.
VENDOR_ONLY = [
    # IP: everything vests in 甲方, no carve-out of the vendor's background IP, no licence back.
    ("ip-vests-in-customer-no-background", "7.1",
     "为本项目开发的全部软件（包括源代码、目标代码）、文档及其他工作成果的著作权及其他知识产 权，自产生之日起归甲方所有"),
    # Liability: 乙方 pays 全部损失 including indirect loss, with no cap anywhere.
    ("liability-unlimited-for-us", "10.2", "乙方违约给甲方造成损失的，应赔偿甲方全部损失"),
    ("liability-unlimited-for-us", "7.2", "乙方应负责处理并承担全部责任，赔偿甲方因此遭受的全部损失"),
    # Payment: 70 % due 180 days after acceptance, the rest 180 days after the warranty.
    ("payment-long-after-acceptance", "4.1", "收到上述材料后180日内"),
    ("payment-long-after-acceptance", "4.2", "收到乙方付款申请后180日内"),
    # Termination: 甲方 may terminate at will without paying for work done; 乙方 has no right at all.
    ("termination-convenience-without-payment", "11.2", "无需就已完成的工作向乙方支付"),
    ("termination-no-right-for-us", "11.1", "解除"),
    # And the rest of the one-sided paper.
    ("penalty-binds-us-only", "10.1", "乙方逾期上线的，每逾期一日，按合同总价的千分之一向甲方支付违 约金"),
    ("confidentiality-binds-us-only", "8", "乙方应对在履行本合同过程中知悉的甲方商业秘密、客户信息及其他非公开信息严格保密"),
    ("jurisdiction-their-seat", "12.2", "甲方所在地人民 法院"),
]


@pytest.mark.parametrize("rule, clause, text", VENDOR_ONLY, ids=[f"{r}@{c}" for r, c, _ in VENDOR_ONLY])
def test_vendor_review_adds(dev, rule, clause, text):
    customer, vendor = dev
    assert (rule, clause, text) in vendor
    assert not [f for f in customer if f[0] == rule]


def test_customer_review_of_its_own_paper_is_short(dev):
    customer, _vendor = dev
    b_to_d = {(r, c) for r, c, _t in customer
              if not r.startswith(("blank", "numbering", "truncated", "signature", "foreign", "amount",
                                   "payment-percent", "cross-reference"))}
    # 甲方's own paper protects 甲方; what remains is the same for both sides.
    assert b_to_d == {("liability-cap-missing", None), ("basis-repealed-law", None)}


def test_findings_about_the_contract_itself_stay(dev):
    customer, vendor = dev
    for finding in (("liability-cap-missing", None, "软件开发服务合同"),
                    ("basis-repealed-law", None, "《中华人民共和国合同法》")):
        assert finding in customer and finding in vendor


@pytest.fixture(scope="module")
def seed():
    return _run(SEED, "customer"), _run(SEED, "vendor")


def test_seed_customer_concerns_disappear_for_the_vendor(seed):
    customer, vendor = seed
    gone = [("ip-deliverables-vest-in-vendor", "4.2"), ("suspension-unilateral", "8.2"),
            ("invoice-ordinary-vat-only", "3.3"), ("acceptance-untestable-criteria", "6.2"),
            ("vague-deadline-service-duty", "7.2")]
    for rule, clause in gone:
        assert any(r == rule and c == clause for r, c, _ in customer)
        assert not any(r == rule for r, _c, _t in vendor)


def test_seed_vendor_concerns_appear(seed):
    customer, vendor = seed
    new = [("penalty-binds-us-only", "8.1", "要求乙方支付违约金"),
           ("liability-unlimited-for-us", "4.1", "乙方负责解决,并承担由此产生的一切法律责任"),
           ("termination-refund-of-all-fees", "6.3", "甲方有权终止本合同,并要求乙方退还已支付的服务费用")]
    for finding in new:
        assert finding in vendor and finding not in customer


def test_messages_name_the_sides_from_our_point_of_view(seed):
    findings = review(load(SEED), perspective="vendor", review_date=REVIEW_DATE).findings
    penalty = next(f for f in findings if f.rule == "penalty-binds-us-only")
    assert penalty.message.startswith("8.1 约定乙方违约要付违约金")
    assert "甲方违约却没有任何违约金" in penalty.message


def test_the_command_line_flips_the_review(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CONTRACT_REVIEW_RULES_DIR", str(tmp_path / "no-user-rules"))
    out = {}
    for side in ("customer", "vendor"):
        code = cli.main(["check", str(DEV), "--perspective", side, "--format", "json"])
        assert code in (0, 1)
        document = json.loads(capsys.readouterr().out)["documents"][0]
        assert document["perspective"] == side
        out[side] = {(f["category"], f["clause"]) for f in document["findings"]}
    for category in ("ip-ownership", "liability-cap", "prepayment", "termination"):
        assert {c for c in out["vendor"] if c[0] == category} != {c for c in out["customer"] if c[0] == category}
    assert ("ip-ownership", "7.1") in out["vendor"] - out["customer"]
    assert ("prepayment", "4.1") in out["vendor"] - out["customer"]
    assert ("termination", "11.2") in out["vendor"] - out["customer"]
    assert ("liability-cap", "10.2") in out["vendor"] - out["customer"]
