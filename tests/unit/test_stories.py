"""Storyboard files: the schema, strict deep-link checks, precise errors, drafts and the CLI."""

import tomllib
from pathlib import Path

import pytest

from lpipdata import stories
from lpipdata.config import PROJECT_ROOT
from lpipdata.filters import Filters

EXAMPLE = PROJECT_ROOT / "data" / "stories" / "four-lpips.toml"
GOOD_SLIDE = '[[slides]]\npage = "network"\ntitle = "A network"\ncaption = "Who works with whom."\n'


@pytest.fixture(scope="module")
def vocab():
    return stories.vocabulary_from_data(PROJECT_ROOT / "data")


def write_story(folder: Path, body: str, name: str = "talk") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def problems_of(path: Path, vocab) -> tuple[str, ...]:
    with pytest.raises(stories.StoryError) as caught:
        stories.load_story(path, vocab, pages=stories.STORY_PAGES)
    return caught.value.problems


def test_the_example_story_validates_against_the_real_vocabulary(vocab):
    story = stories.load_story(EXAMPLE, vocab, pages=stories.STORY_PAGES)
    assert story.name == "four-lpips" and story.title == "Four LPIPs in seven slides"
    assert [s.page for s in story.slides] == ["map", "network", "timeline", "compare", "region", "patterns",
                                           "multilevel"]
    assert story.slide(2).filters == Filters(regions=("yh",))
    assert story.slide(4).filters.regions == ("yh", "rw", "forth", "ni")
    assert story.slide(5).filters == Filters(region="rw")
    assert all(s.title and s.caption and s.notes for s in story.slides)


def test_every_example_slide_shows_a_page_that_is_built(vocab):
    story = stories.load_story(EXAMPLE, vocab)  # default: only pages whose module exists
    assert {s.page for s in story.slides} <= set(stories.available_pages())


def test_a_slide_link_is_the_page_deep_link_plus_the_presentation_keys(vocab):
    story = stories.load_story(EXAMPLE, vocab, pages=stories.STORY_PAGES)
    assert story.link(4) == {"regions": "yh,rw,forth,ni", "section": "scales", "present": "1", "story": "four-lpips",
                             "slide": "4"}
    assert story.link(1) == {"measure": "partnerships", "present": "1", "story": "four-lpips", "slide": "1"}


def test_story_pages_match_the_navigation_registry():
    from ui import nav

    assert stories.STORY_PAGES == tuple(p.name for p in nav.PLANNED if p.name != "present")


def test_view_options_match_what_the_pages_accept(vocab):
    from lpipdata.network import URL_OPTIONS
    from ui import compare, evidence, map as map_ui, timeline

    assert stories.view_options("map", vocab) == map_ui.option_choices(vocab)
    assert stories.view_options("compare", vocab) == compare.OPTIONS
    assert stories.view_options("timeline", vocab) == {"colour": tuple(timeline.COLOURS), "event": None}
    assert stories.view_options("network", vocab) == dict(URL_OPTIONS)
    page_options = evidence.view_options(("a-source",), ("a-code",), ("a-coder",))
    assert set(stories.view_options("evidence", vocab)) == set(page_options)
    for name in ("kind", "confidence", "layout", "direction"):
        assert tuple(stories.view_options("evidence", vocab)[name]) == tuple(page_options[name])


@pytest.mark.parametrize("body, expected", [
    ('title = "T"\n[[slides]]\npage = "mapp"\ntitle = "A"\ncaption = "B"\n',
     "slide 1: page: 'mapp' is not a page (home, map, network, timeline, region, compare, evidence, patterns, "
     "multilevel)"),
    ('title = "T"\n[[slides]]\ntitle = "A"\ncaption = "B"\n', "slide 1: page: missing"),
    ('title = "T"\n[[slides]]\npage = "map"\ncaption = "B"\n', "slide 1: title: missing"),
    ('title = "T"\n[[slides]]\npage = "map"\ntitle = "A"\ncaption = "  "\n', "slide 1: caption: is empty"),
    ('title = "T"\n[[slides]]\npage = "map"\ntitle = "A"\ncaption = "' + "x" * 241 + '"\n',
     "slide 1: caption: 241 characters; keep it to 240"),
    ('title = "T"\n[[slides]]\npage = "map"\ntitle = "A"\ncaption = "B"\nnotes = 3\n', "slide 1: notes: must be text, not int"),
    ('title = "T"\n[[slides]]\npage = "map"\ntitle = "A"\ncaption = "B"\ncapton = "C"\n',
     "slide 1: capton: unknown field (expected page, title, caption, notes, query)"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { regions = "yh,yx" }\n', "slide 1: query.regions: unknown regions: yx"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { region = "nowhere" }\n', "slide 1: query.region: unknown region 'nowhere'"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { themes = ["net zero", "cheese"] }\n',
     "slide 1: query.themes: unknown themes: cheese"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { asof = "31/01/2024" }\n',
     "slide 1: query.asof: 'asof' must be a date like 2024-01-31"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { measure = "partnerships" }\n',
     "slide 1: query.measure: unknown parameter 'measure'"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { mode = "spaghetti" }\n', "slide 1: query.mode: unknown mode 'spaghetti'"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { slide = "2" }\n',
     "slide 1: query.slide: is set by the storyboard itself; remove it"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { regions = true }\n',
     "slide 1: query.regions: must be text, a whole number, a date or a list of text, not True"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = { from = 2020, to = 2010 }\n',
     "slide 1: query: period 'from' 2020 is after 'to' 2010"),
    ('title = "T"\n' + GOOD_SLIDE + 'query = "regions=yh"\n',
     "slide 1: query: must be a table, e.g. query = { regions = \"yh\" }"),
    ('title = "T"\nslides = ["network"]\n', "slide 1: must be a table of page, title, caption, notes and query"),
    ('title = "T"\n', "slides: at least one [[slides]] table is required"),
    (GOOD_SLIDE, "title: missing"),
    ('title = "T"\nsubtitle = "S"\n' + GOOD_SLIDE, "subtitle: unknown field (expected title, description, slides)"),
    ('title = "T"\n[[slides]\n', "not valid TOML: "),
])
def test_each_bad_field_names_the_file_slide_and_field(tmp_path, vocab, body, expected):
    path = write_story(tmp_path, body)
    found = problems_of(path, vocab)
    assert any(problem.startswith(f"{path}: {expected}") for problem in found), found


