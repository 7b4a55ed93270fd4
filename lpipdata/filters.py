"""The app's one filter state: a typed, immutable value parsed from and written to the URL.

Streamlit is not imported here, so parsing, encoding and the filter sentence are plain
functions that tests call directly; ``ui/state.py`` connects them to ``st.query_params``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

MAX_PARAM_LENGTH = 200
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")
LIST_KEYS = ("regions", "themes", "scales", "sectors")
SINGLE_KEYS = ("region", "org", "partnership")
# The bounds the filter widgets enforce: ui/widgets.py draws the period slider and the as-of date from
# these. A URL value of the right form outside them would make Streamlit refuse the widget's value with
# a traceback, so the parser refuses it first, with the other bad values, in the one warning.
YEAR_RANGE = (1980, date.today().year + 2)
AS_OF_RANGE = (date(YEAR_RANGE[0], 1, 1), date(YEAR_RANGE[1], 12, 31))


@dataclass(frozen=True)
class Vocabulary:
    """What a filter value may be: region ids (with names) and the schema's enums."""

    regions: Mapping[str, str]
    themes: Sequence[str]
    scales: Sequence[str]
    sectors: Sequence[str]

    @classmethod
    def from_schema(cls, schema, regions: Mapping[str, str]) -> Vocabulary:
        """The regions given (id -> name) and the theme, scale and sector enums of `schema`."""
        return cls(regions=dict(regions), themes=schema.table("issues").field("theme").enum,
                   scales=schema.table("partnerships").field("scale").enum,
                   sectors=schema.table("organisations").field("sector").enum)

    def allowed(self, key: str) -> Sequence[str]:
        return {"regions": list(self.regions), "themes": self.themes, "scales": self.scales,
                "sectors": self.sectors, "region": list(self.regions)}.get(key, ())


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    as_of: date | None = None
    region: str | None = None
    org: str | None = None
    partnership: str | None = None

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def sql_params(self) -> dict:
        """Named parameters for the filter macros in lpipdata/sql/00_core.sql."""
        return {"regions": list(self.regions), "themes": list(self.themes), "scales": list(self.scales),
                "sectors": list(self.sectors), "year_from": self.year_from, "year_to": self.year_to,
                "as_of": self.as_of}


@dataclass(frozen=True)
class Parsed:
    filters: Filters
    options: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def encode(filters: Filters, options: Mapping[str, str] | None = None) -> dict[str, str]:
    """Query parameters for a filter state; defaults are left out to keep URLs short."""
    query: dict[str, str] = {}
    for key in LIST_KEYS:
        if getattr(filters, key):
            query[key] = ",".join(getattr(filters, key))
    if filters.year_from is not None:
        query["from"] = str(filters.year_from)
    if filters.year_to is not None:
        query["to"] = str(filters.year_to)
    if filters.as_of is not None:
        query["asof"] = filters.as_of.isoformat()
    for key in SINGLE_KEYS:
        if getattr(filters, key):
            query[key] = getattr(filters, key)
    query.update({k: v for k, v in (options or {}).items() if v})
    return query


def parse(query: Mapping[str, str | Sequence[str]], vocab: Vocabulary,
          options: Mapping[str, Sequence[str] | None] | None = None) -> Parsed:
    """Parse query parameters; every bad value falls back to its default with a problem note.

    `options` are the page's own view options: name -> allowed values, or None for free text
    (e.g. a search box), which is accepted up to MAX_PARAM_LENGTH characters.
    """
    options = options or {}
    problems: list[str] = []
    values: dict[str, str] = {}
    for key, raw in query.items():
        text = _single(key, raw, problems)
        if text is None:
            continue
        if len(text) > MAX_PARAM_LENGTH:
            problems.append(f"'{key}' is too long ({len(text)} characters); ignored")
        elif key in KNOWN_KEYS or key in options:
            values[key] = text
        else:
            problems.append(f"unknown parameter '{key[:40]}' ignored")
    filters = Filters(
        **{key: _parse_list(key, values.get(key), vocab, problems) for key in LIST_KEYS},
        year_from=_parse_year("from", values.get("from"), problems),
        year_to=_parse_year("to", values.get("to"), problems),
        as_of=_parse_date("asof", values.get("asof"), problems),
        region=_parse_choice("region", values.get("region"), vocab.allowed("region"), problems),
        org=_parse_id("org", values.get("org"), problems),
        partnership=_parse_id("partnership", values.get("partnership"), problems),
    )
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        problems.append(f"period 'from' {filters.year_from} is after 'to' {filters.year_to}; period ignored")
        filters = filters.with_(year_from=None, year_to=None)
    chosen = {key: _parse_option(key, values.get(key), allowed, problems) for key, allowed in options.items()}
    return Parsed(filters, {k: v for k, v in chosen.items() if v is not None}, tuple(problems))


