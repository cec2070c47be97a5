"""Sharing with a coach, by consent: the seeker's choices, and the coach's pages built only
from them. Every row comes from coffeechat.center.access."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coffeechat.center import access, progress
from coffeechat.center.coaching_forms import NewShareForm, ShareForm, coach_name
from coffeechat.center.models import Role, SharedNote, SharedTakeaway
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.core import revisions
from coffeechat.core.display import display
from coffeechat.core.views import require_methods, rows_first

PICKABLE = 30  # the seeker's most recent takeaways and notes offered for sharing


@require_methods("GET", "POST")
def sharing(request: HttpRequest) -> HttpResponse:
    """What the seeker shares, with whom; and a form to share with another coach."""
    access.require_role(request.user, Role.SEEKER)
    shares = list(access.shares_given(request.user))
    coaches = (
        access.coaches_for(request.user)
        .exclude(pk__in=[share.coach_id for share in shares])
        .select_related("seeker_profile")
    )
    form = NewShareForm(request.POST or None, coaches=coaches)
    if request.method == "POST" and form.is_valid():
        share = form.save(commit=False)
        share.seeker = request.user
        share.save()
        messages.success(request, f"You now share with {coach_name(share.coach)}.")
        return redirect("center:sharing")
    context = {
        "shares": [(share, ShareForm(instance=share, prefix=f"s{share.pk}")) for share in shares],
        "form": form,
        "has_coaches": coaches.exists(),
        "membership": access.membership_of(request.user),
        **_pickable(request.user, shares),
    }
    return render(request, "center/coaching/sharing.html", context)


def _pickable(seeker, shares) -> dict:
    """The seeker's recent takeaways and conversation notes, each with the shares it is in."""
    takeaways = list(
        Takeaway.objects.owned_by(seeker)
        .select_related("conversation__contact")
        .order_by("-created_at")[:PICKABLE]
    )
    notes = list(
        Conversation.objects.owned_by(seeker)
        .exclude(notes="")
        .select_related("contact")
        .order_by("-updated_at")[:PICKABLE]
    )
    share_ids = [share.pk for share in shares]
    shared_takeaways = set(
        SharedTakeaway.objects.filter(share__in=share_ids).values_list("share", "takeaway")
    )
    shared_notes = set(
        SharedNote.objects.filter(share__in=share_ids).values_list("share", "conversation")
    )
    return {
        "takeaways": [
            (t, [(s, (s.pk, t.pk) in shared_takeaways) for s in shares]) for t in takeaways
        ],
        "notes": [(c, [(s, (s.pk, c.pk) in shared_notes) for s in shares]) for c in notes],
    }


