"""Every sample file from another client, imported into an empty account: every person the
parser read is a contact with every address (main or other, with its label), the whole notes,
the name as shown, the organization; company cards are organizations; a malformed file writes
nothing and names its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat.lib.addresses import EMAIL, PHONE, address_key
from coffeechat.lib.contact_files import ContactFileError, parse
from coffeechat.lib.control_chars import without_controls
from coffeechat.people.importing import import_contacts
from coffeechat.people.models import Contact, ContactAddress, ImportBatch
from coffeechat.research.models import Organization
from tests.test_importing import IMPORTABLE

SAMPLES = Path(__file__).parent / "samples" / "contact_files"
# Files whose columns are chosen by hand; the others are recognised exports.
NEEDS_MAPPING = ("generic_semicolon.csv",)


def _stored_addresses(contact: Contact) -> set[tuple[str, str, str]]:
    found = set()
    if contact.email:
        found.add((EMAIL, address_key(EMAIL, contact.email), contact.email_label))
    if contact.phone:
        found.add((PHONE, address_key(PHONE, contact.phone), contact.phone_label))
    for kind, key, label in ContactAddress.objects.filter(contact=contact).values_list(
        "kind", "key", "label"
    ):
        found.add((kind, key, label))
    return found


@pytest.mark.parametrize("sample", [s for s in IMPORTABLE if s not in NEEDS_MAPPING])
def test_every_sample_imports_with_nothing_lost(seeker, sample):
    result = parse((SAMPLES / sample).read_bytes())
    summary = import_contacts(seeker, result)
    assert summary.created + summary.merged == len(result.contacts), sample
    for row in result.contacts:
        contact = Contact.objects.get(
            owner=seeker, first_name=row.first_name[:150], last_name=row.last_name[:150]
        )
        where = f"{sample}, line {row.line}"
        assert contact.notes == row.notes, where
        # One-line fields keep every word; a line break inside a cell becomes a space.
        one_line = (without_controls(row.title), without_controls(row.department))
        assert (contact.title, contact.department) == one_line, where
        assert contact.display_name == without_controls(row.display_name), where
        if row.organization:
            assert contact.organization.name == row.organization.strip(), where
        parsed = {(a.kind, a.key, a.label) for a in row.addresses}
        if row.email:
            parsed.add((EMAIL, address_key(EMAIL, row.email), row.email_label))
        if row.phone:
            parsed.add((PHONE, address_key(PHONE, row.phone), row.phone_label))
        assert parsed <= _stored_addresses(contact), where
    names = set(Organization.objects.owned_by(seeker).values_list("name", flat=True))
    assert set(result.organizations) <= names


def test_a_malformed_file_writes_nothing_and_names_its_line(seeker_client, seeker):
    data = (SAMPLES / "malformed_broken_structure.vcf").read_bytes()
    with pytest.raises(ContactFileError) as caught:
        parse(data)
    line = caught.value.line
    assert line is not None and f"line {line}" in str(caught.value).lower()

    upload = SimpleUploadedFile("broken.vcf", data, content_type="text/vcard")
    seeker_client.post(reverse("people:importbatch_upload"), {"file": upload, "format": "auto"})
    batch = ImportBatch.objects.get(owner=seeker)
    page = seeker_client.get(batch.get_absolute_url()).content.decode()
    assert f"line {line}" in page.lower() and "Nothing was imported" in page
    seeker_client.post(reverse("people:importbatch_commit", args=[batch.pk]), {"source": "cold"})
    assert not Contact.objects.filter(owner=seeker).exists()
    assert not Organization.objects.filter(owner=seeker).exists()
