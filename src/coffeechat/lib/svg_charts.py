"""Bar charts as inline SVG, drawn on the server: readable without hovering or scripts.

Every number is printed next to its bar and every bar has its label on the axis, so the chart
says everything a table under it says. Text is escaped here; the result is safe to embed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT_SIZE = 13
CHAR_WIDTH = 7.2  # an average glyph of the page's sans-serif at FONT_SIZE, for label room
PALETTE = ("#8a4b1f", "#2f6f8f", "#5b7f2b", "#9a5fa8")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | float]


def _number(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(v)}"' for name, v in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(content)}</text>'


def _open(width: float, height: float, title: str, description: str, css_class: str) -> str:
    label = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" role="img" '
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        f'aria-label="{label}" font-size="{FONT_SIZE}" font-family="system-ui, sans-serif">'
        f"<title>{label}</title><desc>{escape(description)}</desc>"
    )


def describe(labels: Sequence[str], series: Sequence[Series]) -> str:
    """The chart's numbers in one sentence, for assistive technology."""
    parts = []
    for index, label in enumerate(labels):
        values = ", ".join(f"{s.name} {_number(s.values[index])}".strip() for s in series)
        parts.append(f"{label}: {values}")
    return "; ".join(parts) + "."


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, int | float]],
    *,
    width: int = 520,
    bar_height: int = 24,
    gap: int = 10,
    suffix: str = "",
    scale_to: float | None = None,
    css_class: str = "chart",
) -> str:
    """Horizontal bars, one per (label, value), labels on the left and values at the bar ends.

    `suffix` follows each printed value ("%"); `scale_to` fixes the full length (100 for
    percentages) instead of the largest value. Long labels widen the chart rather than being
    cut: the page scrolls it sideways on a phone.
    """
    label_room = int(max((len(label) for label, _ in bars), default=4) * CHAR_WIDTH) + 12
    printed = [_number(value) + suffix for _, value in bars]
    value_room = int(max((len(text) for text in printed), default=1) * CHAR_WIDTH) + 12
    plot = max(width - label_room - value_room, 160)
    width = label_room + plot + value_room
    top = 8
    height = top + len(bars) * (bar_height + gap) + 8
    peak = scale_to or max((v for _, v in bars), default=0) or 1
    description = (
        "; ".join(f"{label}: {text}" for (label, _), text in zip(bars, printed, strict=True)) + "."
    )
    parts = [_open(width, height, title, description, css_class)]
    parts.append(
        f'<line x1="{label_room}" y1="{top - 4}" x2="{label_room}" y2="{height - 4}" '
        f'stroke="#59636e" stroke-width="1"/>'
    )
    for index, ((label, value), text) in enumerate(zip(bars, printed, strict=True)):
        y = top + index * (bar_height + gap)
        length = plot * min(value, peak) / peak
        middle = y + bar_height / 2 + FONT_SIZE * 0.35
        parts.append(
            f'<g class="bar"><rect x="{label_room}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" fill="{PALETTE[0]}"/>'
        )
        parts.append(_text(label_room - 6, middle, label, text_anchor="end", fill="#1f2328"))
        parts.append(_text(label_room + length + 5, middle, text, fill="#1f2328"))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    column_width: int = 18,
    group_gap: int = 14,
    plot_height: int = 150,
    css_class: str = "chart",
) -> str:
    """Vertical grouped columns: one group per label, one column per series, with a legend.

    The value sits above each column (a zero shows as 0 on the axis), the label under its
    group; the legend names each series with its colour so colour is never the only cue.
    """
    if any(len(s.values) != len(labels) for s in series):
        raise ValueError("every series needs one value per label")
    group = column_width * len(series) + group_gap
    left, legend_height = 12, 22 * len(series) + 6
    width = left + len(labels) * group + 12
    axis_y = legend_height + FONT_SIZE + 6 + plot_height
    height = axis_y + FONT_SIZE * 2 + 10
    peak = max((v for s in series for v in s.values), default=0) or 1
    parts = [_open(width, height, title, describe(labels, series), css_class)]
    for index, item in enumerate(series):
        y = 4 + index * 22
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{left}" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(_text(left + 20, y + 12, item.name, fill="#1f2328"))
    parts.append(
        f'<line x1="{left - 4}" y1="{axis_y}" x2="{width - 4}" y2="{axis_y}" '
        f'stroke="#59636e" stroke-width="1"/>'
    )
    for position, label in enumerate(labels):
        x0 = left + position * group
        parts.append('<g class="group">')
        for index, item in enumerate(series):
            value = item.values[position]
            tall = plot_height * value / peak
            x = x0 + index * column_width
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x}" y="{axis_y - tall:.1f}" width="{column_width - 2}" '
                f'height="{tall:.1f}" fill="{colour}"/>'
            )
            parts.append(
                _text(
                    x + (column_width - 2) / 2,
                    axis_y - tall - 4,
                    _number(value),
                    text_anchor="middle",
                    font_size="11",
                    fill="#1f2328",
                )
            )
        center = x0 + (group - group_gap) / 2
        parts.append(
            _text(center, axis_y + FONT_SIZE + 4, label, text_anchor="middle", fill="#1f2328")
        )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
