"""Calendar files follow RFC 5545 and the design ICS checklist; read back by two parsers.

Every file is parsed with icalendar (which wrote it) and with vobject (which did not); the
time zone definitions are also evaluated on their own by dateutil's tzical, so a wrong
VTIMEZONE cannot hide behind a parser that looks the TZID up by name.
"""

from __future__ import annotations

import io
import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
import vobject
from dateutil.tz import tzical
from icalendar import Calendar

from coffeechat.lib import ics

DTSTAMP = datetime(2025, 5, 1, 8, 30, 15, tzinfo=UTC)
TRICKY = 'Coffee, tea; and a \\ backslash\nthen a second line: "quoted" and a colon'
CJK = "東京の山田さんと面談 — キャリアについて"
LONG_UNICODE = ("Zoë Adeyemi-Laurent 東京 — ☕️ façade naïve 🧑🏽‍💻 " * 12).strip()


def meeting(**overrides):
    values = {
        "uid": "conversation-1-abc@coffeechat",
        "start_utc": datetime(2025, 6, 3, 7, 0, tzinfo=UTC),
        "minutes": 20,
        "tz_name": "Europe/Berlin",
        "summary": "Informational interview with Ada Lovelace (Analytical Engines)",
        "description": "Video call, 20 minutes",
        "location": "https://meet.example.com/abc",
        "url": "http://127.0.0.1:8000/conversations/1/",
        "dtstamp": DTSTAMP,
    }
    return ics.meeting_event(**{**values, **overrides})


def task(**overrides):
    values = {
        "uid": "task-7-def@coffeechat",
        "due_on": date(2025, 4, 12),
        "summary": "Send a thank-you (Ada Lovelace)",
        "description": "Follow-up in coffeechat: Send a thank-you",
        "url": "http://127.0.0.1:8000/follow-up/tasks/7/",
        "dtstamp": DTSTAMP,
    }
    return ics.task_todo_or_event(**{**values, **overrides})


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def content_lines(data: bytes, name: str) -> list[str]:
    return [line for line in unfolded(data) if re.match(rf"{name}[;:]", line)]


def event_lines(data: bytes, name: str) -> list[str]:
    """The named property of each VEVENT itself (not of its VALARM or of a VTIMEZONE)."""
    found, path = [], []
    for line in unfolded(data):
        if line.startswith("BEGIN:"):
            path.append(line[6:])
        elif line.startswith("END:"):
            path.pop()
        elif path[-1:] == ["VEVENT"] and re.match(rf"{name}[;:]", line):
            found.append(line)
    return found


def parse_both(data: bytes):
    """The file read by icalendar and by vobject; both must accept it."""
    return Calendar.from_ical(data), vobject.readOne(data.decode())


def assert_well_formed(data: bytes) -> None:
    """Checklist section 8, points 1 to 6: bytes, lines, required properties, zones."""
    assert not data.startswith(b"\xef\xbb\xbf"), "no BOM"
    data.decode("utf-8", errors="strict")
    lines = physical_lines(data)
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, f"bare CR or LF in {line!r}"
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8", errors="strict")  # a fold never splits a UTF-8 sequence
    logical = unfolded(data)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    for line in logical:
        name = re.match(r"[^;:]+", line).group(0)
        assert name == name.upper(), f"property names are upper case: {line!r}"
    cal, vcal = parse_both(data)
    assert str(cal["VERSION"]) == "2.0"
    assert vcal.version.value == "2.0"
    assert len(content_lines(data, "VERSION")) == 1
    assert len(content_lines(data, "PRODID")) == 1
    events = cal.walk("VEVENT")
    assert events, "at least one component"
    for event in events:
        text = event.to_ical().decode().replace("\r\n ", "")
        assert len(re.findall(r"^UID[;:]", text, re.M)) == 1
        stamps = re.findall(r"^DTSTAMP[;:](.*)$", text, re.M)
        assert len(stamps) == 1 and stamps[0].strip().endswith("Z"), stamps
        assert "DTSTART" in event
        assert not ("DTEND" in event and "DURATION" in event)
    used = set(re.findall(r";TZID=([^;:]+)[;:]", "\n".join(logical)))
    defined = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert sorted(used) == sorted(defined), "one VTIMEZONE for every TZID used, and no more"
    for line in logical:
        assert not re.search(r";TZID=[^:]+:\d{8}T\d{6}Z", line), f"TZID with a Z: {line}"
    assert len(vcal.contents.get("vevent", [])) == len(events)


