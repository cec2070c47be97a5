"""Who sees what in a career center: the one place that decides.

Every page, export and email of career-center mode takes its rows from the querysets here;
none filters on its own and no template decides. A row someone may not see is a 404 for
them, exactly like another seeker's row (coffeechat.core.models.OwnedModel.get_for_user).

- A **seeker** sees their own data (through the domain apps, as always), the volunteer
  directory of approved volunteers with room for a request, and the requests they sent.
- A **coach** sees a seeker only while the seeker shares with them *and* is in a cohort the
  coach looks after; then only what that share names: progress figures, conversation plans,
  the takeaways and conversation notes picked one by one.
- A **volunteer** sees their own profile and the requests sent to them; a request's sender's
  name and message, and the sender's email only once they accepted.
- A **center admin** sees cohorts, memberships, invitations and volunteer profiles, and
  figures made of counts and timestamps; no seeker's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coffeechat.center.models import (
    Cohort,
    Invitation,
    Membership,
    Review,
    Role,
    Share,
    VolunteerProfile,
    VolunteerRequest,
)
from coffeechat.conversations import lifecycle
from coffeechat.conversations.models import Conversation, Takeaway
from coffeechat.core.ids import parse_id
from coffeechat.lib import volunteer_fairness as fairness

User = get_user_model()


def center_mode() -> bool:
    """Career-center mode is server mode: on one person's computer there is no center."""
    return not settings.LOCAL_MODE


def role_of(user) -> str | None:
    """The part a signed-in person plays; an account without a membership is a seeker.
    A volunteer not yet approved plays no part until an admin approves them. On one person's
    computer (local mode) nobody plays a part: there is no center."""
    if not center_mode() or not getattr(user, "is_authenticated", False):
        return None
    membership = membership_of(user)
    if membership is None:
        return Role.SEEKER
    if membership.role == Role.VOLUNTEER and not membership.approved:
        return None
    return membership.role


def membership_of(user) -> Membership | None:
    """The user's membership, read once per request object (cached on the user)."""
    cached = getattr(user, "_center_membership", False)
    if cached is not False:
        return cached
    membership = Membership.objects.select_related("cohort").filter(user=user).first()
    user._center_membership = membership
    return membership


def require_role(user, *roles: str) -> None:
    """A 404 unless the center is on and the user plays one of these parts."""
    if role_of(user) not in roles:
        raise Http404("No such page.")


def _pk(value) -> int:
    pk = parse_id(value) if isinstance(value, str) else value
    if pk is None:
        raise Http404("No such row.")
    return pk


# ---------------------------------------------------------------- coaching


def cohorts_coached_by(coach) -> QuerySet[Cohort]:
    if role_of(coach) != Role.COACH:
        return Cohort.objects.none()
    return Cohort.objects.filter(coaches=coach)


def coaches_for(seeker) -> QuerySet:
    """The coaches a seeker may share with: those of the seeker's cohort."""
    membership = membership_of(seeker)
    if role_of(seeker) != Role.SEEKER or membership is None or membership.cohort_id is None:
        return User.objects.none()
    return User.objects.filter(
        coached_cohorts=membership.cohort_id, membership__role=Role.COACH, is_active=True
    ).order_by("username")


def shares_received(coach) -> QuerySet[Share]:
    """The shares a coach may read: given to them by seekers of a cohort they coach, who are
    still seekers. A seeker moved to another cohort stops being visible at once."""
    if role_of(coach) != Role.COACH:
        return Share.objects.none()
    return Share.objects.filter(
        coach=coach,
        seeker__is_active=True,
        seeker__membership__role=Role.SEEKER,
        seeker__membership__cohort__coaches=coach,
    ).select_related("seeker", "seeker__seeker_profile", "seeker__membership__cohort")


def share_for_coach(coach, seeker_id) -> Share:
    """The share one seeker gave this coach, or a 404."""
    return get_object_or_404(shares_received(coach), seeker_id=_pk(seeker_id))


def shares_given(seeker) -> QuerySet[Share]:
    if role_of(seeker) != Role.SEEKER:
        return Share.objects.none()
    return Share.objects.filter(seeker=seeker).select_related("coach", "coach__seeker_profile")


def share_of_seeker(seeker, share_id) -> Share:
    return get_object_or_404(shares_given(seeker), pk=_pk(share_id))


