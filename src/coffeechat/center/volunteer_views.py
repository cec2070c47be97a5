"""Alumni volunteers in a career center: the volunteer's profile and inbox, the seekers'
directory and their requests. Every row comes from coffeechat.center.access; every change of a
request's status from coffeechat.center.volunteer_requests."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.accounts.clock import get_profile
from coffeechat.center import access
from coffeechat.center import volunteer_requests as requests
from coffeechat.center.models import Role, VolunteerProfile, VolunteerRequest
from coffeechat.center.volunteer_forms import DeclineForm, RequestForm, VolunteerProfileForm
from coffeechat.core.views import require_methods, rows_first
from coffeechat.lib import drafting
from coffeechat.lib import volunteer_fairness as fairness
from coffeechat.lib.drafting import phrases
from coffeechat.lib.etiquette import has_errors
from coffeechat.outreach import checking
from coffeechat.outreach.drafts import writer_for

DIRECTORY_PAGE = 20
REQUESTS_PAGE = 50
MAX_QUERY = 100
# How a request from the directory opens: the true connection, in our words.
FOUND_YOU = "I found you in our career center's directory of alumni volunteers."


# The volunteer's own pages -----------------------------------------------------------------


@require_methods("GET", "POST")
def profile(request: HttpRequest) -> HttpResponse:
    """The volunteer's profile: written once to appear in the directory, changed any time."""
    access.require_role(request.user, Role.VOLUNTEER)
    own = access.own_volunteer_profile(request.user)
    instance = own or VolunteerProfile(user=request.user)
    initial = None if own else _profile_initial(request.user)
    form = VolunteerProfileForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        if own is None:
            messages.success(request, "Your profile is saved, and seekers can now find you.")
            return redirect("center:volunteer_inbox")
        messages.success(request, "Your profile is saved.")
        return redirect("center:volunteer_profile")
    now = access.center_now()
    context = {
        "form": form,
        "creating": own is None,
        "load": access.volunteer_load(own, now) if own else None,
        "next_month": fairness.next_month_start(now).date(),
    }
    return render(request, "center/volunteers/profile.html", context)


def _profile_initial(user) -> dict:
    seeker_profile = get_profile(user)
    return {
        "display_name": seeker_profile.display_name,
        "email": user.email or seeker_profile.email,
        "phone": seeker_profile.phone,
        "capacity": fairness.DEFAULT_CAPACITY,
    }


@require_methods("GET")
def inbox(request: HttpRequest) -> HttpResponse:
    """The requests a volunteer received, waiting ones first, each with its answers."""
    access.require_role(request.user, Role.VOLUNTEER)
    if access.own_volunteer_profile(request.user) is None:
        messages.info(request, "Write your volunteer profile first: seekers find you by it.")
        return redirect("center:volunteer_profile")
    requests.expire_due()
    page = _page(request, access.requests_received(request.user))
    rows = [_row(request.user, volunteer_request) for volunteer_request in page]
    context = {"page": page, "rows": rows, "days_open": VolunteerRequest.DAYS_OPEN}
    return render(request, "center/volunteers/inbox.html", context)


# The seeker's pages ------------------------------------------------------------------------


@require_methods("GET")
def directory(request: HttpRequest) -> HttpResponse:
    """The volunteers a seeker may ask, fairest first, filtered by what they talk about."""
    access.require_role(request.user, Role.SEEKER)
    now = access.center_now()
    requests.expire_due(now)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    cards = access.volunteer_directory(request.user, now, query)
    page = Paginator(cards, DIRECTORY_PAGE).get_page(request.GET.get("page"))
    waiting = set(access.open_requests_of(request.user).values_list("volunteer_id", flat=True))
    context = {
        "page": page,
        "query": query,
        "waiting_with": waiting,
        "waiting_count": len(waiting),
        "limit": fairness.SEEKER_OPEN_LIMIT,
        "at_limit": not fairness.seeker_may_ask(len(waiting)),
        "limit_sentence": requests.limit_reached_sentence(),
        "days_open": VolunteerRequest.DAYS_OPEN,
    }
    return render(request, "center/volunteers/directory.html", context)


