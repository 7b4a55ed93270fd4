"""The HTML document: a cover, one section per slide, plotly.js inlined once, arrow-key stepping.

All text from the story and the data is escaped with html.escape; figure data travels as JSON
that plotly.io escapes for a script element.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lpipdata.figures import theme
from lpipdata.stories.model import Slide, Story
from lpipdata.story_export.figures import slide_figures


def export_story(con, story: Story, exported_on: date | None = None) -> str:
    """The storyboard as one HTML document (figures computed from the database `con`)."""
    return story_html(story, [slide_figures(con, slide) for slide in story.slides], exported_on or date.today())


# --------------------------------------------------------------------------- the document

def story_html(story: Story, figures: Sequence[Sequence[go.Figure]], exported_on: date) -> str:
    """The whole document; `figures[i]` are slide i's figures (pure: no database, no network)."""
    total = len(story.slides)
    sections = [_slide_section(story, number, slide, figures[number - 1], total)
                for number, slide in enumerate(story.slides, start=1)]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(story.title)}</title>", f"<style>{STYLE}</style>",
        f"<script>{get_plotlyjs()}</script>", "</head>", "<body>",
        _cover(story, exported_on), *sections, f"<script>{KEYS_SCRIPT}</script>", "</body>", "</html>",
    ])


def _cover(story: Story, exported_on: date) -> str:
    return (f'<header class="cover"><h1>{_text(story.title)}</h1>'
            + (f"<p>{_text(story.description)}</p>" if story.description else "")
            + f'<p class="meta">{len(story.slides)} slides · exported {exported_on:%d %b %Y} from the LPIP governance '
            "atlas · use the arrow keys to step through</p></header>")


def _slide_section(story: Story, number: int, slide: Slide, figures: Sequence[go.Figure], total: int) -> str:
    charts = "".join(_figure_div(figure, f"{story.name}-{number}-{index}")
                     for index, figure in enumerate(figures, start=1))
    if not figures:
        charts = (f'<p class="no-figure">This slide shows the {_text(slide.page)} view, which has no chart in this '
                  "export; open its link in the atlas to see it live.</p>")
    return (f'<section class="slide" id="slide-{number}" data-slide="{number}">'
            f'<div class="slide-head"><h2>{_text(slide.title)}</h2>'
            f'<span class="counter">Slide {number} of {total}</span></div>'
            f'<p class="caption">{_text(slide.caption)}</p><div class="figures">{charts}</div>'
            f'<p class="link">In the atlas: <code>{_text(_deep_link(slide))}</code></p>'
            + (f'<details class="notes"><summary>Presenter notes</summary><p>{_text(slide.notes)}</p></details>'
               if slide.notes else "")
            + "</section>")


def _figure_div(figure: go.Figure, name: str) -> str:
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, div_id=f"figure-{name}",
                       config=theme.chart_config(f"lpip-{name}"), default_width="100%")


def _deep_link(slide: Slide) -> str:
    from urllib.parse import urlencode

    query = urlencode(slide.query)
    return f"/{slide.page}" + (f"?{query}" if query else "")


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value))


# Fixed style and script: no data is ever interpolated into these two strings.
STYLE = """
body { margin: 0; font: 20px/1.4 system-ui, 'Source Sans Pro', Arial, sans-serif; color: #000; background: #fff; }
.cover, .slide { box-sizing: border-box; min-height: 100vh; padding: 32px 48px; border-bottom: 2px solid #ccc; }
.cover h1 { font-size: 56px; margin: 20vh 0 16px; }
.slide-head { display: flex; align-items: baseline; justify-content: space-between; gap: 24px; }
.slide h2 { font-size: 44px; margin: 0 0 8px; }
.counter { font-size: 22px; color: #333; white-space: nowrap; }
.caption { font-size: 26px; margin: 0 0 16px; }
.meta, .link { color: #333; font-size: 18px; }
.figures > div { margin-bottom: 16px; }
.notes { font-size: 18px; background: #f4f4f4; padding: 8px 16px; }
.no-figure { font-size: 22px; background: #f4f4f4; padding: 16px; }
@media print { .cover, .slide { page-break-after: always; min-height: auto; } }
"""

KEYS_SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
  function current() {
    var index = -1;
    slides.forEach(function (slide, i) { if (slide.getBoundingClientRect().top <= 40) { index = i; } });
    return index;
  }
  function go(index) {
    if (index < 0) { window.scrollTo(0, 0); return; }
    if (index < slides.length) { slides[index].scrollIntoView(); history.replaceState(null, '', '#' + slides[index].id); }
  }
  document.addEventListener('keydown', function (event) {
    if (event.target.closest && event.target.closest('input, textarea, select, summary')) { return; }
    var forward = ['ArrowRight', 'PageDown', ' '].indexOf(event.key) >= 0;
    var back = ['ArrowLeft', 'PageUp'].indexOf(event.key) >= 0;
    if (!forward && !back) { return; }
    event.preventDefault();
    go(current() + (forward ? 1 : -1));
  });
})();
"""
