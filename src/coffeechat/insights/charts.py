"""The insight pages' charts: metrics turned into inline SVG through the plain chart module."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from coffeechat.insights.metrics import STAGES, ReplyTimes, Stages, Week
from coffeechat.lib import svg_charts


def week_label(week: Week) -> str:
    return f"{week.starts_on:%b} {week.starts_on.day}"


def funnel_chart(stages: Stages) -> SafeString:
    bars = [(label, count) for (_, label, _), count in zip(STAGES, stages.counts(), strict=True)]
    # Escaped inside svg_charts: every label and number goes through html.escape.
    return mark_safe(svg_charts.bar_chart("From requests to job leads", bars))


def reply_rate_chart(title: str, rows: list[Stages]) -> SafeString:
    """Reply rate per group, for the groups you asked anyone in."""
    bars = [(row.label, row.reply_rate) for row in rows if row.reply_rate is not None]
    return mark_safe(svg_charts.bar_chart(title, bars, suffix="%", scale_to=100))


def reply_chart(times: ReplyTimes) -> SafeString:
    bars = [(f"{label} business days", count) for label, count in times.histogram()]
    return mark_safe(svg_charts.bar_chart("Replies by business days to reply", bars))


def weekly_chart(weeks: list[Week]) -> SafeString:
    labels = [week_label(week) for week in weeks]
    series = [
        svg_charts.Series("Requests sent", [w.requests for w in weeks]),
        svg_charts.Series("Conversations held", [w.conversations for w in weeks]),
        svg_charts.Series("Thank-yous and follow-ups", [w.thanks_and_follow_ups for w in weeks]),
    ]
    chart = svg_charts.column_chart("Activity per week, last 12 weeks", labels, series)
    return mark_safe(chart)
