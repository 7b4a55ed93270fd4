"""The timeline figure and its table alternative, built from hand-made frames shaped like the queries' output."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lpipdata import dates
from lpipdata import filters as flt
from lpipdata.figures import theme
from lpipdata.figures import timeline as tl

TODAY = date(2026, 11, 25)
VOCAB = flt.Vocabulary(regions={"yh": "Yorkshire and the Humber"}, themes=("net zero",), scales=theme.SCALE_ORDER,
                       sectors=("public",))


def day(value):
    return pd.Timestamp(value) if value else pd.NaT


def partnership(pid: str, scale: str = "region", founded: str | None = "2020", ended: str | None = None,
                **extra) -> dict:
    first, last = dates.bounds(founded) if founded else (None, None)
    end_first, end_last = dates.bounds(ended) if ended else (None, None)
    row = dict(partnership_id=pid, name=f"Partnership {pid}", acronym=None, scale=scale, governance_form="network",
               region_id="yh", region_name="Yorkshire and the Humber", founded=founded, ended=ended,
               founded_first=day(first), founded_last=day(last), ended_first=day(end_first), ended_last=day(end_last),
               themes="net zero", primary_theme="net zero", summary="", website=None, confidence="sourced", note=None,
               source_id="src", source_title="A source", source_url="https://example.org/source",
               active_on_as_of=None)
    return {**row, **extra}


def event(eid: str, when: str, kind: str = "founding", partnership_id: str | None = None, **extra) -> dict:
    first, last = dates.bounds(when)
    row = dict(event_id=eid, date=when, end_date=None, date_first=day(first), date_last=day(last),
               end_date_first=pd.NaT, end_date_last=pd.NaT, title=f"Event {eid}", kind=kind, region_id="yh",
               region_name="Yorkshire and the Humber", partnership_id=partnership_id, partnership_name=None,
               partnership_acronym=None, scale=None, org_id=None, org_name=None, confidence="sourced", note=None,
               source_id="src", source_title="A source", source_url="https://example.org/source")
    return {**row, **extra}


def bar_rows(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(partnership("x")))


def event_rows(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(event("x", "2020")))


def no_events() -> pd.DataFrame:
    return event_rows().astype({"date_first": "datetime64[ns]", "date_last": "datetime64[ns]",
                                "end_date_last": "datetime64[ns]"})


def figure(bars, events=None, **options):
    return tl.timeline_figure(bars, no_events() if events is None else events, today=TODAY, **options)


def traces(fig, kind: str | None = None, name: str | None = None) -> list:
    return [t for t in fig.data if (kind is None or t.type == kind) and (name is None or t.name == name)]


def lane_order(fig) -> list[str]:
    """Lane titles from the top of the chart down."""
    titles = [a for a in fig.layout.annotations if (a.name or "").startswith("lane ")]
    return [a.text.replace("<b>", "").replace("</b>", "") for a in sorted(titles, key=lambda a: -a.y)]


def test_swimlanes_run_from_uk_at_the_top_down_to_neighbourhood():
    bars = bar_rows(partnership("a", "local"), partnership("b", "UK"), partnership("c", "neighbourhood"),
                 partnership("d", "region"), partnership("e", "city-region"))
    assert lane_order(figure(bars)) == ["UK", "REGION", "CITY REGION", "LOCAL", "NEIGHBOURHOOD"]


def test_each_bar_sits_inside_its_scales_lane():
    placed = tl.place(bar_rows(partnership("a", "local"), partnership("b", "local"), partnership("c", "UK")),
                      no_events(), TODAY)
    lanes = {lane.name: lane for lane in placed.lanes}
    for row in placed.rows.itertuples():
        assert lanes[row.scale].bottom < row.y < lanes[row.scale].top


def test_events_without_a_partnership_get_their_own_lane_on_top():
    events = event_rows(event("white-paper", "2022-02-02", "publication"), event("f", "2020", partnership_id="a"))
    fig = figure(bar_rows(partnership("a")), events)
    assert lane_order(fig) == ["OTHER EVENTS", "REGION"]
    placed = tl.place(bar_rows(partnership("a")), events, TODAY)
    on_row = placed.events.set_index("event_id")["y"]
    assert on_row["f"] == placed.rows.set_index("partnership_id").loc["a", "y"]


def test_one_bar_trace_per_colour_and_one_marker_trace_per_event_kind():
    bars = bar_rows(partnership("a"), partnership("b", region_name="Rural Wales"))
    events = event_rows(event("e1", "2020-05", "founding", "a"),
                        event("e2", "2021-06-01", "launch", "b", confidence="inferred"))
    fig = figure(bars, events)
    assert {t.name for t in traces(fig, "bar") if t.width == tl.BAR_WIDTH and t.legendrank == 100} == {
        "Yorkshire and the Humber", "Rural Wales"}
    assert traces(fig, "scatter", "founding")[0].marker.symbol == ("circle",)
    assert traces(fig, "scatter", "launch")[0].marker.symbol == ("triangle-up-open",)  # not sourced: open symbol
    assert [t.name for t in fig.data if t.showlegend is not False and t.legendrank == 200] == ["founding", "launch"]


def test_colour_by_theme_names_the_primary_theme_and_greys_out_unthemed_rows():
    bars = bar_rows(partnership("a", primary_theme="water"), partnership("b", primary_theme=tl.NO_THEME, themes=None))
    fig = figure(bars, colour_by="theme")
    colours = {t.name: t.marker.color for t in traces(fig, "bar") if t.legendrank == 100}
    assert set(colours) == {"water", tl.NO_THEME}
    assert colours[tl.NO_THEME] == tl.NO_THEME_COLOUR


def test_as_of_day_is_a_vertical_line_with_a_label():
    fig = figure(bar_rows(partnership("a")), as_of=date(2024, 4, 1))
    line = next(s for s in fig.layout.shapes if s.name == "as-of")
    assert (line.x0, line.x1, line.yref) == ("2024-04-01", "2024-04-01", "paper")
    assert any(a.text == "<b>As of 1 Apr 2024</b>" for a in fig.layout.annotations)


def test_without_as_of_only_today_is_drawn():
    names = [s.name for s in figure(bar_rows(partnership("a"))).layout.shapes if s.type == "line"]
    assert names == ["today"]


def test_partnerships_not_active_on_the_as_of_day_are_faded():
    bars = bar_rows(partnership("on", active_on_as_of=True), partnership("off", active_on_as_of=False))
    fig = figure(bars, as_of=date(2024, 4, 1))
    thick = traces(fig, "bar", "Yorkshire and the Humber")[0]
    opacity = dict(zip([c[1] for c in thick.customdata], thick.marker.opacity))
    assert opacity == {"on": 1.0, "off": tl.FADED}


def test_a_year_only_start_is_a_thin_span_then_the_thick_bar():
    fig = figure(bar_rows(partnership("a", founded="2017")))
    thin = next(t for t in traces(fig, "bar") if t.width == tl.SPAN_WIDTH)
    thick = next(t for t in traces(fig, "bar") if t.width == tl.BAR_WIDTH)
    assert thin.base == ("2017-01-01",) and thin.x[0] == pytest.approx(365 * 86_400_000)
    assert thick.base == ("2017-12-31",)
    assert "2017 – no end date" in thick.hovertext[0] and "2017-01-01" not in thick.hovertext[0]


def test_a_day_precise_partnership_has_no_thin_span_and_ends_on_its_end_day():
    fig = figure(bar_rows(partnership("a", founded="2014-04-01", ended="2024-03-31")))
    assert not [t for t in traces(fig, "bar") if t.width == tl.SPAN_WIDTH]
    thick = traces(fig, "bar", "Yorkshire and the Humber")[0]
    assert thick.base == ("2014-04-01",)
    assert pd.Timestamp("2014-04-01") + pd.Timedelta(milliseconds=thick.x[0]) == pd.Timestamp("2024-03-31")
    assert not traces(fig, "scatter", "no end date")  # it ended, so no arrow


def test_open_ended_partnerships_run_to_today_and_end_in_an_arrow():
    fig = figure(bar_rows(partnership("a", founded="2014-04-01")))
    arrow = traces(fig, "scatter", "no end date")[0]
    assert arrow.x == (TODAY.isoformat(),) and arrow.marker.symbol == "triangle-right"


def test_inferred_rows_are_hatched_and_unverified_rows_dotted():
    bars = bar_rows(partnership("s"), partnership("i", confidence="inferred"),
                    partnership("u", confidence="unverified"))
    thick = traces(figure(bars), "bar", "Yorkshire and the Humber")[0]
    patterns = dict(zip([c[1] for c in thick.customdata], thick.marker.pattern.shape))
    assert patterns == {"s": "", "i": "/", "u": "."}


def test_every_clickable_point_names_its_partnership_or_event():
    events = event_rows(event("e1", "2020-05-01", "funding", "a"))
    fig = figure(bar_rows(partnership("a")), events)
    for trace in fig.data:
        if trace.hoverinfo == "skip" or trace.name == "labels" or trace.x == (None,):
            continue
        assert trace.customdata, trace.name
        assert {c[0] for c in trace.customdata} <= {"partnership", "event"}
    assert [list(c) for c in traces(fig, "scatter", "funding")[0].customdata] == [["event", "e1"]]


def test_hover_and_labels_escape_text_from_data():
    bars = bar_rows(partnership("a", name="<b>Bold</b> & co", source_title="<script>x</script>"))
    fig = figure(bars)
    hover = traces(fig, "bar", "Yorkshire and the Humber")[0].hovertext[0]
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in hover and "&lt;script&gt;" in hover and "<script>" not in hover
    assert traces(fig, "scatter", "labels")[0].text == ("&lt;b&gt;Bold&lt;/b&gt; &amp; co",)


def test_an_undated_partnership_with_events_gets_a_grey_row_and_one_without_is_not_drawn():
    bars = bar_rows(partnership("a"), partnership("ghost", founded=None), partnership("silent", founded=None))
    events = event_rows(event("g1", "2023-11-22", "devolution deal", "ghost"),
                        event("g2", "2025-05", "election", "ghost"))
    fig = figure(bars, events)
    grey = traces(fig, "bar", "no sourced start")[0]
    assert [c[1] for c in grey.customdata] == ["ghost"] and grey.base == ("2023-11-22",)
    assert "Partnership ghost · dates not sourced" in traces(fig, "scatter", "labels")[0].text
    assert list(tl.undated_table(bars)["Partnership"]) == ["Partnership ghost", "Partnership silent"]


def test_zoom_is_kept_across_reruns_and_only_time_zooms():
    layout = figure(bar_rows(partnership("a"))).layout
    assert layout.uirevision == "timeline" and layout.dragmode == "zoom" and layout.yaxis.fixedrange


def test_the_period_sets_the_visible_years():
    fig = figure(bar_rows(partnership("a", founded="1987")), period=(2010, 2020))
    assert fig.layout.xaxis.range == ("2010-01-01", "2020-12-31")


def test_pack_rows_shares_a_row_only_between_items_that_do_not_overlap():
    assert tl.pack_rows([1, 2, 6, 7], [5, 4, 9, 8]) == [0, 1, 0, 1]


def test_drawable_caps_bars_and_events_and_says_so():
    bars = bar_rows(*[partnership(f"p{i}", founded=str(2000 + i)) for i in range(5)])
    events = event_rows(*[event(f"e{i}", str(2000 + i), partnership_id=f"p{i}") for i in range(5)])
    shown = tl.drawable(bars, events, max_bars=3, max_events=2)
    assert list(shown.bars["partnership_id"]) == ["p0", "p1", "p2"]
    assert list(shown.events["event_id"]) == ["e0", "e1"]  # events of undrawn partnerships go too
    assert "the 3 earliest-founded of 5 partnerships and 2 of 5 events" in shown.note()
    assert tl.drawable(bars, events).note() is None


def test_tables_show_dates_at_their_own_precision():
    bars = bar_rows(partnership("a", founded="2017"), partnership("b", founded="2024-02", ended="2026-12"),
                 partnership("c", founded="2014-04-01", active_on_as_of=True), partnership("d", founded=None))
    table = tl.partnership_table(bars, as_of=date(2024, 4, 1))
    assert list(table["Founded"]) == ["2017", "Feb 2024", "1 Apr 2014", "not sourced"]
    assert list(table["Ended"]) == ["no end date", "Dec 2026", "no end date", "no end date"]
    assert "Active on 2024-04-01" in table and table["Source"][0] == "https://example.org/source"
    events = tl.event_table(event_rows(event("e", "2024-02", end_date="2024-03-06")))
    assert (events["Date"][0], events["Until"][0]) == ("Feb 2024", "6 Mar 2024")


def test_summary_counts_partnerships_events_and_those_active_on_the_day():
    bars = bar_rows(partnership("a", active_on_as_of=True), partnership("b", active_on_as_of=False))
    events = event_rows(event("e", "2020"))
    filters = flt.Filters(regions=("yh",), as_of=date(2024, 4, 1))
    assert tl.summary(filters, bars, events, VOCAB) == (
        "2 partnerships in Yorkshire and the Humber; 1 event; 1 of the partnerships active on 1 Apr 2024 "
        "(the rest are faded)")


def test_no_rows_at_all_still_gives_an_empty_chart_and_tables():
    view = tl.timeline_view(bar_rows(), no_events(), flt.Filters(), today=TODAY)
    assert view.empty and view.partnerships.empty and view.event_rows.empty and view.undated.empty
    assert [s.name for s in view.figure.layout.shapes] == ["today"]


def test_events_without_any_partnership_are_still_drawn():
    events = event_rows(event("white-paper", "2022-02-02", "publication"))
    fig = figure(bar_rows(), events)
    assert lane_order(fig) == ["OTHER EVENTS"]
    assert [list(c) for c in traces(fig, "scatter", "publication")[0].customdata] == [["event", "white-paper"]]


@pytest.mark.parametrize("first,last,step", [
    ("1985-06-01", "2028-03-01", "M60"), ("2014-01-01", "2027-01-01", "M24"), ("2023-06-01", "2025-06-01", "M12"),
    ("2024-01-01", "2024-12-31", "M3"),
])
def test_years_along_the_top_fall_on_whole_years(first, last, step):
    assert tl.top_axis_step((pd.Timestamp(first), pd.Timestamp(last))) == step


def test_a_slide_timeline_shrinks_its_rows_to_fit_the_height_and_keeps_its_legend_beside_it():
    few = figure(bar_rows(partnership("a", "local")), fit_px=640)
    many = figure(bar_rows(*(partnership(f"p{n}", "local") for n in range(20))), fit_px=640)
    assert few.layout.height <= 640 and many.layout.height <= 640
    assert few.layout.legend.orientation == "v" and few.layout.legend.x > 1
    assert few.layout.template.layout.font.size == 22  # the presentation template
    labels = lambda fig: next(t for t in fig.data if t.name == "labels").textfont.size  # noqa: E731
    assert labels(few) == tl.PRESENTING.font and labels(many) < labels(few)


def test_fitted_sizes_never_go_below_readable():
    assert tl.fitted(2, 640) == tl.PRESENTING
    tiny = tl.fitted(500, 640)
    assert tiny.row_px == 18 and tiny.font == 12 and tiny.marker == 8
