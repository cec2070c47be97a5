"""Hostile input, as an attacker or a broken client sends it: each gets a clear answer (a page
in words, a 404, a form error), never a server error, and nothing is half-written.

Runs on SQLite and PostgreSQL (PostgreSQL refuses NUL in text, which SQLite stores). Crafted
restore files are in test_restore_hostile.py; racing imports in test_races.py; the data
folder's file modes in test_private_files.py.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from coffeechat.conversations.models import Conversation
from coffeechat.core.request_guard import body_limit
from coffeechat.lib import contact_files
from coffeechat.outreach.models import Message
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ImportBatch
from coffeechat.research.models import Organization
from coffeechat.search.models import SearchEntry
from tests.factories import make_contact, make_message, make_one_of_everything
from tests.urlwalk import all_routes, owned_model_for_kwarg

# Values for every query parameter a page reads: a superscript digit (isdigit() accepts it),
# NUL, line breaks, an id past any key, a signed and a spaced number.
HOSTILE_VALUES = ["²", "\x00", "1\r\n2", "9" * 30, "-1", " 7", "٣", "\x1b[2J"]
PARAMETERS = [
    "contact",
    "conversation",
    "organization",
    "field",
    "about",
    "with",
    "question",
    "page",
    "q",
    "status",
    "kind",
    "channel",
    "show",
    "tier",
    "source",
]


def _get_routes():
    """Every page that answers GET for its owner, with the owner's objects in its URL."""
    routes = []
    for route in all_routes():
        if route.namespace == "admin" or not route.is_named:
            continue
        if route.name in {"accounts:link", "calendars:feed", "accounts:logout"}:
            continue
        routes.append(route)
    return routes


def _url(route, objects) -> str | None:
    kwargs = {}
    for kwarg in route.kwarg_names:
        model = owned_model_for_kwarg(kwarg)
        if model is None or model not in objects:
            return None
        kwargs[kwarg] = objects[model].pk
    return reverse(route.name, kwargs=kwargs)


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=repr)
def test_no_page_answers_hostile_query_values_with_a_server_error(seeker, value):
    objects = make_one_of_everything(seeker, "Marker")
    client = Client()
    client.force_login(seeker)
    query = {name: value for name in PARAMETERS} | {"draft": "1"}
    walked = 0
    for route in _get_routes():
        url = _url(route, objects)
        if url is None:
            continue
        response = client.get(url, query)
        walked += 1
        assert response.status_code in (200, 302, 400, 404, 405), (url, response.status_code)
    assert walked > 60


def test_a_superscript_digit_as_an_object_id_is_a_404(seeker_client, seeker):
    contact = make_contact(seeker)
    merge = reverse("people:contact_merge", args=[contact.pk])
    assert seeker_client.get(merge, {"with": "²"}).status_code == 404
    assert seeker_client.get(merge, {"with": "٣"}).status_code == 404


def test_a_filter_with_nul_and_line_breaks_still_filters(seeker_client, seeker):
    make_contact(seeker, first_name="Ada", last_name="Lovelace", email="ada@example.com")
    make_contact(seeker, first_name="Alan", last_name="Turing", email="alan@example.com")
    response = seeker_client.get(reverse("people:contact_list"), {"q": "Ada\x00\r\n"})
    assert response.status_code == 200
    assert "Lovelace" in response.content.decode()
    assert "Turing" not in response.content.decode()


# --- line breaks in one-line fields ----------------------------------------------------------


def test_a_subject_with_a_line_break_is_refused_by_the_form(seeker_client, seeker):
    contact = make_contact(seeker, email="ada@example.com")
    response = seeker_client.post(
        reverse("outreach:message_create"),
        {
            "contact": contact.pk,
            "kind": "request",
            "channel": "email",
            "status": "draft",
            "subject": "Hello\r\nBcc: everyone@example.com",
            "body": "Hi Ada",
        },
    )
    assert response.status_code == 200
    assert "on one line" in response.content.decode()
    assert not Message.objects.filter(owner=seeker).exists()


