"""The evidence search value and its sentence, and the free-text `q` option."""

from lpipdata import filters as flt
from lpipdata.queries.evidence import Search, describe
from ui.evidence import mode_note, view_options

VOCAB = flt.Vocabulary(regions={"yh": "Yorkshire and the Humber"}, themes=(), scales=(), sectors=())


def test_search_params_hold_terms_and_filters():
    search = Search(text=" Community  PANEL ", kind="interview", regions=("yh",), public_only=False)
    assert search.terms == ("community", "panel")
    assert search.params() == {"terms": ["community", "panel"], "kind": "interview", "confidence": None,
                               "regions": ["yh"], "partnership": None, "public_only": False,
                               "code": None, "direction": None, "coder": None}
    assert search.is_scoped and not Search(text="x", kind="document").is_scoped
    assert Search(direction="hinders").is_scoped and Search(coder="r1").is_coded and not search.is_coded


def test_search_is_hashable_for_the_cache():
    assert hash(Search(text="a")) == hash(Search(text="a"))


def test_describe_says_what_is_shown():
    search = Search(text="panel", kind="web page", regions=("yh",), partnership="ypip", confidence="sourced")
    sentence = describe(search, 1, 2, VOCAB.regions, {"ypip": "YPIP"})
    assert sentence == ("1 source and 2 observations matching 'panel', from web page sources, "
                        "in Yorkshire and the Humber, about YPIP, sourced facts only")
    assert describe(Search(), 0, 1, {}, {}) == "0 sources and 1 observation"
    coded = Search(code="participation", direction="hinders", coder="researcher-a")
    assert describe(coded, 0, 1, {}, {}, {"participation": "Participation"}) == (
        "0 sources and 1 observation, coded Participation (or below), hinders, by researcher-a")


def test_free_text_option_is_accepted_by_the_shared_parser():
    parsed = flt.parse({"q": "net zero <b>", "kind": "interview", "source": "brief"}, VOCAB,
                       view_options(("brief",), ("participation",), ("researcher-a",)))
    assert parsed.options == {"q": "net zero <b>", "kind": "interview", "source": "brief"}
    assert parsed.problems == ()


def test_free_text_option_still_has_the_parsers_length_limit():
    parsed = flt.parse({"q": "x" * (flt.MAX_PARAM_LENGTH + 1)}, VOCAB, {"q": None})
    assert "q" not in parsed.options and "too long" in parsed.problems[0]


def test_unknown_choices_are_still_refused():
    parsed = flt.parse({"kind": "rumour", "source": "nope", "code": "nope", "direction": "helps", "coder": "x"},
                       VOCAB, view_options(("brief",), ("participation",), ("researcher-a",)))
    assert parsed.options == {} and len(parsed.problems) == 5


def test_mode_note_names_the_mode():
    assert "Public mode" in mode_note("public", "public")
    assert "Research mode" in mode_note("research", "research")
    assert "public build" in mode_note("research", "public")
