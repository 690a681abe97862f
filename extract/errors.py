"""The one error an unreadable input raises: its message is a single line naming the file and the fault."""

from pathlib import Path


class ExtractionError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason
