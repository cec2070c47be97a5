"""The center admin's pages (cohorts, people's parts, volunteers to approve, invitations) and
the page an invitation's link opens. Every row comes from coffeechat.center.access; an admin
sees names, parts, cohorts and counts, never a seeker's own rows. Anyone but an admin gets a
404 here, and so does everyone in local mode."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from coffeechat.accounts import throttle
from coffeechat.accounts.forms import UNUSABLE, SignupForm
from coffeechat.center import access, invitation_tasks, invitations
from coffeechat.center.models import Cohort, Membership, Role
from coffeechat.center.staff_forms import (
    EMAIL,
    CoachingForm,
    CohortForm,
    CohortMoveForm,
    InvitationForm,
    RoleForm,
    person_name,
)
from coffeechat.core.views import require_methods

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
PER_PAGE = 50
PENDING_SHOWN = 20
RECENT_INVITATIONS = 10


def admin_page(*methods: str):
    """An admin page: a 404 for anyone else (and for everyone in local mode) whatever the
    method, like another user's row; then the methods it answers, as require_methods says."""

    def decorator(view):
        answered = require_methods(*methods)(view)

        @functools.wraps(answered)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            access.require_role(request.user, Role.ADMIN)
            return answered(request, *args, **kwargs)

        return wrapper

    return decorator