KNOWN_KEYS = set(LIST_KEYS) | set(SINGLE_KEYS) | {"from", "to", "asof"}


def _single(key: str, raw: str | Sequence[str], problems: list[str]) -> str | None:
    if isinstance(raw, str):
        return raw
    if not raw:
        return None
    if len(raw) > 1:
        problems.append(f"'{key[:40]}' given {len(raw)} times; using the first")
    return raw[0]


def _parse_list(key: str, text: str | None, vocab: Vocabulary, problems: list[str]) -> tuple[str, ...]:
    if not text:
        return ()
    allowed = vocab.allowed(key)
    items = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in items if item not in allowed]
    if unknown:
        problems.append(f"unknown {key} ignored: {', '.join(u[:40] for u in unknown[:5])}")
    return tuple(dict.fromkeys(item for item in items if item in allowed))


def _parse_choice(key: str, text: str | None, allowed: Sequence[str], problems: list[str]) -> str | None:
    if text is None or text == "":
        return None
    if text in allowed:
        return text
    problems.append(f"unknown {key} '{text[:40]}' ignored")
    return None


def _parse_option(key: str, text: str | None, allowed: Sequence[str] | None, problems: list[str]) -> str | None:
    """A view option: one of `allowed`, or, when `allowed` is None, free text (already length-checked)."""
    if allowed is None:
        return text.strip() or None if text else None
    return _parse_choice(key, text, allowed, problems)


def _parse_id(key: str, text: str | None, problems: list[str]) -> str | None:
    if not text:
        return None
    if ID_PATTERN.fullmatch(text):
        return text
    problems.append(f"'{key}' is not a valid id; ignored")
    return None


def _parse_year(key: str, text: str | None, problems: list[str]) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"[0-9]{4}", text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:  # not str.isdigit: '²' is one
        return int(text)
    problems.append(f"'{key}' must be a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}; ignored")
    return None


def _parse_date(key: str, text: str | None, problems: list[str]) -> date | None:
    if not text:
        return None
    low, high = AS_OF_RANGE
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and low <= day <= high:
            return day
    problems.append(f"'{key}' must be a date like 2024-01-31, from {low.isoformat()} to {high.isoformat()}; ignored")
    return None


def describe(filters: Filters, count: int, noun: str, vocab: Vocabulary) -> str:
    """One plain sentence of what is shown, e.g.
    '18 partnerships on net zero in Yorkshire and the Humber, active on 1 Jan 2024'."""
    parts = [f"{count:,} {noun if count != 1 else noun.rstrip('s')}"]
    if filters.themes:
        parts.append("on " + _join(filters.themes))
    if filters.scales:
        parts.append("at " + _join(filters.scales) + " scale")
    if filters.sectors:
        parts.append("with " + _join(filters.sectors) + " sector members")
    if filters.regions:
        parts.append("in " + _join([vocab.regions.get(r, r) for r in filters.regions]))
    sentence = " ".join(parts)
    if filters.year_from or filters.year_to:
        sentence += f", {filters.year_from or '…'}–{filters.year_to or '…'}"
    if filters.as_of:
        sentence += f", active on {filters.as_of.day} {filters.as_of:%b %Y}"
    return sentence


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
