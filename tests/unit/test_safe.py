import pandas as pd
import pytest

from lpipdata.safe import csv_bytes, escape_markdown, neutralise_formulas, safe_url


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell):
    out = neutralise_formulas(pd.DataFrame({"name": [cell]}))
    assert out.loc[0, "name"] == "'" + cell


def test_ordinary_cells_and_numbers_are_untouched():
    frame = pd.DataFrame({"name": ["Leeds"], "n": [-3]})
    out = neutralise_formulas(frame)
    assert out.loc[0, "name"] == "Leeds" and out.loc[0, "n"] == -3
    assert csv_bytes(frame).decode("utf-8-sig").splitlines() == ["name,n", "Leeds,-3"]


def test_markdown_is_escaped():
    text = "<b>x</b> [click](javascript:alert(1)) *bold*"
    escaped = escape_markdown(text)
    assert "\\[click\\]" in escaped and "\\<b\\>" in escaped and "\\*bold\\*" in escaped


@pytest.mark.parametrize("url,ok", [("https://ukri.org/x", True), ("http://a.b", True), ("javascript:alert(1)", False),
                                    ("data:text/html,x", False), ("", False), (None, False)])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


@pytest.mark.parametrize("text", ["see https://evil.example/x", "www.evil.example", "mail me@evil.example"])
def test_bare_addresses_cannot_become_links(text):
    escaped = escape_markdown(text)
    assert "\u2060" in escaped
    assert "https://" not in escaped and "www." not in escaped