def shared_takeaways(share: Share) -> QuerySet[Takeaway]:
    return Takeaway.objects.filter(
        owner=share.seeker_id, pk__in=share.takeaways.values("takeaway_id")
    ).select_related("conversation", "conversation__contact")


def shared_notes(share: Share) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        owner=share.seeker_id, pk__in=share.notes.values("conversation_id")
    ).exclude(notes="")


def shared_plans(share: Share) -> QuerySet[Conversation]:
    """Conversations still ahead, when the seeker shares their plans; else nothing."""
    if not share.plans:
        return Conversation.objects.none()
    return (
        Conversation.objects.filter(owner=share.seeker_id, status__in=lifecycle.OPEN)
        .select_related("contact", "field")
        .prefetch_related("agenda_items")
    )


def reviews_for_seeker(seeker) -> QuerySet[Review]:
    if role_of(seeker) != Role.SEEKER:
        return Review.objects.none()
    return Review.objects.filter(seeker=seeker).select_related(
        "coach", "coach__seeker_profile", "message", "pitch", "conversation"
    )


def review_for_seeker(seeker, review_id) -> Review:
    return get_object_or_404(reviews_for_seeker(seeker), pk=_pk(review_id))


def reviews_for_coach(coach) -> QuerySet[Review]:
    """Reviews asked of this coach by seekers who still share with them: when a seeker stops
    sharing or leaves the cohort, or withdraws a request, it is gone from the coach's sight."""
    return (
        Review.objects.filter(coach=coach, seeker__in=shares_received(coach).values("seeker"))
        .exclude(status=Review.Status.WITHDRAWN)
        .select_related("seeker", "seeker__seeker_profile")
    )


def review_for_coach(coach, review_id) -> Review:
    return get_object_or_404(reviews_for_coach(coach), pk=_pk(review_id))


# ---------------------------------------------------------------- volunteers


def approved_volunteers() -> QuerySet:
    return User.objects.filter(
        is_active=True, membership__role=Role.VOLUNTEER, membership__approved_at__isnull=False
    )


def volunteer_profiles_for_seekers(seeker) -> QuerySet[VolunteerProfile]:
    """The profiles a seeker may browse (without email or phone: the directory reads
    them through VolunteerCard, volunteer_directory below)."""
    if role_of(seeker) != Role.SEEKER:
        return VolunteerProfile.objects.none()
    return VolunteerProfile.objects.filter(user__in=approved_volunteers())


def requests_visible_to(user) -> QuerySet[VolunteerRequest]:
    """Requests a seeker sent or a volunteer received; nobody else sees any."""
    role = role_of(user)
    if role == Role.SEEKER:
        scope = Q(seeker=user)
    elif role == Role.VOLUNTEER:
        scope = Q(volunteer=user)
    else:
        return VolunteerRequest.objects.none()
    return VolunteerRequest.objects.filter(scope).select_related(
        "seeker", "seeker__seeker_profile", "volunteer", "volunteer__volunteer_profile"
    )


def volunteer_request_for(user, request_id) -> VolunteerRequest:
    return get_object_or_404(requests_visible_to(user), pk=_pk(request_id))


def contact_details_shown(volunteer_request: VolunteerRequest) -> bool:
    """Email and phone are revealed to both only once the volunteer accepted."""
    return volunteer_request.status == VolunteerRequest.Status.ACCEPTED


# ---------------------------------------------------------------- admin


def is_center_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def cohort_for_admin(user, cohort_id) -> Cohort:
    if not is_center_admin(user):
        raise Http404("No such cohort.")
    return get_object_or_404(Cohort, pk=_pk(cohort_id))


def memberships_for_admin(user) -> QuerySet[Membership]:
    if not is_center_admin(user):
        return Membership.objects.none()
    return Membership.objects.select_related("user", "cohort")


# ---- administration
# The center admin's pages (coffeechat.center.staff_views): accounts by name and part only,
# cohorts, pending volunteers and invitations. Nothing here reaches a seeker's own rows.


def accounts_for_admin(user) -> QuerySet:
    """Active accounts with their part and cohort; only the columns a name needs are read, so
    no profile text (phone, employers, …) reaches an admin's page even by mistake."""
    if not is_center_admin(user):
        return User.objects.none()
    return (
        User.objects.filter(is_active=True)
        .select_related("membership__cohort", "seeker_profile")
        .only(
            "username",
            "seeker_profile__display_name",
            "membership__role",
            "membership__approved_at",
            "membership__joined_at",
            "membership__cohort__name",
        )
    )


