"""What an import did with every selection in the file, as data and as readable text."""

from __future__ import annotations

from dataclasses import dataclass, field

TABLES = ("sources", "observations", "codes", "codings")

# Why a selection was not imported; the vocabulary the report and the tests share.
UNMATCHED_CASE = "unmatched case"
UNKNOWN_CODE = "unknown code"
EMPTY_TEXT = "empty text"
OUTSIDE = "offsets outside the source"
UNSUPPORTED = "unsupported source type"
MARKER_ONLY = "direction marker without content code"
NO_CODE = "no code"
NO_TEXT = "source text missing"


@dataclass(frozen=True)
class Skipped:
    reason: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason}{' ' + self.detail if self.detail else ''}: {self.where}"


@dataclass
class ImportReport:
    file: str
    fmt: str
    total: int = 0
    imported: int = 0
    already_present: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    codes_present: int = 0
    dry_run: bool = False

    @property
    def accounted(self) -> bool:
        """Every selection ended imported, already present or reported."""
        return self.imported + self.already_present + len(self.skipped) == self.total

    def format(self) -> str:
        lines = [f"{self.file} ({self.fmt})",
                 f"  selections in the file: {self.total}",
                 f"    imported:             {self.imported}",
                 f"    already present:      {self.already_present}",
                 f"    not imported:         {len(self.skipped)}"]
        lines += [f"      - {item}" for item in self.skipped]
        lines.append(f"  codes: {self.added['codes']} added, {self.codes_present} already present")
        if self.notes:
            lines.append("  notes:")
            lines += [f"    - {note}" for note in self.notes]
        counts = ", ".join(f"{self.added[t]} {t}" for t in TABLES)
        lines.append(f"{'would add' if self.dry_run else 'added'}: {counts}")
        return "\n".join(lines)
