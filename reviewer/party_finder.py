"""Placeholder party finder; replaced by the real one."""

from __future__ import annotations

from .parties import Parties


class PartyFinder:
    def __init__(self, document) -> None:
        self.document = document

    def find(self) -> Parties:
        return Parties()
