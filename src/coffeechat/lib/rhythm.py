"""The 3B7 follow-up rhythm, counted in the seeker's business days.

After writing to someone new: 3 business days without an answer, write to a second person at
the same organization; 7 business days without an answer, send the first person one polite
follow-up. A reply cancels both. People who answer within 3 business days are likely to help
("boosters"). Days are counted in the seeker's own time zone and skip their public holidays.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coffeechat.lib.business_days import add_business_days, business_days_between

SECOND_CONTACT_AFTER = 3
FOLLOW_UP_AFTER = 7
BOOSTER_WITHIN = 3

SECOND_CONTACT = "second_contact"
FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class Rhythm:
    sent_on: date
    second_contact_on: date  # from this day on, write to a second person there
    follow_up_on: date  # from this day on, follow up once with this person
    replied_on: date | None = None
    response_business_days: int | None = None

    @property
    def replied(self) -> bool:
        return self.replied_on is not None

    @property
    def likely_booster(self) -> bool:
        days = self.response_business_days
        return days is not None and days <= BOOSTER_WITHIN

    def due(self, today: date) -> list[str]:
        """What the rhythm asks for today: nothing once they replied."""
        if self.replied:
            return []
        actions = []
        if today >= self.second_contact_on:
            actions.append(SECOND_CONTACT)
        if today >= self.follow_up_on:
            actions.append(FOLLOW_UP)
        return actions


def last_sent_on_due(today: date, country: str = "") -> date:
    """The latest day a request could have been sent and be due for its follow-up by today:
    a request sent on or before it has waited FOLLOW_UP_AFTER business days (the follow-up day
    only moves later as the day sent does). One computation serves every request of a seeker."""
    sent_on = today - timedelta(days=FOLLOW_UP_AFTER)
    while add_business_days(sent_on, FOLLOW_UP_AFTER, country) > today:
        sent_on -= timedelta(days=1)
    return sent_on


def local_date(moment: datetime, time_zone: str) -> date:
    """The calendar day of an aware moment where the seeker lives."""
    if moment.tzinfo is None:
        raise ValueError("the moment must carry its time zone")
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).date()


def rhythm_for(
    sent_at: datetime,
    time_zone: str,
    country: str = "",
    replied_at: datetime | None = None,
) -> Rhythm:
    sent_on = local_date(sent_at, time_zone)
    replied_on = local_date(replied_at, time_zone) if replied_at is not None else None
    response = business_days_between(sent_on, replied_on, country) if replied_on else None
    return Rhythm(
        sent_on=sent_on,
        second_contact_on=add_business_days(sent_on, SECOND_CONTACT_AFTER, country),
        follow_up_on=add_business_days(sent_on, FOLLOW_UP_AFTER, country),
        replied_on=replied_on,
        response_business_days=response,
    )
