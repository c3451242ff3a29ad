"""A one-line progress bar on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts finished items; draws nothing when the stream is piped or redirected."""

    WIDTH = 24

    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool | None = None):
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = (isatty() if enabled is None else enabled) and total > 0

    def advance(self, note: str = "") -> None:
        """One more item finished; redraw the bar."""
        self.done += 1
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        # \r and a clear-to-end-of-line escape redraw in place without scrolling the terminal.
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {note[:40]}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar so the report starts on a clean line."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