@rows_first("POST", share_id=access.share_of_seeker)
def share_edit(request: HttpRequest, share) -> HttpResponse:
    form = ShareForm(request.POST, instance=share, prefix=f"s{share.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, f"Saved what {coach_name(share.coach)} sees.")
    return redirect("center:sharing")


@rows_first("POST", share_id=access.share_of_seeker)
def share_stop(request: HttpRequest, share) -> HttpResponse:
    name = coach_name(share.coach)
    share.delete()
    messages.success(request, f"You no longer share anything with {name}.")
    return redirect("center:sharing")


@rows_first("POST", share_id=access.share_of_seeker, takeaway_id=Takeaway.get_for_user)
def share_takeaway(request: HttpRequest, share, takeaway) -> HttpResponse:
    if request.POST.get("shared") == "yes":
        SharedTakeaway.objects.get_or_create(share=share, takeaway=takeaway)
    else:
        SharedTakeaway.objects.filter(share=share, takeaway=takeaway).delete()
    return redirect(_back(request, "center:sharing"))


@rows_first("POST", share_id=access.share_of_seeker, conversation_id=Conversation.get_for_user)
def share_note(request: HttpRequest, share, conversation) -> HttpResponse:
    if request.POST.get("shared") == "yes":
        SharedNote.objects.get_or_create(share=share, conversation=conversation)
    else:
        SharedNote.objects.filter(share=share, conversation=conversation).delete()
    return redirect(_back(request, "center:sharing"))


def _back(request: HttpRequest, default: str) -> str:
    """Back to the sharing page, at the section the form was in (a fragment, never a host)."""
    anchor = request.POST.get("section", "")
    return redirect(default).url + (f"#{anchor}" if anchor in ("takeaways", "notes") else "")


# ---------------------------------------------------------------- the coach's side


@require_methods("GET")
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    """The coach's seekers who share with them: figures for those who share progress."""
    access.require_role(request.user, Role.COACH)
    shares = list(
        access.shares_received(request.user)
        .order_by("seeker__username")
        .values("seeker_id", "progress", "seeker__username", "seeker__seeker_profile__display_name")
    )
    table_rows, flagged = _dashboard_table(shares)
    context = {
        "shares": len(shares),
        "table_rows": table_rows,
        "flagged": flagged,
        "cohorts": access.cohorts_coached_by(request.user),
        "window_days": progress.WINDOW_DAYS,
    }
    return render(request, "center/coaching/dashboard.html", context)


def _dashboard_table(shares: list[dict]) -> tuple[str, int]:
    """The table's rows as HTML, and how many are flagged: rendered once, then kept until a
    sharing seeker changes anything, the hour ends (progress.progress_this_hour) or what the
    rows show besides the figures changes (who shares what, a name, the coach's time zone)."""
    sharing = [share["seeker_id"] for share in shares if share["progress"]]
    hour = progress.this_hour()

    def rendered() -> tuple[str, int]:
        rows = _dashboard_rows(shares, progress.progress_of(sharing, hour))
        html = render_to_string("center/coaching/_dashboard_rows.html", {"rows": rows})
        return html, sum(1 for row in rows if row.get("flags"))

    shown = tuple(tuple(share.values()) for share in shares)
    zone = timezone.get_current_timezone_name()
    return revisions.cached_across(
        sharing, "coach-dashboard", rendered, hour.isoformat(), shown, zone, timeout=progress.KEPT
    )


def _dashboard_rows(shares: list[dict], figures: dict[int, progress.Progress]) -> list[dict]:
    """One flat row per seeker with its text ready, so each more seeker costs the page little."""
    link = reverse("center:coach_seeker", args=[0]).removesuffix("0/")  # + id + "/"
    rows = []
    for share in shares:
        seeker_id = share["seeker_id"]
        figure = figures.get(seeker_id)
        name = share["seeker__seeker_profile__display_name"] or share["seeker__username"]
        row = {"href": f"{link}{seeker_id}/", "name": name, "shares_figures": figure is not None}
        if figure is not None:
            alumni = str(figure.alumni_asked)
            if figure.alumni_asked:
                alumni += f" ({figure.alumni_accepted} accepted)"
            row |= {
                "step": figure.step_label,
                "last_activity": display(figure.last_activity),
                "requests": figure.requests,
                "replies": figure.replies,
                "held": figure.held,
                "alumni": alumni,
                "flags": figure.flags,
            }
        rows.append(row)
    return rows


@rows_first("GET", seeker_id=access.share_for_coach)
def coach_seeker(request: HttpRequest, seeker) -> HttpResponse:
    """One seeker, as much as they share with this coach and nothing more."""
    share = seeker
    figure = (
        progress.progress_this_hour([share.seeker_id]).get(share.seeker_id)
        if share.progress
        else None
    )
    context = {
        "share": share,
        "figure": figure,
        "plans": list(access.shared_plans(share)),
        "takeaways": list(access.shared_takeaways(share)),
        "notes": list(access.shared_notes(share)),
        "window_days": progress.WINDOW_DAYS,
    }
    return render(request, "center/coaching/seeker.html", context)
