"""A full review and every export run with networking disabled, and no connection is attempted."""

from __future__ import annotations

import socket

import pytest

import reviewer
from reviewer.model.decisions import DecisionStore


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_review_and_export_never_touch_the_network(no_network, samples_dir, tmp_path):
    from reviewer.reports import FORMATS, write_report

    for name in ("seed-contract-scraped.txt", "seed-contract-clean.docx", "seed-contract-clean.pdf"):
        source = samples_dir / name
        result = reviewer.review(reviewer.load(source))
        assert result.findings
        decisions = DecisionStore(tmp_path / f"{name}.review.json")
        for fmt in FORMATS:
            out = write_report(result, fmt, tmp_path / f"{name}.{fmt}", decisions=decisions.for_findings(result.findings))
            assert out.exists() and out.stat().st_size > 0
    assert no_network == []