def instants(data: bytes, prop: str = "DTSTART") -> list[datetime]:
    """Each VEVENT's UTC instant, evaluated with the file's own VTIMEZONEs via tzical."""
    zones = tzical(io.StringIO(data.decode())) if "BEGIN:VTIMEZONE" in unfolded(data) else None
    found = []
    for line in event_lines(data, prop):
        match = re.match(rf"{prop}(?:;TZID=([^:;]+))?:(\d{{8}}T\d{{6}})(Z?)$", line)
        assert match, line
        tzid, stamp, zulu = match.groups()
        naive = datetime.strptime(stamp, "%Y%m%dT%H%M%S")
        zone = UTC if zulu else zones.get(tzid)
        found.append(naive.replace(tzinfo=zone).astimezone(UTC))
    return found


# --- Bytes, lines, escaping ------------------------------------------------------------------


def test_a_meeting_file_is_well_formed_with_crlf_and_short_lines():
    data = ics.calendar([meeting(description=LONG_UNICODE), task()], name="coffeechat")
    assert_well_formed(data)
    assert any(line.startswith(b" ") for line in physical_lines(data)), "long lines are folded"


@pytest.mark.parametrize("text", [LONG_UNICODE, CJK * 20, "é" * 200, "🧑🏽‍💻" * 40, "a" * 500])
def test_folding_counts_octets_and_never_splits_a_character(text):
    data = ics.calendar([meeting(summary=text, description=text, location=text)], name=text)
    assert_well_formed(data)
    cal, vcal = parse_both(data)
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == text
    assert vcal.vevent.summary.value == text
    assert vcal.vevent.description.value == text


def test_text_values_are_escaped_and_round_trip():
    data = ics.calendar(
        [meeting(summary=TRICKY, description=CJK, location="Café Zoë, 1; Main St \\ 2")], name=None
    )
    assert_well_formed(data)
    summary = content_lines(data, "SUMMARY")[0]
    assert summary == (
        'SUMMARY:Coffee\\, tea\\; and a \\\\ backslash\\nthen a second line: "quoted" and a colon'
    ), "escape \\ ; , and newline; never the colon"
    cal, vcal = parse_both(data)
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == TRICKY
    assert str(event["DESCRIPTION"]) == CJK
    assert str(event["LOCATION"]) == "Café Zoë, 1; Main St \\ 2"
    assert vcal.vevent.summary.value == TRICKY
    assert vcal.vevent.description.value == CJK
    assert vcal.vevent.location.value == "Café Zoë, 1; Main St \\ 2"


# --- VCALENDAR -------------------------------------------------------------------------------


def test_calendar_has_version_prodid_no_method_and_its_name():
    data = ics.calendar([meeting()], name="coffeechat")
    lines = unfolded(data)
    assert lines[:4] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{ics.PRODID}",
        "CALSCALE:GREGORIAN",
    ]
    assert not content_lines(data, "METHOD"), "a download or a feed is not an iTIP message"
    assert content_lines(data, "NAME") == ["NAME:coffeechat"]
    assert content_lines(data, "X-WR-CALNAME") == ["X-WR-CALNAME:coffeechat"]
    assert not content_lines(ics.calendar([meeting()], name=None), "X-WR-CALNAME")


def test_publish_needs_an_organizer_and_request_is_never_written():
    with pytest.raises(ValueError, match="ORGANIZER"):
        ics.calendar([meeting()], name=None, method="PUBLISH")
    for method in ("REQUEST", "INFO", "CANCEL"):
        with pytest.raises(ValueError, match="not written"):
            ics.calendar([meeting()], name=None, method=method)
    data = ics.calendar(
        [meeting(organizer="mailto:seeker@example.com")], name=None, method="PUBLISH"
    )
    assert_well_formed(data)
    assert content_lines(data, "METHOD") == ["METHOD:PUBLISH"]
    assert not content_lines(data, "ATTENDEE"), "PUBLISH carries no ATTENDEE"


def test_feed_refresh_interval_is_written():
    data = ics.calendar([meeting()], name="x", refresh_interval=timedelta(hours=1))
    assert content_lines(data, "REFRESH-INTERVAL") == ["REFRESH-INTERVAL;VALUE=DURATION:PT1H"]
    assert content_lines(data, "X-PUBLISHED-TTL") == ["X-PUBLISHED-TTL:PT1H"]


