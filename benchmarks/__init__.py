"""Speed benchmark: build long contracts, time every phase against the bare libraries, write docs/PERFORMANCE.md."""
