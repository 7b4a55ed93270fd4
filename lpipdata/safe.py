"""Making text from the data safe to show and to export."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
# Streamlit's Markdown turns bare web and e-mail addresses into links even when escaped; a word
# joiner (U+2060, invisible) inside them stops that, so data never becomes a clickable link.
AUTOLINK_TRIGGERS = re.compile(r"(\\?:\\?/\\?/|www\\?\.|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe (OWASP advice)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise)
    return safe


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for download: UTF-8 with a byte-order mark so Excel reads it, formulas neutralised."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown shows literally: no links, HTML or emphasis from data."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return AUTOLINK_TRIGGERS.sub(lambda m: WORD_JOINER + m.group(0) + WORD_JOINER, escaped)


def safe_url(url: object) -> str | None:
    """The URL if it is an http(s) address, else None (no javascript: or data: links)."""
    if not isinstance(url, str):
        return None
    try:
        parsed = urlparse(url.strip())
    except ValueError:  # e.g. 'http://[' is read as a broken IPv6 address
        return None
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None