# --- VEVENT ----------------------------------------------------------------------------------


def test_meeting_is_written_in_its_zone_with_a_vtimezone():
    data = ics.calendar([meeting()], name=None)
    assert_well_formed(data)
    assert event_lines(data, "DTSTART")[0] == "DTSTART;TZID=Europe/Berlin:20250603T090000"
    assert content_lines(data, "DTEND") == ["DTEND;TZID=Europe/Berlin:20250603T092000"]
    assert content_lines(data, "TZID") == ["TZID:Europe/Berlin"]
    lines = unfolded(data)
    assert lines.index("BEGIN:VTIMEZONE") < lines.index("BEGIN:VEVENT")
    assert instants(data) == [datetime(2025, 6, 3, 7, 0, tzinfo=UTC)]
    assert instants(data, "DTEND") == [datetime(2025, 6, 3, 7, 20, tzinfo=UTC)]
    vevent = vobject.readOne(data.decode()).vevent
    assert vevent.dtstart.value.astimezone(UTC) == datetime(2025, 6, 3, 7, 0, tzinfo=UTC)


def test_vtimezone_has_the_shape_outlook_reads():
    """Google's shape: observances from 1970 with a yearly RRULE, not a list of RDATEs."""
    data = ics.calendar([meeting()], name=None)
    zone = Calendar.from_ical(data).walk("VTIMEZONE")[0]
    blocks = {block.name: block for block in zone.subcomponents}
    assert set(blocks) == {"STANDARD", "DAYLIGHT"}
    daylight, standard = blocks["DAYLIGHT"], blocks["STANDARD"]
    assert daylight.to_ical().decode().split("\r\n")[1:6] == [
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
    ]
    assert standard["DTSTART"].dt == datetime(1970, 10, 25, 3, 0)
    assert "RDATE" not in daylight and "RDATE" not in standard


@pytest.mark.parametrize(
    ("tz_name", "start_utc", "local_line"),
    [
        # UTC+14: the local day is already the next one.
        ("Pacific/Kiritimati", datetime(2025, 6, 10, 20, 0, tzinfo=UTC), "20250611T100000"),
        ("Pacific/Kiritimati", datetime(2025, 12, 31, 10, 30, tzinfo=UTC), "20260101T003000"),
        # UTC-2:30 in summer (NDT), UTC-3:30 in winter (NST).
        ("America/St_Johns", datetime(2025, 7, 1, 12, 0, tzinfo=UTC), "20250701T093000"),
        ("America/St_Johns", datetime(2025, 1, 15, 12, 0, tzinfo=UTC), "20250115T083000"),
        ("America/St_Johns", datetime(2025, 1, 1, 2, 0, tzinfo=UTC), "20241231T223000"),
        ("Pacific/Chatham", datetime(2025, 1, 15, 0, 0, tzinfo=UTC), "20250115T134500"),
        ("Asia/Kolkata", datetime(2025, 3, 1, 4, 0, tzinfo=UTC), "20250301T093000"),
    ],
)
def test_zones_far_from_utc_give_the_right_local_start(tz_name, start_utc, local_line):
    data = ics.calendar([meeting(tz_name=tz_name, start_utc=start_utc)], name=None)
    assert_well_formed(data)
    assert event_lines(data, "DTSTART")[0] == f"DTSTART;TZID={tz_name}:{local_line}"
    assert instants(data) == [start_utc]
    vevent = vobject.readOne(data.decode()).vevent
    assert vevent.dtstart.value.astimezone(UTC) == start_utc
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert event["DTSTART"].dt.astimezone(UTC) == start_utc


def _zone_changes(zone, year):
    """Hourly scan with zoneinfo alone: instants just around each change of offset."""
    moment, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    previous, found = moment.astimezone(zone).utcoffset(), []
    while moment < end:
        offset = moment.astimezone(zone).utcoffset()
        if offset != previous:
            found += [moment + timedelta(minutes=m) for m in (-90, -61, -30, 0, 30, 61, 90)]
            previous = offset
        moment += timedelta(hours=1)
    return found