def _page(request: HttpRequest, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def _with_counts(cohorts):
    """Each cohort with its active seekers and coaches, counted in the same query."""
    seekers = (
        Membership.objects.filter(cohort=OuterRef("pk"), role=Role.SEEKER, user__is_active=True)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    coaches = (
        Cohort.coaches.through.objects.filter(cohort=OuterRef("pk"), user__is_active=True)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return cohorts.annotate(
        seeker_count=Coalesce(Subquery(seekers, output_field=IntegerField()), 0),
        coach_count=Coalesce(Subquery(coaches, output_field=IntegerField()), 0),
    )


def _figures(accounts) -> dict:
    """How many people play each part, from one query."""
    seeker = Q(membership__isnull=True) | Q(membership__role=Role.SEEKER)
    volunteer = Q(membership__role=Role.VOLUNTEER)
    return accounts.aggregate(
        seekers=Count("pk", filter=seeker),
        without_cohort=Count("pk", filter=seeker & Q(membership__cohort__isnull=True)),
        coaches=Count("pk", filter=Q(membership__role=Role.COACH)),
        volunteers=Count("pk", filter=volunteer & Q(membership__approved_at__isnull=False)),
        pending=Count("pk", filter=volunteer & Q(membership__approved_at__isnull=True)),
        admins=Count("pk", filter=Q(membership__role=Role.ADMIN)),
    )


# --- the center's home ------------------------------------------------------------------------


@admin_page("GET")
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "figures": _figures(access.accounts_for_admin(user)),
        "cohorts": _with_counts(access.cohorts_for_admin(user)),
        "pending": access.pending_volunteers_for_admin(user)[:PENDING_SHOWN],
        "invitations": _described(access.invitations_for_admin(user)[:RECENT_INVITATIONS]),
    }
    return render(request, "center/staff/home.html", context)


def _described(rows) -> list:
    return [(row, invitations.state_of(row), invitations.describe(row)) for row in rows]


# --- cohorts ----------------------------------------------------------------------------------


@admin_page("GET", "POST")
def cohort_create(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None, coaches=access.coaches_for_admin(request.user))
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, f"Cohort “{cohort.name}” created.")
        return redirect("center:cohort_detail", cohort_id=cohort.pk)
    return render(request, "center/staff/cohort_form.html", {"form": form})


@admin_page("GET", "POST")
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access.cohort_for_admin(request.user, cohort_id)
    coaches = access.coaches_for_admin(request.user)
    form = CohortForm(request.POST or None, instance=cohort, coaches=coaches)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Cohort “{cohort.name}” saved.")
        return redirect("center:cohort_detail", cohort_id=cohort.pk)
    return render(request, "center/staff/cohort_form.html", {"form": form, "cohort": cohort})


@admin_page("GET")
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = access.cohort_for_admin(request.user, cohort_id)
    accounts = access.accounts_for_admin(request.user)
    seekers = accounts.filter(membership__cohort=cohort, membership__role=Role.SEEKER)
    context = {
        "cohort": cohort,
        "coaches": accounts.filter(coached_cohorts=cohort).order_by("username"),
        "page": _page(request, seekers.order_by("username")),
        "invitations": _described(
            access.invitations_for_admin(request.user).filter(cohort=cohort)[:RECENT_INVITATIONS]
        ),
    }
    return render(request, "center/staff/cohort_detail.html", context)


# --- people -----------------------------------------------------------------------------------

PART_FILTERS = {
    "seeker": Q(membership__isnull=True) | Q(membership__role=Role.SEEKER),
    "coach": Q(membership__role=Role.COACH),
    "volunteer": Q(membership__role=Role.VOLUNTEER, membership__approved_at__isnull=False),
    "pending": Q(membership__role=Role.VOLUNTEER, membership__approved_at__isnull=True),
    "admin": Q(membership__role=Role.ADMIN),
}
PART_LABELS = {
    "seeker": "Seekers",
    "coach": "Coaches",
    "volunteer": "Alumni volunteers",
    "pending": "Volunteers to approve",
    "admin": "Center admins",
}


@admin_page("GET")
def people(request: HttpRequest) -> HttpResponse:
    """Everyone with an account, by name, part and cohort; filter and page through them."""
    rows = access.accounts_for_admin(request.user)
    part = request.GET.get("part", "")
    if part in PART_FILTERS:
        rows = rows.filter(PART_FILTERS[part])
    cohorts = access.cohorts_for_admin(request.user)
    cohort = request.GET.get("cohort", "")
    if cohort == "none":
        rows = rows.filter(PART_FILTERS["seeker"], membership__cohort__isnull=True)
    elif cohort.isdigit():
        rows = rows.filter(membership__cohort=int(cohort))
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(
            Q(username__icontains=query) | Q(seeker_profile__display_name__icontains=query)
        )
    context = {
        "page": _page(request, rows.order_by("username")),
        "parts": PART_LABELS.items(),
        "part": part,
        "cohorts": cohorts,
        "cohort": cohort,
        "query": query,
    }
    return render(request, "center/staff/people.html", context)


@admin_page("POST")
def person_manage(request: HttpRequest) -> HttpResponse:
    """The page of an account that has no membership yet (a seeker of no cohort, as every
    account starts): its membership is made, as a seeker of no cohort, which changes nothing."""
    account = access.account_for_admin(request.user, request.POST.get("account", ""))
    membership, _ = Membership.objects.get_or_create(user=account)
    return redirect("center:membership_detail", membership_id=membership.pk)


@admin_page("GET")
def membership_detail(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    return _person_page(request, membership)


def _person_page(request, membership, status: int = 200, **forms) -> HttpResponse:
    cohorts = access.cohorts_for_admin(request.user)
    user = membership.user
    context = {
        "membership": membership,
        "name": person_name(user),
        "role_form": forms.get("role_form") or RoleForm(initial={"role": membership.role}),
        "cohort_form": forms.get("cohort_form")
        or CohortMoveForm(initial={"cohort": membership.cohort_id}, cohorts=cohorts),
        "coaching_form": forms.get("coaching_form")
        or CoachingForm(initial={"cohorts": list(user.coached_cohorts.all())}, cohorts=cohorts),
        "is_self": user.pk == request.user.pk,
    }
    return render(request, "center/staff/person.html", context, status=status)


@admin_page("POST")
def membership_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _person_page(request, membership, status=400, role_form=form)
    try:
        invitations.set_role(membership.user, form.cleaned_data["role"])
    except invitations.Refused as refusal:
        form.add_error("role", str(refusal))
        return _person_page(request, membership, status=409, role_form=form)
    membership.refresh_from_db()
    name = person_name(membership.user)
    messages.success(request, f"{name} is now {invitations.A_ROLE[membership.role]}.")
    if membership.user_id == request.user.pk and membership.role != Role.ADMIN:
        return redirect("today:today")  # no longer allowed here
    return redirect("center:membership_detail", membership_id=membership.pk)


@admin_page("POST")
def membership_cohort(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    form = CohortMoveForm(request.POST, cohorts=access.cohorts_for_admin(request.user))
    if not form.is_valid():
        return _person_page(request, membership, status=400, cohort_form=form)
    try:
        invitations.move(membership, form.cleaned_data["cohort"])
    except invitations.Refused as refusal:
        form.add_error("cohort", str(refusal))
        return _person_page(request, membership, status=409, cohort_form=form)
    cohort = form.cleaned_data["cohort"]
    where = f"in {cohort.name}" if cohort else "in no cohort"
    messages.success(request, f"{person_name(membership.user)} is now {where}.")
    return redirect("center:membership_detail", membership_id=membership.pk)


@admin_page("POST")
def membership_coaching(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    form = CoachingForm(request.POST, cohorts=access.cohorts_for_admin(request.user))
    if membership.role != Role.COACH:
        raise Http404("Only coaches look after cohorts.")
    if not form.is_valid():
        return _person_page(request, membership, status=400, coaching_form=form)
    invitations.set_coaching(membership.user, form.cleaned_data["cohorts"])
    messages.success(request, f"Saved the cohorts {person_name(membership.user)} looks after.")
    return redirect("center:membership_detail", membership_id=membership.pk)


@admin_page("POST")
def volunteer_approve(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    if invitations.approve(membership):
        messages.success(request, f"{person_name(membership.user)} is now a volunteer.")
    return redirect(_next(request, "center:admin_home"))


@admin_page("POST")
def volunteer_refuse(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.membership_for_admin(request.user, membership_id)
    if invitations.refuse(membership):
        messages.success(
            request,
            f"{person_name(membership.user)} was not taken as a volunteer; they keep their "
            "account as a seeker of no cohort.",
        )
    return redirect(_next(request, "center:admin_home"))


def _next(request: HttpRequest, default: str) -> str:
    """Back to the list the button was on: one of ours, never an address from outside."""
    wanted = request.POST.get("next", "")
    return reverse("center:people") + "?part=pending" if wanted == "people" else reverse(default)


# --- invitations ------------------------------------------------------------------------------


@admin_page("GET")
def invitation_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, access.invitations_for_admin(request.user))
    return render(
        request,
        "center/staff/invitations.html",
        {"page": page, "rows": _described(page.object_list)},
    )


@admin_page("GET", "POST")
def invitation_create(request: HttpRequest) -> HttpResponse:
    """A link, shown once on the page that answers this form, or emails sent in the
    background. The answer is not a redirect: the link must not pass through an address."""
    cohorts = access.cohorts_for_admin(request.user)
    initial = {"cohort": request.GET.get("cohort")} if request.GET.get("cohort") else {}
    form = InvitationForm(request.POST or None, cohorts=cohorts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["delivery"] == EMAIL:
            return _send_emails(request, data)
        invitation, token = invitations.issue_link(
            request.user, data["role"], data["cohort"], data["max_uses"]
        )
        link = request.build_absolute_uri(reverse("center:join", kwargs={"token": token}))
        context = {"invitation": invitation, "link": link, "what": invitations.describe(invitation)}
        response = render(request, "center/staff/invitation_created.html", context)
        response["Referrer-Policy"] = "no-referrer"
        return response
    return render(request, "center/staff/invitation_form.html", {"form": form})


def _send_emails(request: HttpRequest, data: dict) -> HttpResponse:
    issued = invitations.issue_emails(request.user, data["role"], data["cohort"], data["emails"])
    site = request.build_absolute_uri("/")
    for invitation in issued:
        invitation_tasks.queue(invitation, site)
    count = len(issued)
    messages.success(
        request,
        f"{count} invitation{'s' if count != 1 else ''} will be emailed in the next minutes; "
        "each works once.",
    )
    return redirect("center:invitation_list")


@admin_page("POST")
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.invitation_for_admin(request.user, invitation_id)
    if invitations.revoke(invitation):
        messages.success(request, "The invitation is withdrawn; its link no longer works.")
    return redirect("center:invitation_list")


@admin_page("POST")
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Email an unused invitation again, with a new link (the one sent before stops working)."""
    invitation = access.invitation_for_admin(request.user, invitation_id)
    if invitation.email and invitations.state_of(invitation) == invitations.USABLE:
        invitation_tasks.queue(invitation, request.build_absolute_uri("/"))
        messages.success(request, f"A new link will be emailed to {invitation.email}.")
    return redirect("center:invitation_list")


# --- joining through an invitation ------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    """The address carries the token: no other site may learn it from a link followed here.
    "same-origin", not "no-referrer": with no referrer at all, browsers send `Origin: null`
    with the page's own form, which the CSRF check rightly refuses."""
    response["Referrer-Policy"] = "same-origin"
    return response


@login_not_required
@never_cache
@require_methods("GET", "POST")
def join(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's page: sign up through it, or join with the account you are in."""
    if not access.center_mode():
        raise Http404("There is no career center on this computer.")
    invitation = invitations.find(token)
    if invitation is None:
        return _private(_unusable(request, None, status=404))
    state = invitations.state_of(invitation)
    if state != invitations.USABLE:
        return _private(_unusable(request, state))
    if request.user.is_authenticated:
        return _private(_join_signed_in(request, invitation))
    return _private(_join_new_account(request, invitation))


def _unusable(request: HttpRequest, state: str | None, status: int = 410) -> HttpResponse:
    """A link that worked once and no longer does is 410 Gone and says why; one that never
    worked is a 404 (a token is 192 random bits: telling the two apart reveals nothing)."""
    reason = invitations.WHY_UNUSABLE.get(state, "This invitation link is not one of ours.")
    return render(request, "center/staff/join_unusable.html", {"reason": reason}, status=status)


def _join_signed_in(request: HttpRequest, invitation) -> HttpResponse:
    membership = access.membership_of(request.user)
    refusal = invitations.refusal(membership, invitation)
    already = refusal is None and invitations.already_has(membership, invitation)
    if request.method == "POST" and not (refusal or already):
        try:
            invitations.join(request.user, invitation)
        except invitations.Unusable as gone:
            return _unusable(request, gone.state)
        except invitations.Refused as refused:
            refusal = str(refused)
        else:
            return _welcome(request, invitation)
    context = {
        "invitation": invitation,
        "what": invitations.describe(invitation),
        "refusal": refusal,
        "already": already,
    }
    status = 409 if refusal and request.method == "POST" else 200
    return render(request, "center/staff/join.html", context, status=status)


def _join_new_account(request: HttpRequest, invitation) -> HttpResponse:
    if request.method == "POST" and not throttle.signup_allowed(request):
        context = {"minutes": throttle.signup_limit().minutes}
        return render(request, "accounts/signup_paused.html", context, status=429)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.sign_up(form, invitation)
        except invitations.Unusable as gone:
            return _unusable(request, gone.state)
        except IntegrityError:  # the same name, created a moment ago by someone else
            form.add_error("username", UNUSABLE)
        else:
            login(request, user, backend=MODEL_BACKEND)
            return _welcome(request, invitation)
    context = {"invitation": invitation, "what": invitations.describe(invitation), "form": form}
    return render(request, "center/staff/join.html", context)


def _welcome(request: HttpRequest, invitation) -> HttpResponse:
    if invitation.role == Role.VOLUNTEER:
        return redirect("center:join_pending")
    messages.success(request, f"Welcome: you are now {invitations.describe(invitation)}.")
    return redirect("today:today")


@never_cache
@require_methods("GET")
def pending(request: HttpRequest) -> HttpResponse:
    """What a volunteer sees until an admin approves them."""
    if not access.center_mode():
        raise Http404("There is no career center on this computer.")
    membership = access.membership_of(request.user)
    if membership is None or membership.role != Role.VOLUNTEER or membership.approved:
        return redirect("today:today")
    return render(request, "center/staff/pending.html", {"membership": membership})
