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

- model.py: Story and Slide, the pages a slide may show and the file's fields and limits.
- vocab.py: what values may be: regions, themes, scales, sectors and each page's view options.
- check.py: checking a parsed file, every problem reported (StoryError).
- files.py: where storyboards live, loading them, and writing a draft as TOML.
- cli.py: ``python -m lpipdata stories validate`` and ``... export``.

Callers use the names below as `stories.X`; the submodules import each other, never this package.
"""

from lpipdata.stories.check import StoryError, check_query, check_slide, check_story
from lpipdata.stories.cli import main
from lpipdata.stories.files import (
    available_pages,
    display_path,
    draft_toml,
    load_folder,
    load_story,
    stories_dir,
    story_files,
    story_path,
)
from lpipdata.stories.model import NAME_PATTERN, PRESENTATION_KEYS, STORY_PAGES, Slide, Story
from lpipdata.stories.vocab import view_options, vocabulary, vocabulary_from_data

__all__ = [
    "NAME_PATTERN",
    "PRESENTATION_KEYS",
    "STORY_PAGES",
    "Slide",
    "Story",
    "StoryError",
    "available_pages",
    "check_query",
    "check_slide",
    "check_story",
    "display_path",
    "draft_toml",
    "load_folder",
    "load_story",
    "main",
    "stories_dir",
    "story_files",
    "story_path",
    "view_options",
    "vocabulary",
    "vocabulary_from_data",
]