def test_an_eml_of_a_stored_subject_with_line_breaks_has_no_injected_header(seeker_client, seeker):
    contact = make_contact(seeker, email="ada@example.com")
    message = make_message(seeker, contact=contact, subject="Hi")
    # As an older version or a crafted restore could have stored it.
    Message.objects.filter(pk=message.pk).update(subject="Hi\r\nBcc: everyone@example.com")
    Contact.objects.filter(pk=contact.pk).update(email="ada@example.com\r\nBcc: x@example.com")
    response = seeker_client.get(reverse("outreach:message_eml", args=[message.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "\nBcc:" not in text
    assert "Subject: Hi Bcc: everyone@example.com" in text


def test_an_imported_email_address_with_a_line_break_is_not_an_address(seeker):
    data = (
        b'Name,E-mail,Title\n"Ada Lovelace","ada@example.com\r\nBcc: x@example.com",'
        b'"Analyst\r\nBcc: y"\n'
    )
    mapping = {"Name": "full_name", "E-mail": "email", "Title": "title"}
    import_contacts(seeker, contact_files.parse(data, "csv", mapping))
    contact = Contact.objects.get(owner=seeker)
    assert "\n" not in contact.email and "\r" not in contact.email
    assert contact.title == "Analyst Bcc: y"


# --- bounded work ----------------------------------------------------------------------------


def test_a_csv_with_a_million_columns_is_refused_at_upload(seeker_client, seeker):
    data = b"a" + b",x" * 1_000_000 + b"\nb,c\n"
    upload = SimpleUploadedFile("wide.csv", data, content_type="text/csv")
    response = seeker_client.post(
        reverse("people:importbatch_upload"), {"file": upload, "format": "auto"}
    )
    assert response.status_code == 200
    assert "does not look like a contact list" in response.content.decode()
    assert not ImportBatch.objects.filter(owner=seeker).exists()


def test_a_csv_with_too_many_columns_is_refused_at_upload(seeker_client, seeker):
    header = ",".join(f"Column {n}" for n in range(700))
    upload = SimpleUploadedFile("wide.csv", f"{header}\n1,2\n".encode(), content_type="text/csv")
    response = seeker_client.post(
        reverse("people:importbatch_upload"), {"file": upload, "format": "auto"}
    )
    assert "has 700 columns" in response.content.decode()
    assert not ImportBatch.objects.filter(owner=seeker).exists()


def test_an_oversize_body_is_refused_before_it_is_read(client, seeker_client):
    # The body is never read: only its declared length is looked at.
    declared = str(300 * 1_048_576)
    anonymous = client.generic(
        "POST", reverse("accounts:login"), b"x" * 10, CONTENT_LENGTH=declared
    )
    assert anonymous.status_code == 413
    assert "nothing was saved" in anonymous.content.decode()
    logged_in = seeker_client.generic(
        "POST", reverse("people:importbatch_upload"), b"x" * 10, CONTENT_LENGTH=declared
    )
    assert logged_in.status_code == 413


def test_a_logged_in_upload_may_be_as_large_as_a_file_plus_its_form(seeker_client):
    assert body_limit(with_session=True) > body_limit(with_session=False)
    just_under = str(body_limit(with_session=True))
    response = seeker_client.generic(
        "POST", reverse("people:importbatch_upload"), b"", CONTENT_LENGTH=just_under
    )
    assert response.status_code != 413


def test_pending_uploads_are_limited_per_account(seeker_client, seeker, settings):
    from coffeechat.people import import_files

    for number in range(import_files.MAX_PENDING):
        upload = SimpleUploadedFile(
            f"c{number}.csv", b"First Name,Last Name\nAda,Lovelace\n", content_type="text/csv"
        )
        seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    upload = SimpleUploadedFile(
        "more.csv", b"First Name,Last Name\nAl,T\n", content_type="text/csv"
    )
    response = seeker_client.post(
        reverse("people:importbatch_upload"), {"file": upload, "format": "auto"}
    )
    assert "waiting for you to import or cancel" in response.content.decode()
    assert ImportBatch.objects.filter(owner=seeker).count() == import_files.MAX_PENDING


def test_a_pending_upload_expires_after_a_day(seeker_client, seeker, frozen_clock):
    upload = SimpleUploadedFile(
        "c.csv", b"First Name,Last Name\nAda,Lovelace\n", content_type="text/csv"
    )
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    from coffeechat.people import import_files

    stored = import_files.import_folder() / batch.stored_name
    assert stored.exists()
    frozen_clock.shift(60 * 60 * 25)
    response = seeker_client.get(batch.get_absolute_url())
    assert "waited more than a day" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.EXPIRED
    assert not stored.exists()


# --- responses ------------------------------------------------------------------------------


def test_head_gets_the_headers_of_get_and_no_body(seeker_client):
    url = reverse("today:today")
    full = seeker_client.get(url)
    head = seeker_client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))


def test_pages_are_not_kept_by_browsers_or_proxies(seeker_client):
    response = seeker_client.get(reverse("today:today"))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


# --- a full disk ----------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite can be capped at its size")
def test_a_full_disk_answers_507_and_saves_no_half_row(seeker, transactional_db):
    client = Client(raise_request_exception=False)
    client.force_login(seeker)
    make_contact(seeker, first_name="Existing")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        response = client.post(
            reverse("research:organization_create"),
            {"name": "Grace Labs", "notes": "x" * 200_000, "motivation": 1, "posting": 1},
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    assert response.status_code == 507
    assert "disk" in response.content.decode()
    assert not Organization.objects.filter(name="Grace Labs").exists()
    assert not SearchEntry.objects.filter(title__contains="Grace").exists()


def test_a_zip_download_of_notes_is_still_a_zip(seeker_client, seeker):
    make_one_of_everything(seeker, "Marker")
    response = seeker_client.get(reverse("exports:notes_zip"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(content)) as zipped:
        assert zipped.namelist()


# PostgreSQL cannot store the last two (longer than the column, NUL); SQLite can.
SQLITE_ONLY = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL refuses it")


@pytest.mark.parametrize(
    "zone",
    [
        "Mars/Olympus_Mons",
        "../../etc/passwd",
        pytest.param("x" * 300, marks=SQLITE_ONLY),
        pytest.param("UTC\x00", marks=SQLITE_ONLY),
    ],
)
def test_a_stored_unknown_time_zone_shows_every_page_in_utc(seeker, zone):
    """As an older restore or a database edit could have left it: pages answer, in UTC."""
    objects = make_one_of_everything(seeker, "Marker")
    conversation = objects[Conversation]
    Conversation.objects.filter(pk=conversation.pk).update(time_zone=zone)
    client = Client()
    client.force_login(seeker)
    walked = 0
    for route in _get_routes():
        url = _url(route, objects)
        if url is None:
            continue
        response = client.get(url)
        walked += 1
        assert response.status_code in (200, 302, 404, 405), (url, response.status_code)
    assert walked > 60


def test_what_an_import_writes_a_backup_restores(seeker):
    """Addresses the forms would refuse are not imported, so restore, which checks every value
    as the forms would, takes back every export of imported contacts."""
    from coffeechat.exports.json_export import dumps, export_json
    from coffeechat.exports.restore import parse_document, restore_document
    from tests.factories import make_user

    data = (
        b"Name,E-mail,Other e-mail,LinkedIn\n"
        b'"Ann Lee",ann@intranet,"not an address@",https://www.linkedin.com/in/ann lee\n'
        b'"Bo Kim",bo@example.com,bo.kim@example.org,https://www.linkedin.com/in/bo-kim\n'
    )
    mapping = {"Name": "full_name", "E-mail": "email", "LinkedIn": "linkedin_url"}
    import_contacts(seeker, contact_files.parse(data, "csv", mapping))
    ann = Contact.objects.get(owner=seeker, first_name="Ann")
    assert (ann.email, ann.linkedin_url) == ("", "")
    bo = Contact.objects.get(owner=seeker, first_name="Bo")
    assert bo.email == "bo@example.com"
    fresh = make_user("fresh")
    document = parse_document(dumps(export_json(seeker)).encode())
    restore_document(document, fresh, take_identity=False)
    assert Contact.objects.filter(owner=fresh).count() == 2
