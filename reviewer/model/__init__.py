"""The contract as data: the document and its offsets, the clause tree, the parties, findings, decisions."""
