"""How much one account may keep in documents, and the form saying how much it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from coffeechat.prepare import documents
from coffeechat.prepare.models import Document
from tests.factories import SMALL_PDF
from tests.test_documents import _on_disk, _upload


@pytest.fixture
def folder(settings, tmp_path) -> Path:
    """A fresh upload root; returns where documents go."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return tmp_path / "uploads" / "documents"


def test_an_account_keeps_a_bounded_number_of_documents(seeker_client, seeker, folder, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENTS", 2)
    page = seeker_client.get(reverse("prepare:document_create")).content.decode()
    assert "You keep 0 of at most 2 documents" in page
    for number in range(2):
        _upload(seeker_client, f"r{number}.pdf", SMALL_PDF)
    response = _upload(seeker_client, "third.pdf", SMALL_PDF)
    assert "the most one account can" in response.content.decode()
    assert Document.objects.filter(owner=seeker).count() == 2
    assert len(_on_disk(folder)) == 2


def test_an_account_keeps_a_bounded_number_of_bytes(seeker_client, seeker, folder, monkeypatch):
    monkeypatch.setattr(documents, "MAX_STORED_BYTES", len(SMALL_PDF) + 10)
    _upload(seeker_client, "first.pdf", SMALL_PDF)
    response = _upload(seeker_client, "second.pdf", SMALL_PDF)
    assert "one account can keep" in response.content.decode()
    assert Document.objects.filter(owner=seeker).count() == 1
