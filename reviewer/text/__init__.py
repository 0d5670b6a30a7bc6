"""Chinese text basics shared by every layer: numerals, character normalisation, word segmentation."""
