"""The one error an unreadable input raises: its message is a single line naming the file and the fault."""

from pathlib import Path


class ExtractionError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


# The start of the reason a PDF without a text layer is rejected with: ``planarkiv ingest`` tries such a
# file again once OCR can read it.
NO_TEXT_LAYER = "no text layer (scanned or image-only PDF)"
