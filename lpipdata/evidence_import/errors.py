"""The one exception the importer raises for bad input."""

from __future__ import annotations


class EvidenceImportError(Exception):
    """Bad input: one message that names the file and the problem. Nothing was written."""


class ValidationFailed(EvidenceImportError):
    """The merged tables would not validate; `problems` lists them (paths point at data/)."""

    def __init__(self, problems: list):
        self.problems = problems
        lines = [str(p) for p in problems]
        lines.append(f"{len(problems)} problem(s) after merging the import; nothing was written")
        super().__init__("\n".join(lines))
