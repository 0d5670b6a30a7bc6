"""The review window (PySide6): imports the engine in ``reviewer``, never the reverse."""
