"""Calendar files (RFC 5545) for meetings and follow-up dates, built with icalendar; no Django.

The rules are those of the design ICS checklist: UTF-8 without a BOM, CRLF, folding at 75
octets and TEXT escaping come from icalendar (the tests check them); the choices are ours.

- No METHOD by default: a download or a subscription is not an invitation (RFC 5546). PUBLISH
  is allowed only when every event names its ORGANIZER; REQUEST is never written.
- Timed events carry TZID plus one VTIMEZONE per zone, in the shape Outlook reads well
  (DTSTART in 1970 and a yearly RRULE, as Google writes). A zone whose rules changed
  around the events' dates gets an exact list of onsets instead.
- Follow-ups are all-day VEVENTs, not VTODOs: Google Calendar and Outlook ignore VTODO in
  imported files and subscribed feeds, so a to-do would simply not show up.
"""

from __future__ import annotations

import calendar as calendar_math
import functools
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from coffeechat.lib.zones import zone_named

PRODID = "-//coffeechat//coffeechat calendar export//EN"
REMINDER_BEFORE = timedelta(minutes=30)
# Zones that are UTC under another name: their times are written with Z and need no VTIMEZONE.
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
)
ALLOWED_METHODS = (None, "PUBLISH")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
RULE_EPOCH_YEAR = 1970


def meeting_event(
    uid: str,
    start_utc: datetime,
    minutes: int,
    tz_name: str,
    summary: str,
    description: str,
    location: str,
    url: str,
    dtstamp: datetime,
    sequence: int = 0,
    cancelled: bool = False,
    *,
    tentative: bool = False,
    organizer: str | None = None,
) -> Event:
    """A timed VEVENT in the meeting's own zone, with a reminder 30 minutes before it."""
    if start_utc.tzinfo is None:
        raise ValueError("start_utc must be an aware datetime")
    if minutes <= 0:
        raise ValueError("a meeting lasts at least one minute")
    event = _event_head(uid, dtstamp, sequence)
    end_utc = start_utc + timedelta(minutes=minutes)
    zone = _zone_or_none(tz_name)
    local_times = [] if zone is None else [m.astimezone(zone) for m in (start_utc, end_utc)]
    # A wall time in the repeated hour after clocks go back means its first occurrence
    # (RFC 5545 3.3.5); a meeting in the second one can only be written in UTC.
    if zone is None or any(local.fold for local in local_times):
        event.add("dtstart", start_utc.astimezone(UTC))
        event.add("dtend", end_utc.astimezone(UTC))
    else:
        # Local wall time with an explicit TZID: icalendar's own zone naming would write some
        # zones (Africa/Abidjan, GMT) as UTC and others under an "equivalent" name.
        for name, local in zip(("dtstart", "dtend"), local_times, strict=True):
            event.add(name, local.replace(tzinfo=None), parameters={"TZID": tz_name})
    _add_texts(event, summary, description, location, url)
    if organizer:
        event.add("organizer", organizer)
    status = "CANCELLED" if cancelled else "TENTATIVE" if tentative else "CONFIRMED"
    event.add("status", status)
    event.add("transp", "OPAQUE")
    if not cancelled:
        event.add_component(_reminder(summary))
    return event


def task_todo_or_event(
    uid: str,
    due_on: date,
    summary: str,
    description: str,
    url: str,
    dtstamp: datetime,
    sequence: int = 0,
    *,
    organizer: str | None = None,
) -> Event:
    """A follow-up as an all-day VEVENT on its due date (see the module docstring for why).

    DTEND is the next day because an all-day DTEND is exclusive; TRANSPARENT because a
    reminder does not make the day busy.
    """
    if isinstance(due_on, datetime):
        raise TypeError("due_on must be a date, not a datetime")
    event = _event_head(uid, dtstamp, sequence)
    event.add("dtstart", due_on)
    event.add("dtend", due_on + timedelta(days=1))
    _add_texts(event, summary, description, "", url)
    if organizer:
        event.add("organizer", organizer)
    event.add("transp", "TRANSPARENT")
    return event


def calendar(
    items: Iterable[Event],
    name: str | None,
    method: str | None = None,
    *,
    refresh_interval: timedelta | None = None,
) -> bytes:
    """A whole VCALENDAR as bytes, with a VTIMEZONE for every TZID its events use."""
    if method not in ALLOWED_METHODS:
        raise ValueError(f"METHOD {method!r} is not written; leave it out or use PUBLISH")
    items = list(items)
    if method == "PUBLISH" and any("ORGANIZER" not in item for item in items):
        raise ValueError("METHOD:PUBLISH needs an ORGANIZER on every event (RFC 5546 3.2.1)")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    if refresh_interval is not None:
        cal.add("refresh-interval", refresh_interval, parameters={"VALUE": "DURATION"})
        # An X- property has no known type: say it is a DURATION, or it is written as str().
        cal.add("x-published-ttl", vDuration(refresh_interval))
    for tz_name, years in sorted(_zone_years(items).items()):
        cal.add_component(vtimezone(tz_name, min(years), max(years)))
    for item in items:
        cal.add_component(item)
    return cal.to_ical()


