"""Reading a contract's structure from its text: numbering and the clause tree, parties, foreign text."""
