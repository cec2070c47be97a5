"""The inline SVG charts: every number printed, every label on the axis, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from coffeechat.lib.svg_charts import Series, bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def _bars(root: ET.Element) -> list[ET.Element]:
    return [rect for group in root.iter(f"{SVG}g") for rect in group.findall(f"{SVG}rect")]


def test_bar_chart_is_an_image_with_a_title_and_a_description():
    root = _parse(bar_chart("Funnel", [("Requests", 12), ("Replies", 5)]))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Funnel"
    assert root.find(f"{SVG}title").text == "Funnel"
    assert root.find(f"{SVG}desc").text == "Requests: 12; Replies: 5."


def test_bar_chart_prints_each_label_and_each_number():
    root = _parse(bar_chart("Funnel", [("Requests", 12), ("Replies", 5), ("Leads", 0)]))
    assert _texts(root) == ["Requests", "12", "Replies", "5", "Leads", "0"]


def test_bar_lengths_are_proportional_and_the_longest_fits():
    root = _parse(bar_chart("Funnel", [("A", 10), ("B", 5), ("C", 0)], width=400))
    widths = [float(rect.get("width")) for rect in _bars(root)]
    assert widths[1] == pytest.approx(widths[0] / 2)
    assert widths[2] == 0
    right_edge = float(_bars(root)[0].get("x")) + widths[0]
    assert right_edge < 400


def test_all_zero_values_draw_empty_bars_without_dividing_by_zero():
    root = _parse(bar_chart("Nothing yet", [("A", 0), ("B", 0)]))
    assert [float(rect.get("width")) for rect in _bars(root)] == [0, 0]


def test_labels_and_titles_are_escaped():
    svg = bar_chart('<script>alert("x")</script>', [("<b>Tom & Jerry</b>", 3)])
    assert "<script>" not in svg and "<b>" not in svg
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script>'
    assert "<b>Tom & Jerry</b>" in _texts(root)


def test_fractions_are_printed_with_one_decimal():
    root = _parse(bar_chart("Yield", [("Per conversation", 1.25), ("Whole", 2.0)]))
    assert "1.2" in _texts(root) and "2" in _texts(root)


def test_column_chart_has_a_legend_values_and_axis_labels():
    labels = ["Nov 2", "Nov 9"]
    series = [Series("Requests sent", [3, 0]), Series("Conversations held", [1, 2])]
    root = _parse(column_chart("Weekly", labels, series))
    assert root.get("role") == "img"
    texts = _texts(root)
    assert texts[:2] == ["Requests sent", "Conversations held"]  # the legend first
    assert texts[2:] == ["3", "1", "Nov 2", "0", "2", "Nov 9"]
    assert root.find(f"{SVG}desc").text == (
        "Nov 2: Requests sent 3, Conversations held 1; "
        "Nov 9: Requests sent 0, Conversations held 2."
    )


def test_columns_stand_on_the_axis_and_stay_inside_the_drawing():
    series = [Series("A", [4, 2, 0]), Series("B", [1, 8, 3])]
    root = _parse(column_chart("Weekly", ["w1", "w2", "w3"], series))
    width, height = float(root.get("width")), float(root.get("height"))
    axis_y = float(root.find(f"{SVG}line").get("y1"))
    columns = _bars(root)
    assert len(columns) == 6
    for rect in columns:
        top, tall = float(rect.get("y")), float(rect.get("height"))
        assert top + tall == pytest.approx(axis_y)
        assert top >= 0 and float(rect.get("x")) + float(rect.get("width")) <= width
    assert axis_y < height
    tallest = max(float(rect.get("height")) for rect in columns)
    assert [float(r.get("height")) for r in columns][3] == tallest  # B's 8 in week 2


def test_column_chart_refuses_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="one value per label"):
        column_chart("Weekly", ["a", "b"], [Series("A", [1])])


def test_percentages_carry_their_unit_and_scale_to_a_whole():
    bars = [("Alumni", 50), ("Cold", 25), ("Friends", 100)]
    root = _parse(bar_chart("Reply rate", bars, suffix="%", scale_to=100))
    assert _texts(root) == ["Alumni", "50%", "Cold", "25%", "Friends", "100%"]
    assert root.find(f"{SVG}desc").text == "Alumni: 50%; Cold: 25%; Friends: 100%."
    half, quarter, whole = (float(rect.get("width")) for rect in _bars(root))
    assert half == pytest.approx(whole / 2) and quarter == pytest.approx(whole / 4)
    alone = _parse(bar_chart("Reply rate", [("Alumni", 50)], suffix="%", scale_to=100))
    plot_end = float(alone.get("width")) - float(alone.find(f"{SVG}line").get("x1"))
    assert float(_bars(alone)[0].get("width")) < plot_end / 2  # not stretched to the full plot


def test_long_labels_widen_the_chart_instead_of_being_cut():
    label = "A friend's or family member's contact"
    root = _parse(bar_chart("By source", [(label, 3), ("Cold contact", 1)], width=300))
    axis = float(root.find(f"{SVG}line").get("x1"))
    assert axis > len(label) * 6  # the whole label fits left of the axis
    assert float(root.get("width")) > 300