def test_problems_of_every_slide_are_reported_together(tmp_path, vocab):
    body = ('title = "T"\n' + GOOD_SLIDE + '[[slides]]\npage = "network"\ntitle = "B"\ncaption = ""\n'
            + '[[slides]]\npage = "mapp"\ntitle = "C"\ncaption = "D"\n')
    found = problems_of(write_story(tmp_path, body), vocab)
    assert [p.split(": ", 1)[1] for p in found] == [
        "slide 2: caption: is empty",
        "slide 3: page: 'mapp' is not a page (home, map, network, timeline, region, compare, evidence, patterns, "
        "multilevel)"]


def test_a_page_not_built_yet_is_an_error_when_checking_against_built_pages(tmp_path, vocab):
    path = write_story(tmp_path, 'title = "T"\n' + GOOD_SLIDE)
    with pytest.raises(stories.StoryError) as caught:
        stories.load_story(path, vocab, pages=("home", "map"))
    assert caught.value.problems == (f"{path}: slide 1: page: 'network' is not built yet (pages/network.py is missing)",)


def test_a_file_name_that_cannot_be_a_url_is_rejected(tmp_path, vocab):
    path = write_story(tmp_path, 'title = "T"\n' + GOOD_SLIDE, name="My Talk")
    assert problems_of(path, vocab) == (f"{path}: file name: 'My Talk' must be lowercase letters, digits and "
                                        "hyphens (e.g. four-lpips.toml)",)


def test_toml_types_become_the_url_form(tmp_path, vocab):
    body = 'title = "T"\n' + GOOD_SLIDE + 'query = { regions = ["yh", "rw"], from = 2010, asof = 2024-01-31 }\n'
    story = stories.load_story(write_story(tmp_path, body), vocab, pages=stories.STORY_PAGES)
    assert story.slide(1).query == {"regions": "yh,rw", "from": "2010", "asof": "2024-01-31"}


def test_a_draft_round_trips_through_toml_and_validates(vocab):
    slides = [{"page": "network", "title": 'The "core" \\ network', "caption": "Line one\nline two · ünïcode",
               "notes": "", "query": {"regions": "yh", "mode": "projection"}},
              {"page": "home", "title": "Overview", "caption": "Start here.", "notes": "Say hello.", "query": {}}]
    text = stories.draft_toml("My talk", slides)
    story, problems = stories.check_story(tomllib.loads(text), "my-talk", "my-talk.toml", vocab, stories.STORY_PAGES)
    assert problems == []
    assert [s.title for s in story.slides] == ['The "core" \\ network', "Overview"]
    assert story.slide(1).caption == "Line one\nline two · ünïcode"
    assert story.slide(1).query == {"regions": "yh", "mode": "projection"}


def test_an_unfinished_draft_says_what_is_missing(vocab):
    text = stories.draft_toml("My talk", [{"page": "map", "title": "Map", "caption": "", "notes": "", "query": {}}])
    _, problems = stories.check_story(tomllib.loads(text), "my-talk", "my-talk.toml", vocab, stories.STORY_PAGES)
    assert problems == ["my-talk.toml: slide 1: caption: is empty"]


def test_cli_validate_passes_the_repository_stories(capsys):
    assert stories.main(["validate"]) == 0
    assert "data/stories/four-lpips.toml: valid, 7 slides" in capsys.readouterr().out


def test_cli_validate_prints_each_problem_and_fails(tmp_path, capsys):
    path = write_story(tmp_path, 'title = "T"\n[[slides]]\npage = "mapp"\ntitle = "A"\ncaption = "B"\n')
    assert stories.main(["validate", str(path)]) == 1
    assert f"{path}: slide 1: page: 'mapp' is not a page" in capsys.readouterr().out


def test_story_lookup_refuses_names_that_are_not_plain_file_names(tmp_path):
    write_story(tmp_path, 'title = "T"\n' + GOOD_SLIDE)
    assert stories.story_path("talk", tmp_path) == tmp_path / "talk.toml"
    for name in ("../talk", "talk.toml", "", "Talk", "missing"):
        assert stories.story_path(name, tmp_path) is None
