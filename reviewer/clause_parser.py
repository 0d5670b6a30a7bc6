"""Placeholder parser; replaced by the real one."""

from __future__ import annotations


class ClauseParser:
    def __init__(self, document) -> None:
        self.document = document

    def parse(self):
        from .structure import ClauseTree

        return ClauseTree([])
