"""Career-center personas: cohorts, members in each part, volunteers with profiles."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from coffeechat.center.models import (
    Cohort,
    Membership,
    Role,
    Share,
    VolunteerProfile,
    VolunteerRequest,
)
from tests.factories import make_user


def make_cohort(name: str, *coaches) -> Cohort:
    cohort = Cohort.objects.create(name=name)
    cohort.coaches.add(*coaches)
    return cohort


def make_member(username: str, role: str = Role.SEEKER, cohort=None, *, approved=True, **extra):
    user = make_user(username, email=f"{username}@example.edu", **extra)
    Membership.objects.create(
        user=user, role=role, cohort=cohort, approved_at=timezone.now() if approved else None
    )
    return user


def make_coach(username: str, *cohorts):
    coach = make_member(username, Role.COACH)
    for cohort in cohorts:
        cohort.coaches.add(coach)
    return coach


def make_volunteer(username: str, **profile) -> object:
    user = make_member(username, Role.VOLUNTEER)
    VolunteerProfile.objects.create(
        user=user,
        **{
            "display_name": username.title(),
            "field": "Economic consulting",
            "organization": "Northwind Analytics",
            "title": "Senior analyst",
            "email": f"{username}@alumni.example.org",
            "phone": "+1 555 0100",
            **profile,
        },
    )
    return user


def make_share(seeker, coach, **flags) -> Share:
    return Share.objects.create(seeker=seeker, coach=coach, **flags)


def make_volunteer_request(seeker, volunteer, message: str, **fields) -> VolunteerRequest:
    now = timezone.now()
    return VolunteerRequest.objects.create(
        seeker=seeker,
        volunteer=volunteer,
        message=message,
        expires_at=now + timedelta(days=VolunteerRequest.DAYS_OPEN),
        **fields,
    )
