"""Checking a parsed storyboard: every problem as '<label>: [slide <n>: ]<field>: <problem>'."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from lpipdata import filters as flt
from lpipdata.stories.model import (
    CAPTION_LIMIT,
    DESCRIPTION_LIMIT,
    MAX_SLIDES,
    NAME_PATTERN,
    NOTES_LIMIT,
    PRESENTATION_KEYS,
    SLIDE_FIELDS,
    STORY_FIELDS,
    STORY_PAGES,
    TITLE_LIMIT,
    Slide,
    Story,
)
from lpipdata.stories.vocab import view_options


class StoryError(ValueError):
    """A storyboard file that cannot be presented; `problems` lists every reason."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def check_story(document: Mapping, name: str, label: str, vocab: flt.Vocabulary,
                pages: Sequence[str]) -> tuple[Story | None, list[str]]:
    """The story in a parsed TOML document, and every problem as '<label>: [slide n: ]field: message'."""
    problems = [f"{label}: {message}" for message in _story_fields(document, name)]
    slides_raw = document.get("slides")
    slides = []
    if not isinstance(slides_raw, list) or not slides_raw:
        problems.append(f"{label}: slides: at least one [[slides]] table is required")
    elif len(slides_raw) > MAX_SLIDES:
        problems.append(f"{label}: slides: {len(slides_raw)} slides; at most {MAX_SLIDES} are allowed")
    else:
        for number, raw in enumerate(slides_raw, start=1):
            slide, slide_problems = check_slide(raw, vocab, pages)
            problems += [f"{label}: slide {number}: {message}" for message in slide_problems]
            slides.append(slide)
    if problems:
        return None, problems
    return Story(name, document["title"].strip(), document.get("description", "").strip(), tuple(slides)), []


def _story_fields(document: Mapping, name: str) -> list[str]:
    problems = [f"{key}: unknown field (expected {', '.join(STORY_FIELDS)})" for key in document
                if key not in STORY_FIELDS]
    if not NAME_PATTERN.match(name):
        problems.append(f"file name: '{name[:60]}' must be lowercase letters, digits and hyphens (e.g. four-lpips.toml)")
    problems += _text_problems(document, "title", TITLE_LIMIT, required=True)
    problems += _text_problems(document, "description", DESCRIPTION_LIMIT, required=False)
    return problems


def check_slide(raw: object, vocab: flt.Vocabulary, pages: Sequence[str]) -> tuple[Slide | None, list[str]]:
    """One [[slides]] table: its page, texts and query; problems as 'field: message'."""
    if not isinstance(raw, dict):
        return None, ["must be a table of page, title, caption, notes and query"]
    problems = [f"{key}: unknown field (expected {', '.join(SLIDE_FIELDS)})" for key in raw if key not in SLIDE_FIELDS]
    problems += _page_problems(raw.get("page"), pages)
    problems += _text_problems(raw, "title", TITLE_LIMIT, required=True)
    problems += _text_problems(raw, "caption", CAPTION_LIMIT, required=True)
    problems += _text_problems(raw, "notes", NOTES_LIMIT, required=False)
    page = raw.get("page") if raw.get("page") in STORY_PAGES else None
    filters, options, query_problems = check_query(raw.get("query", {}), page, vocab)
    problems += query_problems
    if problems:
        return None, problems
    return Slide(page, raw["title"].strip(), raw["caption"].strip(), raw.get("notes", "").strip(),
                 filters, tuple(options.items())), []


def _page_problems(page: object, pages: Sequence[str]) -> list[str]:
    if page is None:
        return ["page: missing (one of " + ", ".join(STORY_PAGES) + ")"]
    if page not in STORY_PAGES:
        return [f"page: {str(page)[:40]!r} is not a page ({', '.join(STORY_PAGES)})"]
    if page not in pages:
        return [f"page: {page!r} is not built yet (pages/{page}.py is missing)"]
    return []


def _text_problems(table: Mapping, field: str, limit: int, required: bool) -> list[str]:
    value = table.get(field)
    if value is None:
        return [f"{field}: missing"] if required else []
    if not isinstance(value, str):
        return [f"{field}: must be text, not {type(value).__name__}"]
    if required and not value.strip():
        return [f"{field}: is empty"]
    if len(value) > limit:
        return [f"{field}: {len(value)} characters; keep it to {limit}"]
    return []


def check_query(raw: object, page: str | None, vocab: flt.Vocabulary) -> tuple[flt.Filters, dict[str, str], list[str]]:
    """The slide's deep link, checked like a URL but with every ignored value reported as an error."""
    if not isinstance(raw, dict):
        return flt.Filters(), {}, ["query: must be a table, e.g. query = { regions = \"yh\" }"]
    # With an unknown page its options cannot be checked; the page itself is reported instead.
    options = view_options(page, vocab) if page else {key: None for key in raw if key not in flt.KNOWN_KEYS}
    problems: list[str] = []
    query: dict[str, str] = {}
    for key, value in raw.items():
        text, problem = _query_text(key, value)
        if problem:
            problems.append(f"query.{key}: {problem}")
            continue
        parsed = flt.parse({key: text}, vocab, options)
        problems += [f"query.{key}: {_as_error(p)}" for p in parsed.problems]
        query[key] = text
    whole = flt.parse(query, vocab, options)
    if not problems:  # what is left are problems between fields, e.g. a period that ends before it starts
        problems += [f"query: {_as_error(p)}" for p in whole.problems]
    return whole.filters, whole.options, problems


def _query_text(key: str, value: object) -> tuple[str, str | None]:
    """The URL text of one query value, or a problem."""
    if key in PRESENTATION_KEYS:
        return "", "is set by the storyboard itself; remove it"
    if isinstance(value, bool) or isinstance(value, datetime):
        return "", f"must be text, a whole number, a date or a list of text, not {value!r}"
    if isinstance(value, str):
        return value, None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value), None
    return "", f"must be text, a whole number, a date or a list of text, not {type(value).__name__}"


def _as_error(problem: str) -> str:
    """flt.parse words problems as 'ignored' (a URL recovers); in a story file they are errors."""
    return re.sub(r"(; period)? ignored\b|; ignored$", "", problem)
