"""Insights across all conversations: field comparison, the outreach funnel, the referral tree."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from coffeechat.core.views import owned_object, require_methods
from coffeechat.insights import charts, comparison, metrics
from coffeechat.insights.forms import FitForm
from coffeechat.insights.graph import referral_graph
from coffeechat.lib.referral_layout import render_svg
from coffeechat.research.models import CareerField


@require_methods("GET")
def fields(request: HttpRequest) -> HttpResponse:
    everything, chosen = comparison.selected_fields(request.user, request.GET.getlist("field"))
    columns = comparison.compare(request.user, chosen)
    context = {
        "all_fields": everything,
        "chosen_ids": {f.pk for f in chosen},
        "columns": columns,
        "score_rows": comparison.score_rows(columns),
        "takeaways_shown": comparison.TAKEAWAYS_SHOWN,
    }
    return render(request, "insights/fields.html", context)


@owned_object(CareerField, "GET", "POST")
def field_fit(request: HttpRequest, career_field: CareerField) -> HttpResponse:
    form = FitForm(request.POST or None, instance=career_field, owner=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the fit scorecard for “{career_field}”.")
        return redirect("insights:field_fit", careerfield_id=career_field.pk)
    return render(request, "insights/field_fit.html", {"form": form, "object": career_field})


@require_methods("GET")
def funnel(request: HttpRequest) -> HttpResponse:
    result = metrics.funnel(request.user)
    times = metrics.reply_times(request.user)
    weeks = metrics.weekly_activity(request.user)
    context = {
        "stages": metrics.STAGES,
        "stage_rows": [
            (*stage, count)
            for stage, count in zip(metrics.STAGES, result.overall.counts(), strict=True)
        ],
        "funnel": result,
        "funnel_chart": charts.funnel_chart(result.overall),
        "source_chart": charts.reply_rate_chart(
            "Reply rate by how you know them", result.by_source
        ),
        "tier_chart": charts.reply_rate_chart("Reply rate by seniority", result.by_tier),
        "times": times,
        "reply_chart": charts.reply_chart(times),
        "weeks": [(charts.week_label(week), week) for week in weeks],
        "weekly_chart": charts.weekly_chart(weeks),
    }
    return render(request, "insights/funnel.html", context)


@require_methods("GET")
def referrals(request: HttpRequest) -> HttpResponse:
    graph = referral_graph(request.user, show_all=request.GET.get("show") == "all")
    # Every name and link is escaped by the layout module as it writes the SVG.
    svg = mark_safe(render_svg(graph.layout, "Who led to whom"))
    return render(request, "insights/referrals.html", {"graph": graph, "svg": svg})
