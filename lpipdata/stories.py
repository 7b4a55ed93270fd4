"""Storyboards: prepared sequences of views (slides) for presenting, stored in ``data/stories/``.

A storyboard is a TOML file, ``data/stories/<name>.toml``::

    title = "Four LPIPs in five slides"
    description = "What the atlas shows about the four phase 2 LPIPs."

    [[slides]]
    page = "network"                      # a page of the atlas (see STORY_PAGES)
    title = "Yorkshire's partnership network"
    caption = "One short sentence the audience reads."
    notes = "What the presenter says; shown only in a collapsed expander."
    query = { regions = "yh" }            # the page's deep-link parameters

``query`` holds exactly the parameters a page understands in its URL: the shared filters
(regions, themes, scales, sectors, from, to, asof, region, org, partnership) and the page's
own view options. Values are text; whole numbers, TOML dates and arrays of text are
accepted and written as the URL writes them (``regions = ["yh", "rw"]`` is ``regions=yh,rw``).
A slide's URL is then ``/<page>?<query>&present=1&story=<name>&slide=<n>``.

Validation is strict, unlike a URL typed by hand: an unknown region or option is an error,
reported as ``<file>: slide <n>: <field>: <problem>``. Streamlit is not imported here.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from lpipdata import filters as flt
from lpipdata.config import PROJECT_ROOT, settings
from lpipdata.schema import load_schema

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# The pages a slide can show: ui/nav.py's registry without the presenting page itself
# (a unit test keeps the two lists equal).
STORY_PAGES = ("home", "map", "network", "timeline", "region", "compare", "evidence")
PRESENTATION_KEYS = ("present", "story", "slide")
STORY_FIELDS = ("title", "description", "slides")
SLIDE_FIELDS = ("page", "title", "caption", "notes", "query")
TITLE_LIMIT, CAPTION_LIMIT, NOTES_LIMIT, DESCRIPTION_LIMIT = 120, 240, 4000, 1000
MAX_SLIDES = 100


@dataclass(frozen=True)
class Slide:
    page: str
    title: str
    caption: str = ""
    notes: str = ""
    filters: flt.Filters = flt.Filters()
    options: tuple[tuple[str, str], ...] = ()

    @property
    def query(self) -> dict[str, str]:
        """The page's own deep-link parameters, encoded as the page writes them."""
        return flt.encode(self.filters, dict(self.options))


@dataclass(frozen=True)
class Story:
    name: str
    title: str
    description: str
    slides: tuple[Slide, ...]

    def slide(self, number: int) -> Slide:
        """Slide `number`, counting from 1."""
        return self.slides[number - 1]

    def link(self, number: int) -> dict[str, str]:
        """The full URL query of slide `number`: its deep link plus the presentation keys."""
        return {**self.slide(number).query, "present": "1", "story": self.name, "slide": str(number)}


