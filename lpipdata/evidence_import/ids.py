"""Deterministic identifiers: the same input always gives the same ids, so re-imports add nothing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
# Letters that NFKD does not split into base letter + accent.
FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                      "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"})


def slug(text: str, limit: int = 40) -> str:
    """'Lived experience' -> 'lived-experience'; accents stripped ('Béal Feirste' -> 'beal-feirste')."""
    folded = unicodedata.normalize("NFKD", text.translate(FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text).strip("-_")[:limit].strip("-_")


def short_hash(*parts: str, length: int = 8) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:length]


def slug_or_hash(text: str, prefix: str, limit: int = 40) -> str:
    """A slug, or `prefix-<hash>` when the text has no ASCII letters or digits at all."""
    return slug(text, limit) or f"{prefix}-{short_hash(text)}"


def norm_guid(guid: str | None) -> str:
    """GUIDs compare without braces and case ('{ABC-...}' == 'abc-...')."""
    return (guid or "").strip().strip("{}").lower()


def refi_source_id(name: str, guid: str) -> str:
    return f"qda-{slug_or_hash(name, 'source')}-{norm_guid(guid).replace('-', '')[:8]}"


def taguette_source_id(file_name: str, document: str) -> str:
    return f"taguette-{slug_or_hash(document, 'document')}-{short_hash(file_name, document)}"


def coding_id(observation_id: str, code_id: str, coder: str) -> str:
    return f"{observation_id}.{short_hash(code_id)}.{slug_or_hash(coder, 'coder', 30)}"