@require_methods("GET", "POST")
def ask(request: HttpRequest, volunteerprofile_id: int) -> HttpResponse:
    """Write to one volunteer: a starting draft from the seeker's profile, checked like any
    request; a "Must fix" blocks sending, a suggestion is shown once and then allowed."""
    access.require_role(request.user, Role.SEEKER)
    now = access.center_now()
    requests.expire_due(now)
    card = access.volunteer_card_for_seeker(request.user, volunteerprofile_id, now)
    reason = requests.refusal(request.user, card, now)
    notice = ""
    if request.method == "GET":
        form = RequestForm(initial={"body": "" if reason else starting_draft(request.user, card)})
        body = form.initial["body"]
    else:
        form = RequestForm(request.POST)
        body = request.POST.get("body", "")
        if not reason and form.is_valid():
            body = form.cleaned_data["body"]
            notice = _hold_back(body, requests.findings(body), form.cleaned_data["warned"])
            if not notice:
                try:
                    sent = requests.send(request.user, card.profile_id, body, now)
                except requests.NotNow as refused:
                    reason = str(refused)
                else:
                    messages.success(request, _sent_sentence(card))
                    return redirect("center:volunteer_request", sent.pk)
    findings = requests.findings(body)
    _mark_seen(form, body)
    context = {
        "card": card,
        "form": form,
        "reason": reason,
        "notice": notice,
        "findings": findings,
        "blocking": has_errors(findings),
        "rows": [{"finding": f, "fix": checking.fix_label(f.rule)} for f in findings],
        "checked": True,
        "days_open": VolunteerRequest.DAYS_OPEN,
    }
    return render(request, "center/volunteers/ask.html", context)


def _hold_back(body: str, findings: list, warned: str) -> str:
    """Why the message is not sent yet ("" to send it): anything that must be fixed, or
    suggestions its writer has not been shown for this very text."""
    if has_errors(findings):
        return "Fix what the checker marks “Must fix”, then send your message."
    if findings and warned != _digest(body):
        return (
            "The checker has a few suggestions below. Change your message, or send it as "
            "it is: it is your choice."
        )
    return ""


def _mark_seen(form: RequestForm, body: str) -> None:
    """The page shows the checker's findings of `body`: pressing Send again sends it."""
    if form.is_bound:
        form.data = form.data.copy()
        form.data["warned"] = _digest(body)
    else:
        form.initial["warned"] = _digest(body)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _sent_sentence(card: access.VolunteerCard) -> str:
    return (
        f"Your request is on its way to {card.name}. They have {VolunteerRequest.DAYS_OPEN} "
        "days to answer, and you will get an email either way."
    )


def starting_draft(seeker, card: access.VolunteerCard) -> str:
    """A first request to this volunteer written from the seeker's profile and pitch, the way
    Reach out drafts one; the seeker edits it before sending."""
    return draft_to(card, writer_for(get_profile(seeker)))


def draft_to(card: access.VolunteerCard, writer: drafting.Writer) -> str:
    first, _, last = phrases.clean(card.name).partition(" ")
    facts = drafting.DraftFacts(
        reader=drafting.Reader(
            first_name=first, last_name=last, title=card.title, organization=card.organization
        ),
        writer=writer,
        link=drafting.Link(source="alumni", override=FOUND_YOU),
    )
    return drafting.request(facts, drafting.EMAIL).body


