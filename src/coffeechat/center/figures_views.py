"""The center admin's figures: pages with charts and tables, and the same as CSV."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from coffeechat.center import access, figures
from coffeechat.center.models import Cohort, Role
from coffeechat.core.views import require_methods, rows_first
from coffeechat.lib import svg_charts
from coffeechat.lib.spreadsheet_safety import safe_cell


def _days(request: HttpRequest) -> int:
    value = request.GET.get("days", "")
    return (
        int(value) if value in {str(days) for days in figures.PERIODS} else figures.DEFAULT_PERIOD
    )


def _weekly_chart(weeks: list[figures.Week]) -> str:
    labels = [f"{week.starts_on:%b} {week.starts_on.day}" for week in weeks]
    series = [
        svg_charts.Series("Requests sent", [week.requests for week in weeks]),
        svg_charts.Series("Conversations held", [week.held for week in weeks]),
    ]
    return mark_safe(svg_charts.column_chart("Per week, last 12 weeks", labels, series))


def _rate_chart(title: str, groups, attribute: str) -> str:
    bars = [(g.label, getattr(g, attribute)) for g in groups if getattr(g, attribute) is not None]
    return mark_safe(svg_charts.bar_chart(title, bars, suffix="%", scale_to=100)) if bars else ""


@require_methods("GET")
def center_figures(request: HttpRequest) -> HttpResponse:
    access.require_role(request.user, Role.ADMIN)
    days = _days(request)
    result = figures.center_figures(request.user, days)
    groups = [*result.cohorts, result.total]
    context = {
        "figures": result,
        "groups": groups,
        "periods": figures.PERIODS,
        "weekly_chart": _weekly_chart(figures.weekly(request.user)),
        "reply_chart": _rate_chart("Reply rate", groups, "reply_rate"),
        "thank_chart": _rate_chart("Thank-yous within 2 days", groups, "thank_rate"),
        "load_chart": mark_safe(
            svg_charts.bar_chart("Volunteers by requests received", result.load.by_count)
        )
        if result.load.volunteers
        else "",
    }
    return render(request, "center/figures/center.html", context)


@rows_first("GET", cohort_id=access.cohort_for_admin)
def cohort_figures(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    days = _days(request)
    result = figures.center_figures(request.user, days)
    group = next(g for g in result.cohorts if g.cohort_id == cohort.pk)
    context = {
        "figures": result,
        "cohort": cohort,
        "group": group,
        "periods": figures.PERIODS,
        "weekly_chart": _weekly_chart(figures.weekly(request.user, cohort)),
    }
    return render(request, "center/figures/cohort.html", context)


@require_methods("GET")
def figures_csv(request: HttpRequest) -> HttpResponse:
    access.require_role(request.user, Role.ADMIN)
    days = _days(request)
    result = figures.center_figures(request.user, days)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in figures.csv_rows(result):
        writer.writerow([safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"coffeechat-center-figures-{timezone.localdate():%Y-%m-%d}-{days}-days.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