class StoryError(ValueError):
    """A storyboard file that cannot be presented; `problems` lists every reason."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


# --------------------------------------------------------------------------- where stories live

def stories_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or settings().data_dir) / "stories"


def story_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def story_path(name: str, folder: Path) -> Path | None:
    """The file of storyboard `name`, or None when the name is malformed or no such file exists."""
    if not NAME_PATTERN.match(name):
        return None
    path = folder / f"{name}.toml"
    return path if path.is_file() else None


def available_pages(root: Path = PROJECT_ROOT) -> tuple[str, ...]:
    """The story pages that exist in this build (the same rule as ui/nav.py: the module exists)."""
    return tuple(page for page in STORY_PAGES if (root / "pages" / f"{page}.py").exists())


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- vocabularies

def vocabulary_from_data(data_dir: Path) -> flt.Vocabulary:
    """What filter values may be, read from the source CSVs (no database needed)."""
    schema = load_schema(data_dir / "datapackage.json")
    with (data_dir / "regions.csv").open(encoding="utf-8", newline="") as handle:
        regions = {row["region_id"]: row["name"] for row in csv.DictReader(handle)}
    return vocabulary(schema, regions)


def vocabulary(schema, regions: Mapping[str, str]) -> flt.Vocabulary:
    return flt.Vocabulary(regions=dict(regions), themes=schema.table("issues").field("theme").enum,
                          scales=schema.table("partnerships").field("scale").enum,
                          sectors=schema.table("organisations").field("sector").enum)


def view_options(page: str, vocab: flt.Vocabulary) -> dict[str, Sequence[str] | None]:
    """The view options a slide may set on `page`, with their allowed values (None: free text).

    They mirror what each page passes to state.page_state; tests compare them with the pages'
    own definitions. A page not listed here takes only the shared filters in a story.
    """
    if page == "network":
        from lpipdata.network import URL_OPTIONS

        return dict(URL_OPTIONS)
    if page == "map":
        return _map_options(vocab)
    if page == "compare":
        from lpipdata.figures.compare import MEASURES, SECTIONS

        return {"measure": tuple(MEASURES), "section": tuple(SECTIONS)}
    if page == "timeline":
        return {"colour": ("region", "theme"), "event": None}
    if page == "evidence":
        schema = load_schema()
        return {"q": None, "kind": schema.table("sources").field("kind").enum,
                "confidence": schema.table("observations").field("confidence").enum,
                "layout": ("list", "table"), "source": None}
    return {}


def _map_options(vocab: flt.Vocabulary) -> dict[str, Sequence[str]]:
    from lpipdata.figures import map as map_figures
    from lpipdata.queries import map as map_queries

    layers = ("none",) + tuple(",".join(combo) for size in range(1, len(map_queries.LAYERS) + 1)
                               for combo in combinations(map_queries.LAYERS, size))
    return {"measure": map_queries.MEASURES, "emphasis": tuple(vocab.themes), "layers": layers,
            "colour": tuple(map_figures.COLOUR_BY_TITLES), "size": tuple(map_figures.SIZE_BY_TITLES),
            "basemap": tuple(map_figures.BASEMAPS)}


# --------------------------------------------------------------------------- loading and checking

def load_story(path: Path, vocab: flt.Vocabulary, pages: Sequence[str] | None = None) -> Story:
    """Read and check one storyboard file; raises StoryError listing every problem."""
    label = display_path(path)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise StoryError([f"{label}: cannot read the file ({err})"]) from err
    except tomllib.TOMLDecodeError as err:
        raise StoryError([f"{label}: not valid TOML: {err}"]) from err
    story, problems = check_story(document, path.stem, label, vocab,
                                  available_pages() if pages is None else pages)
    if problems:
        raise StoryError(problems)
    return story


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


def load_folder(folder: Path, vocab: flt.Vocabulary, pages: Sequence[str] | None = None) -> tuple[list[Story], list[str]]:
    """Every storyboard in `folder`, and the problems of those that failed."""
    stories, problems = [], []
    for path in story_files(folder):
        try:
            stories.append(load_story(path, vocab, pages))
        except StoryError as err:
            problems += err.problems
    return stories, problems


# --------------------------------------------------------------------------- writing a draft

def draft_toml(title: str, slides: Sequence[Mapping], description: str = "") -> str:
    """A storyboard file from draft slides (dicts of page, title, caption, notes and query).

    TOML basic strings share JSON's escapes, so json.dumps writes every value safely.
    """
    lines = [f"title = {_toml_text(title)}"]
    if description:
        lines.append(f"description = {_toml_text(description)}")
    for slide in slides:
        lines += ["", "[[slides]]"]
        lines += [f"{field} = {_toml_text(slide.get(field) or '')}" for field in ("page", "title", "caption", "notes")]
        pairs = ", ".join(f"{_toml_text(k)} = {_toml_text(v)}" for k, v in (slide.get("query") or {}).items())
        lines.append(f"query = {{ {pairs} }}" if pairs else "query = {}")
    return "\n".join(lines) + "\n"


def _toml_text(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)


# --------------------------------------------------------------------------- command line

def main(argv: Sequence[str] | None = None) -> int:
    """`stories validate [FILE ...]` and `stories export NAME --out FILE` (wired as `python -m lpipdata stories`)."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    config = settings()
    top = argparse.ArgumentParser(prog="python -m lpipdata stories", description="Check and export storyboards.")
    commands = top.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("validate", help="check storyboards against the schema and the data's vocabulary")
    check.add_argument("files", nargs="*", type=Path, help="story files (default: every file in data/stories/)")
    check.add_argument("--data", type=Path, default=config.data_dir, help="data folder (default: $LPIP_DATA_DIR or data/)")
    check.set_defaults(run=_run_validate)
    export = commands.add_parser("export", help="write one storyboard as a self-contained offline HTML file")
    export.add_argument("name", help="story name: the file name in data/stories/ without .toml")
    export.add_argument("--out", type=Path, required=True, help="HTML file to write")
    export.add_argument("--db", type=Path, default=config.db_path, help="database (default: $LPIP_DB or data/lpip.duckdb)")
    export.add_argument("--data", type=Path, default=config.data_dir, help="data folder holding stories/")
    export.set_defaults(run=_run_export)
    return top


def _run_validate(args: argparse.Namespace) -> int:
    vocab = vocabulary_from_data(args.data)
    files = args.files or story_files(stories_dir(args.data))
    if not files:
        print(f"{display_path(stories_dir(args.data))}: no storyboards (*.toml) found", file=sys.stderr)
        return 1
    problems = []
    for path in files:
        try:
            story = load_story(path, vocab)
            print(f"{display_path(path)}: valid, {len(story.slides)} slides")
        except StoryError as err:
            problems += err.problems
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


def _run_export(args: argparse.Namespace) -> int:
    from lpipdata import db, story_export
    from lpipdata.queries.home import region_names

    path = story_path(args.name, stories_dir(args.data))
    if path is None:
        print(f"no storyboard '{args.name[:60]}' in {display_path(stories_dir(args.data))}", file=sys.stderr)
        return 1
    try:
        con = db.connect(args.db)
    except db.DatabaseMissing as err:
        print(err, file=sys.stderr)
        return 1
    try:
        story = load_story(path, vocabulary(load_schema(args.data / "datapackage.json"), region_names(con)))
        html_text = story_export.export_story(con, story)
    except StoryError as err:
        print("\n".join(err.problems), file=sys.stderr)
        return 1
    finally:
        con.close()
    args.out.write_text(html_text, encoding="utf-8")
    print(f"wrote {args.out} ({len(story.slides)} slides, {len(html_text.encode()) // 1024:,} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
