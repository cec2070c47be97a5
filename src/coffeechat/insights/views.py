"""Insights across all conversations: field comparison, the outreach funnel, the referral tree."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from coffeechat.accounts.clock import clock_for
from coffeechat.core.revisions import cached_for
from coffeechat.core.views import owned_object, require_methods
from coffeechat.insights import charts, comparison, metrics
from coffeechat.insights.forms import FitForm
from coffeechat.insights.graph import referral_graph
from coffeechat.lib.referral_layout import render_svg
from coffeechat.research.models import CareerField


@require_methods("GET")
def fields(request: HttpRequest) -> HttpResponse:
    user = request.user
    everything, chosen = comparison.selected_fields(user, request.GET.getlist("field"))
    # Computed again only when something of the account changed (coffeechat.core.revisions).
    chosen_key = ",".join(str(f.pk) for f in chosen)
    columns = cached_for(
        user, "insights-fields", lambda: comparison.compare(user, chosen), chosen_key
    )
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
    user = request.user
    # The weeks end today where the seeker lives; the rest changes only with the account.
    context = cached_for(
        user, "insights-funnel", lambda: _funnel_context(user), clock_for(user).today()
    )
    return render(request, "insights/funnel.html", context)


def _funnel_context(user) -> dict:
    result = metrics.funnel(user)
    times = metrics.reply_times(user)
    weeks = metrics.weekly_activity(user)
    return {
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


@require_methods("GET")
def referrals(request: HttpRequest) -> HttpResponse:
    user, show_all = request.user, request.GET.get("show") == "all"

    def drawn() -> dict:
        graph = referral_graph(user, show_all=show_all)
        # Every name and link is escaped by the layout module as it writes the SVG.
        return {"graph": graph, "svg": mark_safe(render_svg(graph.layout, "Who led to whom"))}

    context = cached_for(user, "insights-referrals", drawn, show_all)
    return render(request, "insights/referrals.html", context)
