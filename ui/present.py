"""Presentation mode and storyboard slides: the frame dashboard.py draws around every page.

- ``?present=1`` hides the navigation (``st.navigation(position="hidden")``), the sidebar, the
  header and the toolbar, and sets large, high-contrast type. Streamlit's theme is fixed at
  server start (``.streamlit/config.toml``) and has no per-session switch, so type size and
  chrome use a fixed CSS string from this module: never data.
- ``&story=NAME&slide=N`` adds the slide's title, caption, "slide N of M", Previous/Next
  (the left and right arrow keys) and the presenter notes. Each slide is its page's own deep
  link, so moving to a slide is ``st.switch_page(page, query_params=story.link(n))``.
- In the normal layout the sidebar holds the presentation toggle and "Add current view to
  storyboard", which collects slides in this session's draft (downloaded on /present; the
  server never writes into data/).
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lpipdata import stories, story_export
from lpipdata.safe import escape_markdown as md
from ui import cached, nav, state

TOGGLE_KEY = state.widget_key("presentation_toggle")
DRAFT_EDITOR_KEY = state.widget_key("draft_story_editor")
DRAFT_TITLE_KEY = state.widget_key("draft_story_title")

# Every view, in either layout: Streamlit draws captions at 60% opacity, which leaves grey text at
# about 4.5:1 and a link in a caption (a source, the map's licence) below WCAG AA's 4.5:1. A solid
# grey of the same weight keeps captions quiet and readable (axe, tests/e2e/test_every_view_browser.py).
READABLE_CSS = """<style>
[data-testid="stCaptionContainer"] { opacity: 1; color: #595959; }
</style>"""

# Chrome hidden where Streamlit has no API for it (the navigation itself is hidden through
# st.navigation); type set in rem so Streamlit's own proportions (titles larger) are kept.
# The header above the page has a known maximum height (--lpip-header) so that the stage, the
# box holding the page's main figure, can fill the rest of the screen: Streamlit has no
# viewport-relative height, so the stage's height is the one place CSS sizes content.
PRESENT_CSS = """<style>
html { font-size: clamp(20px, 1.2vw, 23px); }
:root { --lpip-header: 3.6rem; }
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1.5rem 2rem 1.5rem; max-width: 100%; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { color: #000; background: #fff; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #262626; }
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h1) { display: none; }
[data-testid="stLayoutWrapper"]:has(> .st-key-lpip_slide) { max-height: var(--lpip-header); }
.st-key-lpip_slide { height: 100%; overflow: hidden; border-bottom: 3px solid #000; padding-bottom: 0.4rem; }
.st-key-lpip_slide h2 { font-size: clamp(1.6rem, 2.6vw, 2.3rem); font-weight: 700; padding: 0; line-height: 1.15;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-lpip_slide button { min-height: 2.1rem; padding: 0.1rem 0.7rem; }
[data-testid="stLayoutWrapper"]:has(> .st-key-lpip_stage) {
  height: calc(100dvh - var(--lpip-header) - 2.5rem); min-height: 14rem; }
.st-key-lpip_stage { height: 100%; }
.st-key-lpip_stage > [data-testid="stLayoutWrapper"],
.st-key-lpip_stage [data-testid="stElementContainer"]:has(.stPlotlyChart) { flex: 1 1 0; min-height: 0; }
.st-key-lpip_stage [data-testid="stHorizontalBlock"] { height: 100%; }
.st-key-lpip_stage [data-testid="stColumn"] { display: flex; flex-direction: column; height: 100%; min-height: 0;
  overflow-y: auto; }
.st-key-lpip_stage [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { min-height: 0; }
</style>"""

# A slide's header holds its title row and a caption of at most two lines.
SLIDE_CSS = """<style>
:root { --lpip-header: 7.9rem; }
.st-key-lpip_slide_caption p { font-size: 1.1rem; line-height: 1.6; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; }
.st-key-lpip_slide_counter p { font-size: 0.9rem; color: #262626; white-space: nowrap; }
</style>"""

STAGE_KEY = "lpip_stage"


# --------------------------------------------------------------------------- the frame

def navigation_position() -> str:
    return "hidden" if state.current_query().get("present") == "1" else "sidebar"


def page_name(page) -> str | None:
    """The registry name of the page st.navigation chose (the default page has url_path '')."""
    return next((spec.name for spec in nav.PAGES if (spec.url_path or "") == page.url_path), None)


def frame(page) -> None:
    """Draw presentation mode or the normal-layout controls; call before page.run()."""
    current = page_name(page)
    query = state.current_query()
    st.html(READABLE_CSS)
    if query.get("present") != "1":
        if current != "present":
            normal_controls(current, page.title)
        return
    st.html(PRESENT_CSS)
    if not query.get("story"):
        view_header(page.title)
        return
    story, number, problem = resolve(query["story"], query.get("slide"))
    if story is None:
        view_header(page.title)
        st.warning(problem, icon=":material/slideshow:")
        return
    slide_header(story, number, current, query)
    if problem:
        st.warning(problem)


def view_header(title: str) -> None:
    """Presentation mode without a storyboard: the view's title and a way out."""
    with st.container(key="lpip_slide"), st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"## {md(title)}", width="stretch", anchors=False)
        st.button("Exit presentation", icon=":material/close_fullscreen:", key="present_exit",
                  on_click=state.set_presenting, args=(False,), help="Back to the normal layout, same view")


def stage(presenting: bool):
    """The box for a page's main figure: in presentation mode it fills the screen below the header
    (see PRESENT_CSS); otherwise it adds nothing."""
    return st.container(key=STAGE_KEY) if presenting else contextlib.nullcontext()


def chart_height(presenting: bool) -> str:
    """st.plotly_chart's height: the stage's full height when presenting, else the figure's own."""
    return "stretch" if presenting else "content"


def resolve(name: str, slide_text: str | None) -> tuple[stories.Story | None, int, str | None]:
    """The storyboard, the slide number (1 when missing or out of range) and a problem to show."""
    path = stories.story_path(name, stories.stories_dir())
    if path is None:
        return None, 0, f"There is no storyboard named '{md(name[:60])}' in data/stories/."
    try:
        story = stories.load_story(path, state.vocabulary(), pages=stories.STORY_PAGES)
    except stories.StoryError as err:
        return None, 0, "This storyboard cannot be shown: " + "; ".join(md(p) for p in err.problems)
    if slide_text and slide_text.isdigit() and 1 <= int(slide_text) <= len(story.slides):
        return story, int(slide_text), None
    problem = None if slide_text is None else f"There is no slide {md(slide_text[:10])}; showing slide 1."
    return story, 1, problem


def slide_header(story: stories.Story, number: int, current: str | None, query: dict[str, str]) -> None:
    """Title, slide N of M, presenter notes, Previous/Next on the arrow keys, Exit, and the caption."""
    slide = story.slide(number)
    moved_away = nav.spec(slide.page) is not None and (current != slide.page or _view_query(query) != slide.query)
    st.html(SLIDE_CSS)
    with st.container(key="lpip_slide"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.markdown(f"## {md(slide.title)}", width="stretch", anchors=False)
            back, previous, following = slide_controls(slide, number, len(story.slides), moved_away)
        with st.container(key="lpip_slide_caption"):
            st.markdown(md(slide.caption))
    if back:
        go_to(story, number)
    if previous or following:
        go_to(story, number - 1 if previous else number + 1)


def slide_controls(slide: stories.Slide, number: int, total: int, moved_away: bool) -> tuple[bool, bool, bool]:
    """The header's controls; the notes sit in a popover rather than an expander because it
    takes no row of its own, which a 720-pixel screen needs. Returns (back, previous, next)."""
    with st.container(key="lpip_slide_counter", width="content"):
        st.markdown(f"Slide {number} of {total}")
    back = moved_away and st.button("Back to the slide", icon=":material/undo:", key="slide_back",
                                    help="You changed the view; this restores the slide as prepared")
    with st.popover("Notes", icon=":material/speaker_notes:", help="Presenter notes"):
        st.markdown(md(slide.notes) or "No notes for this slide.")
    previous = st.button("Previous", icon=":material/arrow_back:", shortcut="Left", key="slide_previous",
                         disabled=number == 1, help="Previous slide (left arrow key)")
    following = st.button("Next", icon=":material/arrow_forward:", shortcut="Right", key="slide_next",
                          disabled=number == total, type="primary", help="Next slide (right arrow key)")
    st.button("Exit", icon=":material/close:", key="slide_exit", on_click=state.set_presenting, args=(False,),
              help="Leave presentation mode and keep this view")
    return back, previous, following


def _view_query(query: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in query.items() if key not in state.PRESENTATION_KEYS}


def go_to(story: stories.Story, number: int) -> None:
    """Open slide `number`: its page with its deep link (or /present when that page is not built)."""
    page = nav.spec(story.slide(number).page)
    if page is None:
        st.switch_page(nav.spec("present").path, query_params={"present": "1", "story": story.name,
                                                               "slide": str(number)})
    st.switch_page(page.path, query_params=story.link(number))


# --------------------------------------------------------------------------- the normal layout

def normal_controls(current: str | None, title: str) -> None:
    """The presentation toggle and "Add current view to storyboard", in the sidebar."""
    st.session_state[TOGGLE_KEY] = False
    with st.sidebar, st.container(key="lpip_present_controls"):
        st.toggle("Presentation mode", key=TOGGLE_KEY, on_change=state.set_presenting, args=(True,),
                  help="Large type and no sidebar, for screen sharing. Leave it with **Exit presentation**.")
        if current is not None:
            st.button("Add current view to storyboard", icon=":material/add_to_photos:", key="story_add",
                      on_click=add_current_view, args=(current, title))
        draft = state.draft_story()
        if draft:
            nav.link("present", f"Draft storyboard: {len(draft)} slide{'s' * (len(draft) != 1)}",
                     icon=":material/slideshow:")


def add_current_view(page: str, title: str) -> None:
    """Append this page and its URL state to the session's draft storyboard."""
    slides = state.draft_story()
    slides.append({"page": page, "title": title, "caption": "", "notes": "",
                   "query": _view_query(state.current_query())})
    state.save_draft_story(slides)
    st.toast(f"Added as slide {len(slides)} of your draft storyboard. Edit and download it on the Present page.",
             icon=":material/add_to_photos:")


# --------------------------------------------------------------------------- the /present page

def open_slide(name: str, slide_text: str | None, presenting: bool) -> None:
    """/present?story=NAME&slide=N: switch to the slide's page; explain when that is not possible."""
    story, number, problem = resolve(name, slide_text)
    if story is None:
        if not presenting:  # in presentation mode the frame has already said why
            st.warning(problem, icon=":material/slideshow:")
        return
    page = nav.spec(story.slide(number).page)
    if page is not None:
        st.switch_page(page.path, query_params=story.link(number))
    st.info(f"This slide shows the **{md(story.slide(number).page)}** view, which is not part of this build yet, "
            "so there is nothing to draw. Use Next or Previous to carry on.", icon=":material/construction:")
    st.stop()


def story_list() -> None:
    """Every storyboard in data/stories/: start it, or download it as one offline HTML file."""
    files = stories.story_files(stories.stories_dir())
    if not files:
        st.info("No storyboards yet. Add views to a draft below, download it, and import it (see the end of this page).")
    for path in files:
        with st.container(border=True):
            try:
                story = stories.load_story(path, state.vocabulary(), pages=stories.STORY_PAGES)
            except stories.StoryError as err:
                st.error("\n".join(f"- {md(problem)}" for problem in err.problems), icon=":material/error:")
                continue
            story_card(story)


def story_card(story: stories.Story) -> None:
    st.subheader(md(story.title), anchor=False)
    if story.description:
        st.markdown(md(story.description))
    st.markdown("\n".join(f"{n}. {md(slide.title)}" + ("" if nav.spec(slide.page) else " _(view not built yet)_")
                          for n, slide in enumerate(story.slides, start=1)))
    with st.container(horizontal=True):
        nav.link("present", "Start presenting", {"present": "1", "story": story.name, "slide": "1"},
                 icon=":material/play_arrow:")
        st.download_button("Offline HTML", lambda: cached.fetch(story_export.export_story, story),
                           file_name=f"{story.name}.html", mime="text/html", on_click="ignore",
                           icon=":material/download:", key=f"export_{story.name}",
                           help="One self-contained file with every slide's charts: opens offline, arrow keys step.")


def draft_editor() -> None:
    """The session's draft: edit titles, captions and notes, check it, download it as TOML."""
    slides = state.draft_story()
    if not slides:
        st.info("Your draft is empty. Open any view, set it up, and press "
                "**Add current view to storyboard** in the sidebar.", icon=":material/add_to_photos:")
        return
    title = st.text_input("Storyboard title", value="My storyboard", key=DRAFT_TITLE_KEY, max_chars=120)
    table = pd.DataFrame([{"page": s["page"], "title": s["title"], "caption": s["caption"], "notes": s["notes"],
                           "link": _link_text(s)} for s in slides])
    edited = st.data_editor(table, key=DRAFT_EDITOR_KEY, hide_index=True, disabled=["page", "link"],
                            num_rows="fixed", width="stretch")
    drafted = [{**slide, **{field: _cell_text(row[field]) for field in ("title", "caption", "notes")}}
               for slide, (_, row) in zip(slides, edited.iterrows())]
    text = stories.draft_toml(title, drafted)
    name = _file_name(title)
    _, problems = stories.check_story(tomllib.loads(text), name, f"{name}.toml", state.vocabulary(),
                                      stories.STORY_PAGES)
    if problems:
        st.warning("Before importing, fill in or fix:\n" + "\n".join(f"- {md(p)}" for p in problems))
    with st.container(horizontal=True):
        st.download_button("Download storyboard (.toml)", text, file_name=f"{name}.toml", mime="application/toml",
                           on_click="ignore", icon=":material/download:", key="draft_download")
        st.button("Clear draft", icon=":material/delete:", key="draft_clear", on_click=_clear_draft)


def _link_text(slide: dict) -> str:
    return f"/{slide['page']}" + (f"?{urlencode(slide['query'])}" if slide["query"] else "")


def _cell_text(value: object) -> str:
    """An edited cell as text: a cell the user emptied comes back as None or NaN."""
    return "" if value is None or pd.isna(value) else str(value)


def _file_name(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return slug if stories.NAME_PATTERN.match(slug) else "my-storyboard"


def _clear_draft() -> None:
    state.save_draft_story([])
    st.session_state.pop(DRAFT_EDITOR_KEY, None)