def vtimezone(tz_name: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for tz_name that is right for every date from first_year to last_year."""
    tz = Timezone()
    tz.add("tzid", tz_name)
    for observance in _observances(tz_name, first_year, last_year):
        tz.add_component(observance.component())
    return tz


# --- Events ----------------------------------------------------------------------------------


def _event_head(uid: str, dtstamp: datetime, sequence: int) -> Event:
    if not uid:
        raise ValueError("every event needs a UID")
    if dtstamp.tzinfo is None:
        raise ValueError("dtstamp must be an aware datetime")
    if sequence < 0:
        raise ValueError("SEQUENCE starts at 0")
    event = Event()
    event.add("uid", uid)
    # DTSTAMP MUST be UTC (RFC 5545 3.8.7.2); whole seconds keep it free of fractions.
    event.add("dtstamp", dtstamp.astimezone(UTC).replace(microsecond=0))
    event.add("sequence", sequence)
    return event


def _add_texts(event: Event, summary: str, description: str, location: str, url: str) -> None:
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)


def _reminder(summary: str) -> Alarm:
    # Google and Outlook drop alarms from imported or subscribed calendars (checklist 7);
    # Apple Calendar and Thunderbird keep them. ACTION:DISPLAY requires a DESCRIPTION.
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER_BEFORE)
    alarm.add("description", summary or "Reminder")
    return alarm


def _zone_or_none(tz_name: str) -> tzinfo | None:
    """The zone, or None when times are best written in UTC (UTC itself or an unknown name)."""
    if not tz_name or tz_name in UTC_NAMES:
        return None
    return zone_named(tz_name)  # an unknown or impossible name (too long, a path) is None


def _zone_years(items: list[Event]) -> dict[str, set[int]]:
    """Each TZID used by the items (alarms included) and the years its times fall in."""
    years: dict[str, set[int]] = {}
    for item in items:
        for component in item.walk():
            for _name, value in component.property_items(recursive=False, sorted=False):
                tzid = getattr(value, "params", {}).get("TZID")
                moment = getattr(value, "dt", None)
                if tzid and isinstance(moment, datetime):
                    years.setdefault(tzid, set()).add(moment.year)
    return years


# --- Time zones -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observance:
    """One STANDARD or DAYLIGHT block: an onset (local time before it) and what it turns into."""

    daylight: bool
    start: datetime  # naive, local wall time in offset_from
    offset_from: timedelta
    offset_to: timedelta
    name: str
    rrule: dict | None = None
    rdates: tuple[datetime, ...] = ()

    def component(self) -> TimezoneStandard | TimezoneDaylight:
        block = TimezoneDaylight() if self.daylight else TimezoneStandard()
        block.add("dtstart", self.start)
        block.add("tzoffsetfrom", self.offset_from)
        block.add("tzoffsetto", self.offset_to)
        block.add("tzname", self.name)
        if self.rrule:
            block.add("rrule", self.rrule)
        if self.rdates:
            block.add("rdate", list(self.rdates))
        return block


@dataclass(frozen=True)
class Transition:
    at_utc: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local_start(self) -> datetime:
        """The onset as a clock showing offset_from reads it (RFC 5545 3.6.5)."""
        return (self.at_utc + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self) -> tuple:
        local = self.local_start
        return (
            self.offset_from,
            self.offset_to,
            self.name,
            self.daylight,
            local.month,
            local.time(),
        )


@functools.lru_cache(maxsize=256)
def _observances(tz_name: str, first_year: int, last_year: int) -> tuple[Observance, ...]:
    zone = zoneinfo.ZoneInfo(tz_name)
    # One year either side: the feed reaches back 90 days and events may end after New Year.
    years = range(first_year - 1, last_year + 2)
    by_year = {year: _transitions(zone, year) for year in years}
    if not any(by_year.values()):
        return (_fixed(zone, years.start),)
    rules = _yearly_rules(by_year)
    if rules is not None:
        return rules
    return (_fixed(zone, years.start, at_start=True),) + _exact_onsets(
        [t for year in years for t in by_year[year]]
    )


def _offset(zone: tzinfo, timestamp: int) -> timedelta:
    return datetime.fromtimestamp(timestamp, zone).utcoffset()


def _transitions(zone: tzinfo, year: int) -> list[Transition]:
    """Every change of UTC offset whose instant falls in year, found to the second."""
    step = 6 * 3600  # shorter than the gap between any two changes of one zone
    start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    found, moment, current = [], start, _offset(zone, start)
    while moment < end:
        probe = min(moment + step, end)
        if _offset(zone, probe) == current:
            moment = probe
            continue
        low, high = moment, probe  # the change happens in (low, high]
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if _offset(zone, middle) == current else (low, middle)
        after = datetime.fromtimestamp(high, zone)
        found.append(
            Transition(
                at_utc=datetime.fromtimestamp(high, UTC),
                offset_from=current,
                offset_to=after.utcoffset(),
                name=after.tzname() or _offset_name(after.utcoffset()),
                # Europe/Dublin's winter is a negative DST in tzdata: call it STANDARD.
                daylight=(after.dst() or timedelta(0)) > timedelta(0),
            )
        )
        moment, current = high, after.utcoffset()
    return found


def _fixed(zone: tzinfo, year: int, at_start: bool = False) -> Observance:
    """One observance from 1970 on, with the zone's offset in mid-year (1 January: at_start)."""
    month = 1 if at_start else 7
    moment = datetime(year, month, 1, tzinfo=UTC).astimezone(zone)
    offset = moment.utcoffset()
    return Observance(
        daylight=False,
        start=datetime(RULE_EPOCH_YEAR, 1, 1),
        offset_from=offset,
        offset_to=offset,
        name=moment.tzname() or _offset_name(offset),
    )


def _yearly_rules(by_year: dict[int, list[Transition]]) -> tuple[Observance, ...] | None:
    """Google's shape: one observance per change with a yearly RRULE, when the years agree."""
    years = sorted(by_year)
    kinds = [sorted(t.kind for t in by_year[year]) for year in years]
    if any(k != kinds[0] for k in kinds) or len(set(kinds[0])) != len(kinds[0]):
        return None  # the rules changed inside the range, or one kind happens twice a year
    observances = []
    for first in by_year[years[0]]:
        same_kind = [next(t for t in by_year[y] if t.kind == first.kind) for y in years]
        byday = next(
            (
                rule
                for rule in _byday_candidates(first.local_start.date())
                if all(
                    _nth_weekday(t.local_start.year, t.local_start.month, rule)
                    == t.local_start.date()
                    for t in same_kind
                )
            ),
            None,
        )
        if byday is None:
            return None
        local = first.local_start
        epoch_day = _nth_weekday(RULE_EPOCH_YEAR, local.month, byday)
        observances.append(
            Observance(
                daylight=first.daylight,
                start=datetime.combine(epoch_day, local.time()),
                offset_from=first.offset_from,
                offset_to=first.offset_to,
                name=first.name,
                rrule={"FREQ": "YEARLY", "BYMONTH": local.month, "BYDAY": byday},
            )
        )
    return tuple(observances)


def _exact_onsets(transitions: list[Transition]) -> tuple[Observance, ...]:
    """Every onset in the range listed as RDATEs: exact, for zones whose rules moved."""
    groups: dict[tuple, list[datetime]] = {}
    for t in transitions:
        key = (t.daylight, t.offset_from, t.offset_to, t.name)
        groups.setdefault(key, []).append(t.local_start)
    observances = []
    for (daylight, offset_from, offset_to, name), starts in groups.items():
        observances.append(
            Observance(
                daylight=daylight,
                start=starts[0],
                offset_from=offset_from,
                offset_to=offset_to,
                name=name,
                rdates=tuple(starts[1:]),
            )
        )
    return tuple(observances)


def _byday_candidates(day: date) -> list[str]:
    weekday = WEEKDAYS[day.weekday()]
    candidates = []
    if day.day + 7 > calendar_math.monthrange(day.year, day.month)[1]:
        candidates.append(f"-1{weekday}")
    nth = (day.day - 1) // 7 + 1
    if nth <= 4:
        candidates.append(f"{nth}{weekday}")
    return candidates


def _nth_weekday(year: int, month: int, byday: str) -> date:
    """The date BYDAY=byday picks in that month: "2SU" the second Sunday, "-1SU" the last."""
    nth, weekday = int(byday[:-2]), WEEKDAYS.index(byday[-2:])
    days_in_month = calendar_math.monthrange(year, month)[1]
    matching = [d for d in range(1, days_in_month + 1) if date(year, month, d).weekday() == weekday]
    return date(year, month, matching[nth - 1 if nth > 0 else nth])


def _offset_name(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}" if minutes else f"{sign}{hours:02d}"