def account_for_admin(user, account_id):
    return get_object_or_404(accounts_for_admin(user), pk=_pk(account_id))


def membership_for_admin(user, membership_id) -> Membership:
    return get_object_or_404(
        memberships_for_admin(user).select_related("user__seeker_profile"),
        pk=_pk(membership_id),
    )


def cohorts_for_admin(user) -> QuerySet[Cohort]:
    if not is_center_admin(user):
        return Cohort.objects.none()
    return Cohort.objects.all()


def coaches_for_admin(user) -> QuerySet:
    """Accounts playing the coach, for assigning them to cohorts."""
    return accounts_for_admin(user).filter(membership__role=Role.COACH).order_by("username")


def pending_volunteers_for_admin(user) -> QuerySet[Membership]:
    return (
        memberships_for_admin(user)
        .filter(role=Role.VOLUNTEER, approved_at__isnull=True, user__is_active=True)
        .select_related("user__seeker_profile")
        .order_by("joined_at")
    )


def invitations_for_admin(user) -> QuerySet[Invitation]:
    if not is_center_admin(user):
        return Invitation.objects.none()
    return Invitation.objects.select_related("cohort", "created_by").order_by("-created_at")


def invitation_for_admin(user, invitation_id) -> Invitation:
    return get_object_or_404(invitations_for_admin(user), pk=_pk(invitation_id))


# ---- volunteers (directory)
# The volunteer's own profile, the seekers' directory (ranked and thinned by
# coffeechat.lib.volunteer_fairness) and each side's view of a request
# (coffeechat.center.volunteer_views). A seeker never reads a volunteer's email or phone here:
# directory cards are built from DIRECTORY_COLUMNS alone, and a request gives the other side's
# email and phone only once it is accepted (contact_details_for).


DIRECTORY_COLUMNS = (
    "user",
    "display_name",
    "field",
    "organization",
    "title",
    "topics",
    "class_year",
    "available",
    "capacity",
)
SEARCHED_COLUMNS = ("field", "topics", "title", "organization", "display_name")
MAX_QUERY_WORDS = 8


def center_now() -> datetime:
    """Now on the server's clock (settings.TIME_ZONE): a volunteer's month begins at midnight
    there, the same for every seeker whatever their own time zone."""
    return timezone.localtime(timezone.now(), timezone.get_default_timezone())


@dataclass(frozen=True)
class VolunteerCard:
    """A volunteer as a seeker sees them: what they offer to talk about, never how to reach
    them."""

    profile_id: int
    volunteer_id: int
    name: str
    field: str
    organization: str
    title: str
    topics: tuple[str, ...]
    class_year: int | None
    available: bool
    load: fairness.Load

    @property
    def takes_requests(self) -> bool:
        return self.available and not self.load.full


def own_volunteer_profile(user) -> VolunteerProfile | None:
    """An approved volunteer's own profile (None until they write it); a 404 for anyone
    else."""
    require_role(user, Role.VOLUNTEER)
    return VolunteerProfile.objects.filter(user=user).first()


def volunteer_load(profile: VolunteerProfile, now: datetime) -> fairness.Load:
    """What a volunteer has been asked lately, for their own profile page."""
    return _load_of(_with_load(VolunteerProfile.objects.filter(pk=profile.pk), now).get())


def volunteer_directory(seeker, now: datetime, query: str = "") -> list[VolunteerCard]:
    """The volunteers a seeker may ask now, fairest first: approved, active and available,
    with room left this month, matching every word of `query`."""
    profiles = volunteer_profiles_for_seekers(seeker).filter(available=True, user__is_active=True)
    for word in query.split()[:MAX_QUERY_WORDS]:
        matches = Q()
        for column in SEARCHED_COLUMNS:
            matches |= Q(**{f"{column}__icontains": word})
        profiles = profiles.filter(matches)
    cards = {card.volunteer_id: card for card in map(_card, _with_load(profiles, now))}
    return [cards[load.volunteer] for load in fairness.rank(card.load for card in cards.values())]


