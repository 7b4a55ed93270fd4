"""AppTest of presentation mode, /present and the example storyboard, against the tiny database."""

import tomllib

import pytest
from streamlit.runtime.pages_manager import PagesManager

from lpipdata import stories
from tests.app.conftest import run_app
from ui import present

PRESENT = "pages/present.py"
SLIDES = [  # (title, page, query) of data/stories/four-lpips.toml
    ("The UK's LPIP places", "map", {"measure": "partnerships"}),
    ("Yorkshire's partnership network", "network", {"regions": "yh"}),
    ("How Yorkshire's partnerships grew", "timeline", {"regions": "yh"}),
    ("The four phase 2 LPIPs side by side", "compare", {"regions": "yh,rw,forth,ni", "section": "scales"}),
    ("Rural Wales", "region", {"region": "rw"}),
    ("Conditions against coded evidence", "patterns",
     {"cases": "regions", "conditions": "has_university,scales_spanned,member_count"}),
    ("How Yorkshire's levels connect", "multilevel", {"regions": "yh"}),
]


@pytest.fixture(autouse=True)
def entry_script_runs(monkeypatch):
    """Run dashboard.py around every page, as `streamlit run` does (ui/__init__.py).

    Streamlit 1.67 treats an app with a pages/ folder as a version-1 multipage app until its entry
    script has called st.navigation, and AppTest resets that before every run; ui/__init__.py's
    switch-and-rerun lands AppTest on the default page, so without this a switched-to page would
    run alone, without the presentation frame that dashboard.py draws.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def slide_title(app) -> str:
    return next(m.value.removeprefix("## ") for m in app.markdown if m.value.startswith("## "))


def counter(app) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("Slide "))


def assert_on_slide(app, number: int) -> None:
    title, _, query = SLIDES[number - 1]
    assert not app.exception, app.exception
    assert slide_title(app) == title
    assert counter(app) == f"Slide {number} of {len(SLIDES)}"
    assert dict(app.query_params) == {**query, "present": "1", "story": "four-lpips", "slide": str(number)}


def test_present_opens_the_first_slide_and_steps_through_every_slide(tiny_env):
    app = run_app(PRESENT, story="four-lpips", slide="1")
    assert_on_slide(app, 1)
    assert app.button(key="slide_previous").disabled and not app.button(key="slide_next").disabled
    for number in range(2, len(SLIDES) + 1):
        app.button(key="slide_next").click().run()
        assert_on_slide(app, number)
    assert app.button(key="slide_next").disabled
    app.button(key="slide_previous").click().run()
    assert_on_slide(app, len(SLIDES) - 1)


def test_a_slide_url_restores_the_slide_in_a_new_session(tiny_env):
    app = run_app("pages/network.py", regions="yh", present="1", story="four-lpips", slide="2")
    assert_on_slide(app, 2)
    assert not app.warning  # present, story and slide are known to every page
    assert any("Yorkshire and the Humber" in c.value for c in app.caption)  # the page itself, filtered to yh


def test_the_slide_shows_its_caption_and_presenter_notes(tiny_env):
    app = run_app("pages/region.py", region="rw", present="1", story="four-lpips", slide="5")
    texts = [m.value for m in app.markdown]
    assert any(t.startswith("Cymru Wledig LPIP Rural Wales, led by Aberystwyth University") for t in texts)
    assert any(t.startswith("The LPIP is hosted by WISERD") for t in texts)


def test_back_to_the_slide_restores_a_changed_view(tiny_env):
    app = run_app("pages/network.py", regions="yh,rw", present="1", story="four-lpips", slide="2")
    app.button(key="slide_back").click().run()
    assert_on_slide(app, 2)


def test_exit_keeps_the_view_and_leaves_presentation_mode(tiny_env):
    app = run_app("pages/timeline.py", regions="yh", present="1", story="four-lpips", slide="3")
    app.button(key="slide_exit").click().run()
    assert not app.exception
    assert dict(app.query_params) == {"regions": "yh"}
    assert app.toggle(key=present.TOGGLE_KEY).value is False  # the normal layout's toggle is back


def test_an_unknown_story_or_slide_is_explained(tiny_env):
    app = run_app(PRESENT, story="no-such-story", present="1")
    assert [w.value for w in app.warning] == ["There is no storyboard named 'no\\-such\\-story' in data/stories/."]
    app = run_app(PRESENT, story="no-such-story")
    assert [w.value for w in app.warning] == ["There is no storyboard named 'no\\-such\\-story' in data/stories/."]
    assert "Four LPIPs in seven slides" in [s.value for s in app.subheader]  # the list to choose from
    app = run_app(PRESENT, story="four-lpips", slide="9", present="1")
    assert_on_slide(app, 1)  # /present corrects the link
    app = run_app("pages/map.py", measure="partnerships", story="four-lpips", slide="9", present="1")
    assert "There is no slide 9; showing slide 1." in [w.value for w in app.warning]
    assert slide_title(app) == "The UK's LPIP places"


def test_the_toggle_switches_presentation_mode_on_for_the_current_view(tiny_env):
    app = run_app("pages/region.py", region="rw")
    app.toggle(key=present.TOGGLE_KEY).set_value(True).run()
    assert not app.exception
    assert dict(app.query_params) == {"region": "rw", "present": "1"}
    assert app.button(key="present_exit").label == "Exit presentation"


def test_present_lists_the_example_story_with_its_offline_export(tiny_env):
    app = run_app(PRESENT)
    assert not app.exception
    assert "Four LPIPs in seven slides" in [s.value for s in app.subheader]
    assert any(b.label == "Offline HTML" for b in app.get("download_button"))


def test_add_current_view_builds_a_draft_that_downloads_as_a_storyboard(tiny_env):
    app = run_app("pages/network.py", regions="yh", mode="projection")
    app.button(key="story_add").click().run()
    assert app.session_state["lpip_draft_story"] == [
        {"page": "network", "title": "Network", "caption": "", "notes": "",
         "query": {"regions": "yh", "mode": "projection"}}]
    app.switch_page(PRESENT).run()
    assert not app.exception
    assert any("slide 1\\: caption\\: is empty" in w.value for w in app.warning)  # escaped Markdown
    text = stories.draft_toml("My storyboard", app.session_state["lpip_draft_story"])
    assert tomllib.loads(text)["slides"][0]["query"] == {"regions": "yh", "mode": "projection"}
    assert any(b.label == "Download storyboard (.toml)" for b in app.get("download_button"))
