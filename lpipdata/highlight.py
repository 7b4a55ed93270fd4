"""Search terms and safe highlighting of where they occur.

The search box's text becomes a few terms; a record matches when it contains every term
(case-insensitive, see ``lpipdata/queries/evidence.py``). Highlighting splits a text into
(segment, is_match) parts so a page can emphasise the matches, and :func:`highlight_markdown`
escapes every segment, so the only Markdown in the result is the emphasis we add.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lpipdata.safe import escape_markdown

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
# Streamlit's Markdown for a highlighted span: bold on a marker yellow (the palette's
# *-background colours are too pale to spot). The text between them is always escaped.
HIGHLIGHT_MARKUP = (':color[**', '**]{background="#FFD166"}')


def clean_query(raw: object) -> str:
    """The search text as typed, made plain: no control characters, single spaces, length-limited."""
    if not isinstance(raw, str):
        return ""
    printable = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_CHARS].strip()


def search_terms(query: str) -> tuple[str, ...]:
    """The distinct lower-case words of a query (at most MAX_TERMS); every one must match."""
    words = clean_query(query).lower().split()
    return tuple(dict.fromkeys(words))[:MAX_TERMS]


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every case-insensitive occurrence of any term.

    Overlapping or touching occurrences merge, and so do occurrences separated only by
    whitespace, so 'net zero' reads as one highlight rather than two.
    """
    spans = sorted(span for term in terms if term for span in _occurrences(text, term))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _occurrences(text: str, term: str) -> Iterable[tuple[int, int]]:
    # Step one character at a time so overlapping occurrences ('aa' in 'aaa') are all found.
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    position = 0
    while found := pattern.search(text, position):
        yield found.start(), found.end()
        position = found.start() + 1


def split_matches(text: object, terms: Iterable[str]) -> list[tuple[str, bool]]:
    """The text as consecutive (segment, is_match) parts; joined, the segments give the text back."""
    if text is None or (isinstance(text, float) and text != text):
        return []
    text = str(text)
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in match_spans(text, terms):
        if start > position:
            parts.append((text[position:start], False))
        parts.append((text[start:end], True))
        position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def highlight_markdown(text: object, terms: Iterable[str],
                       markup: tuple[str, str] = HIGHLIGHT_MARKUP) -> str:
    """Markdown showing `text` literally, each match between markup's (opening, closing) parts."""
    opening, closing = markup
    return "".join(opening + escape_markdown(segment) + closing if is_match else escape_markdown(segment)
                   for segment, is_match in split_matches(text, list(terms)))