@require_methods("GET")
def sent(request: HttpRequest) -> HttpResponse:
    """The seeker's requests to volunteers, waiting ones first, with how each ended."""
    access.require_role(request.user, Role.SEEKER)
    requests.expire_due()
    page = _page(request, access.requests_sent(request.user))
    rows = [_row(request.user, volunteer_request) for volunteer_request in page]
    waiting = access.open_requests_of(request.user).count()
    context = {
        "page": page,
        "rows": rows,
        "waiting": waiting,
        "limit": fairness.SEEKER_OPEN_LIMIT,
        "at_limit": not fairness.seeker_may_ask(waiting),
        "limit_sentence": requests.limit_reached_sentence(),
        "days_open": VolunteerRequest.DAYS_OPEN,
    }
    return render(request, "center/volunteers/sent.html", context)


# One request, for either of its two people -------------------------------------------------


@rows_first("GET", volunteerrequest_id=access.volunteer_request_for)
def request_detail(request: HttpRequest, volunteerrequest: VolunteerRequest) -> HttpResponse:
    if requests.expire_due():
        volunteerrequest.refresh_from_db(fields=["status"])
    return _render_detail(request, volunteerrequest)


def _render_detail(request, volunteer_request, decline_form=None) -> HttpResponse:
    row = _row(request.user, volunteer_request, decline_form)
    context = {"row": row, "days_open": VolunteerRequest.DAYS_OPEN}
    return render(request, "center/volunteers/request.html", context)


@rows_first("POST", volunteerrequest_id=access.request_received_by)
def accept(request: HttpRequest, volunteerrequest: VolunteerRequest) -> HttpResponse:
    try:
        requests.accept(volunteerrequest)
    except requests.NotNow as refused:
        messages.error(request, str(refused))
    else:
        name = requests.seeker_name(volunteerrequest.seeker)
        messages.success(
            request,
            f"You accepted {name}'s request. You now see each other's email and phone: "
            "they will write to agree on a time.",
        )
    return redirect("center:volunteer_request", volunteerrequest.pk)


@rows_first("POST", volunteerrequest_id=access.request_received_by)
def decline(request: HttpRequest, volunteerrequest: VolunteerRequest) -> HttpResponse:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, volunteerrequest, form)
    try:
        requests.decline(volunteerrequest, form.cleaned_data["note"])
    except requests.NotNow as refused:
        messages.error(request, str(refused))
        return redirect("center:volunteer_request", volunteerrequest.pk)
    name = requests.seeker_name(volunteerrequest.seeker)
    messages.success(request, f"Declined. {name} will read your note. Thank you for answering.")
    return redirect("center:volunteer_inbox")


@rows_first("POST", volunteerrequest_id=access.request_sent_by)
def withdraw(request: HttpRequest, volunteerrequest: VolunteerRequest) -> HttpResponse:
    try:
        requests.withdraw(volunteerrequest)
    except requests.NotNow as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "You withdrew your request.")
    return redirect("center:volunteer_requests")


# Shared ------------------------------------------------------------------------------------


def _page(request: HttpRequest, rows):
    return Paginator(rows, REQUESTS_PAGE).get_page(request.GET.get("page"))


def _row(viewer, volunteer_request: VolunteerRequest, decline_form=None) -> dict:
    """One request as its viewer sees it: the other side's name, and their email and phone
    only once accepted; for the volunteer of a waiting request, the decline form with a kind
    note to start from."""
    is_volunteer = viewer.pk == volunteer_request.volunteer_id
    waiting = volunteer_request.status == requests.OPEN
    if is_volunteer and waiting and decline_form is None:
        decline_form = DeclineForm(
            initial={"note": requests.default_decline_note(volunteer_request)},
            auto_id=f"id_r{volunteer_request.pk}_%s",
        )
    return {
        "request": volunteer_request,
        "is_volunteer": is_volunteer,
        "other_name": (
            requests.seeker_name(volunteer_request.seeker)
            if is_volunteer
            else requests.volunteer_name(volunteer_request.volunteer)
        ),
        "contact": access.contact_details_for(volunteer_request, viewer),
        "waiting": waiting,
        "decline_form": decline_form if is_volunteer and waiting else None,
    }