@pytest.mark.parametrize(
    ("tz_name", "years", "shape"),
    [
        ("Europe/Berlin", (2025, 2026), "RRULE"),
        ("America/New_York", (2025, 2027), "RRULE"),
        ("America/St_Johns", (2024, 2025), "RRULE"),
        ("Australia/Sydney", (2025, 2026), "RRULE"),  # southern: summer spans New Year
        ("Australia/Lord_Howe", (2025, 2025), "RRULE"),  # half-hour DST
        ("Pacific/Chatham", (2025, 2026), "RRULE"),
        ("Pacific/Auckland", (2025, 2025), "RRULE"),
        ("Europe/Dublin", (2025, 2026), "RRULE"),  # negative DST in tzdata
        ("America/Nuuk", (2025, 2026), "RRULE"),  # changes on Saturday evening, local time
        ("Asia/Jerusalem", (2025, 2028), "RDATE"),  # the Friday before the last Sunday
        ("America/Santiago", (2025, 2026), "RDATE"),  # first Sunday on or after the 2nd
        ("Africa/Casablanca", (2025, 2026), "RDATE"),  # moves with Ramadan
        ("Asia/Gaza", (2025, 2025), "RDATE"),
        ("America/Mexico_City", (2022, 2023), "RDATE"),  # DST abolished in October 2022
        ("America/Sao_Paulo", (2018, 2019), "RDATE"),  # DST abolished in 2019
        ("Pacific/Kiritimati", (2025, 2026), "fixed"),
        ("Asia/Kolkata", (2025, 2025), "fixed"),
    ],
)
def test_vtimezone_agrees_with_zoneinfo_at_every_event(tz_name, years, shape):
    zone = zoneinfo.ZoneInfo(tz_name)
    first, last = years
    starts = [
        datetime(first, 1, 1, 10, 0, tzinfo=UTC) + timedelta(days=5 * n)
        for n in range(0, (last - first + 1) * 73)
    ]
    for year in range(first, last + 1):
        starts += _zone_changes(zone, year)
    starts = [s for s in starts if first <= s.astimezone(zone).year <= last]
    events = [meeting(uid=f"m{n}@x", tz_name=tz_name, start_utc=s) for n, s in enumerate(starts)]
    data = ics.calendar(events, name=None)
    assert_well_formed(data)
    assert instants(data) == starts
    assert instants(data, "DTEND") == [start + timedelta(minutes=20) for start in starts]
    blocks = Calendar.from_ical(data).walk("VTIMEZONE")[0].subcomponents
    if shape == "fixed":
        assert len(blocks) == 1
        assert blocks[0]["TZOFFSETFROM"].td == blocks[0]["TZOFFSETTO"].td
    else:
        assert all(shape in block or block["DTSTART"].dt.year == 1970 for block in blocks)
        assert any(shape in block for block in blocks)


def test_the_second_occurrence_of_a_repeated_hour_is_written_in_utc():
    # Berlin, 26 Oct 2025: 02:30 happens twice; 01:30 UTC is the second time (CET).
    second = datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    first = second - timedelta(hours=1)
    data = ics.calendar([meeting(start_utc=first), meeting(uid="b@x", start_utc=second)], None)
    assert_well_formed(data)
    starts = event_lines(data, "DTSTART")
    assert starts == ["DTSTART;TZID=Europe/Berlin:20251026T023000", "DTSTART:20251026T013000Z"]
    assert instants(data) == [first, second]


@pytest.mark.parametrize("tz_name", ["UTC", "Etc/UTC", "", "Mars/Olympus_Mons"])
def test_utc_and_unknown_zones_are_written_in_utc_without_vtimezone(tz_name):
    data = ics.calendar([meeting(tz_name=tz_name)], name=None)
    assert_well_formed(data)
    assert content_lines(data, "DTSTART") == ["DTSTART:20250603T070000Z"]
    assert "BEGIN:VTIMEZONE" not in unfolded(data)


def test_a_zone_that_is_utc_by_offset_keeps_its_own_tzid():
    data = ics.calendar([meeting(tz_name="Africa/Abidjan")], name=None)
    assert_well_formed(data)
    assert event_lines(data, "DTSTART")[0] == "DTSTART;TZID=Africa/Abidjan:20250603T070000"


def test_one_vtimezone_per_zone_however_many_events_use_it():
    events = [
        meeting(uid="a@x"),
        meeting(uid="b@x", start_utc=datetime(2026, 1, 9, 15, 0, tzinfo=UTC)),
        meeting(uid="c@x", tz_name="America/St_Johns"),
        meeting(uid="d@x", tz_name="UTC"),
        task(),
    ]
    data = ics.calendar(events, name=None)
    assert_well_formed(data)
    assert content_lines(data, "TZID") == ["TZID:America/St_Johns", "TZID:Europe/Berlin"]