def volunteer_card_for_seeker(seeker, profile_id, now: datetime) -> VolunteerCard:
    """One volunteer a seeker may look at, whether or not they take requests now (the card
    says); a 404 for anyone not an approved, active volunteer, and for anyone not a seeker."""
    profiles = volunteer_profiles_for_seekers(seeker).filter(user__is_active=True)
    return _card(get_object_or_404(_with_load(profiles, now), pk=_pk(profile_id)))


def _with_load(profiles: QuerySet[VolunteerProfile], now: datetime) -> QuerySet:
    """Profiles with the counts fairness needs, read in the same query; only the columns a
    seeker may see. Each count is a subquery over one volunteer's requests within its window
    (the (volunteer, created_at) index), so the cost does not grow with years of requests."""

    def received_since(since: datetime) -> Subquery:
        counted = (
            VolunteerRequest.objects.filter(volunteer=OuterRef("user_id"), created_at__gte=since)
            .order_by()
            .values("volunteer")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    latest = (
        VolunteerRequest.objects.filter(volunteer=OuterRef("user_id"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return profiles.only(*DIRECTORY_COLUMNS).annotate(
        received_this_month=received_since(fairness.month_start(now)),
        received_recently=received_since(fairness.recent_since(now)),
        last_received_at=Subquery(latest),
    )


def _load_of(profile) -> fairness.Load:
    return fairness.Load(
        volunteer=profile.user_id,
        capacity=profile.capacity,
        this_month=profile.received_this_month,
        recent=profile.received_recently,
        last_received=profile.last_received_at,
    )


def _card(profile) -> VolunteerCard:
    return VolunteerCard(
        profile_id=profile.pk,
        volunteer_id=profile.user_id,
        name=profile.display_name,
        field=profile.field,
        organization=profile.organization,
        title=profile.title,
        topics=tuple(line.strip() for line in profile.topics.splitlines() if line.strip()),
        class_year=profile.class_year,
        available=profile.available,
        load=_load_of(profile),
    )


def _waiting_first(requests: QuerySet[VolunteerRequest]) -> QuerySet[VolunteerRequest]:
    waiting = Case(
        When(status=VolunteerRequest.Status.OPEN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return requests.annotate(waiting=waiting).order_by("waiting", "-created_at", "-pk")


def requests_received(user) -> QuerySet[VolunteerRequest]:
    """A volunteer's inbox, waiting requests first; nothing for anyone else."""
    if role_of(user) != Role.VOLUNTEER:
        return VolunteerRequest.objects.none()
    return _waiting_first(requests_visible_to(user))


def requests_sent(user) -> QuerySet[VolunteerRequest]:
    """A seeker's requests to volunteers, waiting ones first; nothing for anyone else."""
    if role_of(user) != Role.SEEKER:
        return VolunteerRequest.objects.none()
    return _waiting_first(requests_visible_to(user))


def request_received_by(user, request_id) -> VolunteerRequest:
    """A request the user may answer (they are its volunteer), or a 404."""
    return get_object_or_404(requests_received(user), pk=_pk(request_id))


def request_sent_by(user, request_id) -> VolunteerRequest:
    """A request the user may withdraw (they sent it), or a 404."""
    return get_object_or_404(requests_sent(user), pk=_pk(request_id))


def open_requests_of(seeker) -> QuerySet[VolunteerRequest]:
    return requests_sent(seeker).filter(status=VolunteerRequest.Status.OPEN)


def contact_details_for(volunteer_request: VolunteerRequest, viewer) -> dict[str, str] | None:
    """The other side's email and phone, for either of the two people of an accepted request;
    None before it is accepted, and for anyone else."""
    if not contact_details_shown(volunteer_request):
        return None
    if viewer.pk == volunteer_request.seeker_id:
        volunteer = volunteer_request.volunteer
        profile = getattr(volunteer, "volunteer_profile", None)
        if profile is None:
            return {"email": volunteer.email, "phone": ""}
        return {"email": profile.email or volunteer.email, "phone": profile.phone}
    if viewer.pk == volunteer_request.volunteer_id:
        seeker = volunteer_request.seeker
        profile = getattr(seeker, "seeker_profile", None)
        if profile is None:
            return {"email": seeker.email, "phone": ""}
        return {"email": profile.email or seeker.email, "phone": profile.phone}
    return None
