"""Search terms and highlighting: matches found case-insensitively, every segment escaped."""

import pytest

from lpipdata.highlight import (HIGHLIGHT_MARKUP, MAX_QUERY_CHARS, MAX_TERMS, clean_query, highlight_markdown,
                                match_spans, search_terms, split_matches)

OPEN, CLOSE = HIGHLIGHT_MARKUP


def joined(parts):
    return "".join(segment for segment, _ in parts)


def test_split_marks_case_insensitive_matches_and_keeps_the_original_text():
    parts = split_matches("A community Panel of PANEL members", ["panel"])
    assert parts == [("A community ", False), ("Panel", True), (" of ", False), ("PANEL", True), (" members", False)]
    assert joined(parts) == "A community Panel of PANEL members"


def test_overlapping_occurrences_of_one_term_merge():
    assert split_matches("aaaa", ["aa"]) == [("aaaa", True)]
    assert match_spans("xaaax", ["aa"]) == [(1, 4)]


def test_overlapping_terms_merge_into_one_match():
    assert split_matches("partnership", ["partner", "ship", "nersh"]) == [("partnership", True)]
    assert split_matches("a net-zero plan", ["net", "zero"]) == [("a ", False), ("net", True), ("-", False),
                                                                 ("zero", True), (" plan", False)]


def test_words_separated_only_by_whitespace_read_as_one_match():
    assert split_matches("Net  zero by 2050", ["net", "zero"]) == [("Net  zero", True), (" by 2050", False)]


@pytest.mark.parametrize("term", ["%", "_", ".*", "(", "[a]", "\\", "$1", "a+b"])
def test_special_characters_are_matched_literally(term):
    text = f"before {term} after .*%_"
    parts = split_matches(text, [term])
    assert (term, True) in parts
    assert joined(parts) == text


def test_regex_like_terms_do_not_match_as_patterns():
    assert split_matches("abc", [".*"]) == [("abc", False)]
    assert split_matches("a_c", ["a%c"]) == [("a_c", False)]


def test_no_terms_or_no_text():
    assert split_matches("Some text", []) == [("Some text", False)]
    assert split_matches("Some text", [""]) == [("Some text", False)]
    assert split_matches(None, ["x"]) == []
    assert split_matches(float("nan"), ["x"]) == []
    assert highlight_markdown(None, ["x"]) == ""


def test_unicode_case_insensitive():
    assert split_matches("Ynys Môn and YNYS MÔN", ["môn"]) == [
        ("Ynys ", False), ("Môn", True), (" and YNYS ", False), ("MÔN", True)]


def test_highlight_escapes_html_and_markdown_in_every_segment():
    text = "<b>Bold</b><script>alert(1)</script> [click me](https://example.com) =SUM(1) panel *x* `c` $5$"
    markdown = highlight_markdown(text, ["panel", "script"])
    assert markdown.count(OPEN) == 3 and markdown.count(CLOSE) == 3
    without_markup = markdown.replace(OPEN, "").replace(CLOSE, "")
    for raw in ("<", ">", "[", "]", "(", ")", "*", "`", "$"):
        assert raw not in without_markup.replace("\\" + raw, ""), raw
    assert f"{OPEN}panel{CLOSE}" in markdown
    assert "\\<b\\>Bold\\</b\\>" in markdown


def test_highlight_escapes_text_inside_the_emphasis():
    markdown = highlight_markdown("cost [**x**] here", ["[**x**]"])
    assert markdown == f"cost {OPEN}\\[\\*\\*x\\*\\*\\]{CLOSE} here"


def test_data_cannot_open_its_own_highlight_or_directive():
    markdown = highlight_markdown(':color[**evil**]{background="red"} :orange-background[x]', [])
    assert ":color[" not in markdown and ":orange-background[" not in markdown


def test_search_terms_are_distinct_lower_case_words():
    assert search_terms("  Net   ZERO net ") == ("net", "zero")
    assert search_terms("") == ()
    assert len(search_terms(" ".join(f"w{i}" for i in range(20)))) == MAX_TERMS


def test_clean_query_removes_control_characters_and_limits_length():
    assert clean_query("a\tb\nc\x00d\u200be") == "a b c d e"
    assert clean_query(None) == ""
    assert len(clean_query("x" * 500)) == MAX_QUERY_CHARS
    assert clean_query("<script>") == "<script>"  # kept as typed; it is escaped when shown