def test_dtstamp_is_utc_even_when_given_in_another_zone():
    stamp = datetime(2025, 5, 1, 10, 30, 15, 123456, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    data = ics.calendar([meeting(dtstamp=stamp), task(dtstamp=stamp)], name=None)
    assert content_lines(data, "DTSTAMP") == ["DTSTAMP:20250501T083015Z"] * 2


def test_exporting_the_same_data_twice_gives_the_same_uids_and_bytes():
    first = ics.calendar([meeting(), task()], name="coffeechat")
    second = ics.calendar([meeting(), task()], name="coffeechat")
    assert first == second
    assert content_lines(first, "UID") == [
        "UID:conversation-1-abc@coffeechat",
        "UID:task-7-def@coffeechat",
    ]


def test_sequence_starts_at_zero_and_is_written_as_given():
    assert content_lines(ics.calendar([meeting()], None), "SEQUENCE") == ["SEQUENCE:0"]
    rescheduled = meeting(start_utc=datetime(2025, 6, 4, 7, 0, tzinfo=UTC), sequence=1)
    assert content_lines(ics.calendar([rescheduled], None), "SEQUENCE") == ["SEQUENCE:1"]
    with pytest.raises(ValueError):
        meeting(sequence=-1)


def test_meeting_has_a_display_alarm_30_minutes_before_after_its_properties():
    data = ics.calendar([meeting()], name=None)
    lines = unfolded(data)
    begin, end = lines.index("BEGIN:VALARM"), lines.index("END:VALARM")
    assert sorted(lines[begin + 1 : end]) == [
        "ACTION:DISPLAY",
        "DESCRIPTION:Informational interview with Ada Lovelace (Analytical Engines)",
        "TRIGGER:-PT30M",
    ]
    assert lines[end + 1] == "END:VEVENT", "VALARM comes after the event's properties"
    alarm = vobject.readOne(data.decode()).vevent.valarm
    assert alarm.trigger.value == timedelta(minutes=-30)
    assert content_lines(data, "STATUS") == ["STATUS:CONFIRMED"]


def test_cancelled_and_tentative_meetings():
    data = ics.calendar([meeting(cancelled=True)], name=None)
    assert_well_formed(data)
    assert content_lines(data, "STATUS") == ["STATUS:CANCELLED"]
    assert "BEGIN:VALARM" not in unfolded(data), "no reminder for a meeting that is off"
    tentative = ics.calendar([meeting(tentative=True)], name=None)
    assert content_lines(tentative, "STATUS") == ["STATUS:TENTATIVE"]


def test_a_follow_up_is_an_all_day_event_with_an_exclusive_end():
    data = ics.calendar([task()], name=None)
    assert_well_formed(data)
    assert content_lines(data, "DTSTART") == ["DTSTART;VALUE=DATE:20250412"]
    assert content_lines(data, "DTEND") == ["DTEND;VALUE=DATE:20250413"]
    assert content_lines(data, "TRANSP") == ["TRANSP:TRANSPARENT"]
    assert "BEGIN:VTODO" not in unfolded(data)
    assert "BEGIN:VTIMEZONE" not in unfolded(data)
    vevent = vobject.readOne(data.decode()).vevent
    assert vevent.dtstart.value == date(2025, 4, 12)
    assert not isinstance(vevent.dtstart.value, datetime)
    assert vevent.dtend.value == date(2025, 4, 13)
    with pytest.raises(TypeError):
        task(due_on=datetime(2025, 4, 12, 9, 0, tzinfo=UTC))


def test_a_follow_up_on_the_last_day_of_the_year_ends_on_new_year():
    data = ics.calendar([task(due_on=date(2025, 12, 31))], name=None)
    assert content_lines(data, "DTEND") == ["DTEND;VALUE=DATE:20260101"]


def test_events_reject_what_the_rfc_forbids():
    with pytest.raises(ValueError):
        meeting(uid="")
    with pytest.raises(ValueError):
        meeting(start_utc=datetime(2025, 6, 3, 7, 0))
    with pytest.raises(ValueError):
        meeting(dtstamp=datetime(2025, 6, 3, 7, 0))
    with pytest.raises(ValueError):
        meeting(minutes=0)
