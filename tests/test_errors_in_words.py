"""Errors in words, across every form of the product.

A broken model constraint is said in a sentence a person understands, once, next to the field
it is about; a form too big to send gets a page in the site's layout (HTTP 413) and, with
scripts, is stopped before sending so nothing typed is lost; every label starts with a capital
and keeps its proper nouns ("LinkedIn URL", "Who I am").
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.constraints import BaseConstraint
from django.urls import get_resolver, reverse

from coffeechat.core.forms import OwnedModelForm, constraint_message
from coffeechat.people.models import Contact
from coffeechat.prepare.models import Document
from coffeechat.research.models import Organization
from tests.factories import SMALL_PDF, make_one_of_everything, make_organization, make_tag
from tests.test_stranger import ROUTES, _url

NO_NAME = "Give the person a first or a last name."


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _wrapper_errors(soup: BeautifulSoup, name: str) -> list[str]:
    control = soup.select_one(f"main form [name={name}]")
    assert control is not None, f"no control named {name!r}"
    wrapper = control.find_parent("div", class_="field")
    return [p.get_text(" ", strip=True) for p in wrapper.select(".error")]


def _form_wide_errors(soup: BeautifulSoup) -> list[str]:
    return [el.get_text(" ", strip=True) for el in soup.select("main form .errors")]


# Constraints ---------------------------------------------------------------------------------


def test_contact_without_a_name_is_told_once_on_the_name_and_keeps_what_was_typed(
    seeker_client,
):
    response = seeker_client.post(
        reverse("people:contact_create"),
        {
            "first_name": "  ",
            "last_name": "",
            "title": "Data engineer",
            "email": "someone@example.com",
            "source": "alumni",
            "notes": "Met at the alumni evening; ask about the data team.",
            "tag_names": "alumni, data",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count(NO_NAME) == 1
    assert "Constraint" not in page and "is violated" not in page
    soup = _soup(response)
    assert _wrapper_errors(soup, "first_name") == [NO_NAME]
    assert not _form_wide_errors(soup)
    form = soup.select_one("main form[method=post]")
    assert form.find("input", attrs={"name": "title"})["value"] == "Data engineer"
    assert form.find("input", attrs={"name": "email"})["value"] == "someone@example.com"
    assert form.find("input", attrs={"name": "tag_names"})["value"] == "alumni, data"
    notes = form.find("textarea", attrs={"name": "notes"}).get_text().strip()
    assert notes == "Met at the alumni evening; ask about the data team."
    first_name = form.find("input", attrs={"name": "first_name"})
    assert first_name["aria-invalid"] == "true"
    # The control points at its error, and the error is there under that id.
    assert soup.find(id=first_name["aria-describedby"].split()[0]) is not None
    assert not Contact.objects.exists()


def test_a_second_tag_of_the_same_name_is_told_once_on_the_name(seeker_client, seeker):
    make_tag(seeker, name="alumni")

    response = seeker_client.post(reverse("people:tag_create"), {"name": "alumni"})

    assert response.status_code == 200
    soup = _soup(response)
    assert _wrapper_errors(soup, "name") == ["You already have a tag with this name."]
    assert not _form_wide_errors(soup)


def test_the_same_organization_twice_is_told_once_on_the_name(seeker_client, seeker):
    make_organization(seeker, name="Acme LLC")

    response = seeker_client.post(
        reverse("research:organization_create"),
        {"name": "acme", "motivation": "1", "posting": "1"},
    )

    assert response.status_code == 200
    soup = _soup(response)
    errors = _wrapper_errors(soup, "name")
    assert len(errors) == 1 and errors[0].startswith("You already have this organization")
    assert not _form_wide_errors(soup)
    assert Organization.objects.owned_by(seeker).count() == 1


@cache
def _model_forms() -> list[type[OwnedModelForm]]:
    get_resolver().url_patterns  # noqa: B018 — importing the URLconf imports every form
    found, pending = [], [OwnedModelForm]
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        if getattr(getattr(form_class, "_meta", None), "model", None) is not None:
            found.append(form_class)
    return found


def _form_messages(model) -> dict[str, str]:
    """What the forms of `model` say for its constraints, where the model does not yet."""
    messages: dict[str, str] = {}
    for form_class in _model_forms():
        if form_class._meta.model is model:
            messages.update(form_class.constraint_messages)
    return messages


def _constraints() -> list[tuple[str, BaseConstraint]]:
    return [
        (model._meta.label, constraint)
        for model in apps.get_models()
        if model.__module__.startswith("coffeechat.")
        for constraint in model._meta.constraints
    ]


def test_the_project_has_constraints_to_check():
    names = {constraint.name for _, constraint in _constraints()}
    assert {"contact_has_a_name", "unique_tag_per_owner", "unique_organization_per_owner"} <= names


@pytest.mark.parametrize(
    ("model_label", "constraint"), _constraints(), ids=lambda value: getattr(value, "name", value)
)
def test_every_model_constraint_says_what_is_wrong_in_words(model_label, constraint):
    model = apps.get_model(model_label)
    message = constraint_message(constraint, _form_messages(model))

    assert message != str(constraint.default_violation_error_message % {"name": constraint.name})
    assert constraint.name not in message
    assert "violated" not in message.casefold()
    assert message[0].isupper() and message.endswith("."), message


def test_forms_give_messages_only_for_constraints_their_model_has():
    for form_class in _model_forms():
        names = {c.name for c in form_class._meta.model._meta.constraints}
        assert set(form_class.constraint_messages) <= names, form_class
        assert set(form_class.constraint_fields) <= names, form_class
        assert set(form_class.constraint_fields.values()) <= set(form_class.base_fields), form_class


# Over-size forms -----------------------------------------------------------------------------


def _assert_too_big_page(response, limit: str, back: str) -> None:
    assert response.status_code == 413
    soup = _soup(response)
    assert soup.select_one("nav.steps") is not None, "the page has the site's layout"
    assert soup.select_one("main h1").get_text(strip=True) == "Too much to send at once"
    said = soup.select_one("main [role=alert]").get_text(" ", strip=True)
    assert said == (
        f"The text in this form came to more than {limit}, the most one form can send, "
        "so nothing was saved."
    )
    assert "Back button" in soup.select_one("main").get_text(" ", strip=True)
    assert soup.find("a", string="Open the page again")["href"] == back


def test_an_over_size_form_gets_a_page_in_words_and_nothing_is_saved(seeker_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    url = reverse("people:contact_create")
    referer = f"http://testserver{url}"

    response = seeker_client.post(
        url, {"first_name": "Ada", "notes": "é" * 3000}, HTTP_REFERER=referer
    )

    _assert_too_big_page(response, "2 KB", referer)
    assert not Contact.objects.exists()


def test_an_over_size_upload_form_gets_the_page_too(seeker_client, settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048

    response = seeker_client.post(
        reverse("prepare:document_create"),
        {
            "title": "Résumé",
            "kind": "resume",
            "notes": "x" * 5000,
            "file": SimpleUploadedFile("resume.pdf", SMALL_PDF, "application/pdf"),
        },
        HTTP_REFERER="https://elsewhere.example/form",
    )

    _assert_too_big_page(response, "2 KB", "/")  # another site's address is not linked
    assert not Document.objects.exists()


def test_a_file_counts_against_the_file_limit_not_the_forms_text(seeker_client, settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    data = SMALL_PDF + b"%" + b"x" * 8000

    response = seeker_client.post(
        reverse("prepare:document_create"),
        {
            "title": "Résumé",
            "kind": "resume",
            "notes": "",
            "file": SimpleUploadedFile("resume.pdf", data, "application/pdf"),
        },
    )

    assert response.status_code == 302
    assert Document.objects.get().size == len(data)


def test_a_file_over_the_upload_limit_is_still_told_on_the_form(seeker_client, settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.MAX_UPLOAD_BYTES = 2048
    data = SMALL_PDF + b"%" + b"x" * 4000

    response = seeker_client.post(
        reverse("prepare:document_create"),
        {
            "title": "Résumé",
            "kind": "resume",
            "notes": "Kept as typed",
            "file": SimpleUploadedFile("resume.pdf", data, "application/pdf"),
        },
    )

    assert response.status_code == 200
    soup = _soup(response)
    assert _wrapper_errors(soup, "file") == ["The file is 4 KB; files up to 2 KB can be uploaded."]
    assert soup.find("textarea", attrs={"name": "notes"}).get_text().strip() == "Kept as typed"


def test_a_form_within_the_limit_is_read_as_before(seeker_client):
    response = seeker_client.post(
        reverse("people:contact_create"),
        {"first_name": "Ada", "source": "cold", "notes": "x" * 10_000},
    )
    assert response.status_code == 302
    assert Contact.objects.get().notes == "x" * 10_000


def test_the_site_script_checks_the_size_before_sending():
    script = Path(finders.find("coffeechat/coffeechat.js")).read_text(encoding="utf-8")
    assert "formLimits" in script  # reads <body data-form-limits>
    assert '"submit"' in script and "preventDefault" in script
    assert '"role", "alert"' in script
    assert "can be uploaded" in script  # the file limit, in the server's words


# Every page ----------------------------------------------------------------------------------


def _pages(client, seeker) -> list[tuple[str, BeautifulSoup]]:
    """Every page a seeker can open (with one of everything to show), and the login page."""
    objects = make_one_of_everything(seeker, "Labelled")
    pages = [("accounts:login", _soup(client.get(reverse("accounts:login"))))]
    client.force_login(seeker)
    extra_urls = {
        "people:contact_merge": f"?with={make_one_of_everything(seeker, 'Other')[Contact].pk}"
    }
    for route in ROUTES:
        url, _ = _url(route, objects)
        response = client.get(url + extra_urls.get(route.name, ""))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages.append((route.name, _soup(response)))
    return pages


# A proper noun written the wrong way, or "i" for "I".
MISCASED = re.compile(r"\b(?:Linkedin|linkedin|Url|url|Tiara|i)\b")


def _label_texts(soup: BeautifulSoup) -> list[str]:
    """The words a page names its fields and columns with: labels (without the choices of a
    select inside one), legends, the terms of a field list and column headers. A label around
    a radio button or checkbox names one of the choices, which may be the seeker's own text
    (an email address, a career field), so it is left out."""
    texts = []
    main = soup.select_one("main") or soup
    for element in main.select("label, legend, dt, th[scope=col]"):
        if element.name == "label" and element.select("input[type=radio], input[type=checkbox]"):
            continue
        if element.select("select"):
            text = "".join(element.find_all(string=True, recursive=False)).strip()
        else:
            text = element.get_text(" ", strip=True)
        if text:
            texts.append(text)
    return texts


def test_every_label_starts_with_a_capital_and_keeps_its_proper_nouns(client, seeker):
    wrong = []
    checked = 0
    for name, soup in _pages(client, seeker):
        for text in _label_texts(soup):
            checked += 1
            first = next((ch for ch in text if ch.isalpha()), "")
            if first.islower() or MISCASED.search(text):
                wrong.append(f"{name}: {text!r}")
    assert checked > 200
    assert not wrong, "labels in the wrong case:\n" + "\n".join(wrong)


def test_every_page_with_a_form_carries_the_limits_and_the_script(client, seeker):
    expected = {"text": settings.DATA_UPLOAD_MAX_MEMORY_SIZE, "file": settings.MAX_UPLOAD_BYTES}
    with_forms = 0
    for name, soup in _pages(client, seeker):
        if not soup.select("form[method=post]"):
            continue
        with_forms += 1
        assert json.loads(soup.body["data-form-limits"]) == expected, name
        scripts = [tag.get("src", "") for tag in soup.find_all("script")]
        assert any(src.endswith("coffeechat/coffeechat.js") for src in scripts), name
    assert with_forms > 30
