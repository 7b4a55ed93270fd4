"""The storyboard model: a Story is a named sequence of Slides, each a page and its deep link."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lpipdata import filters as flt

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# The pages a slide can show: ui/nav.py's registry without the presenting page itself
# (a unit test keeps the two lists equal).
STORY_PAGES = ("home", "map", "network", "timeline", "region", "compare", "evidence", "patterns", "multilevel")
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
