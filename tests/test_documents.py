"""Documents: the seeker's résumé versions and work samples, through the pages a user clicks.

Upload, list, detail, download, edit (with and without a new file), delete, account deletion
and another user's attempts, each checked both in the database and in the upload folder on
disk. Every test gets its own empty upload folder, so "nothing written" can be checked by
listing it.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coffeechat import settings as project_settings
from coffeechat.prepare import documents
from coffeechat.prepare.forms import DocumentForm
from coffeechat.prepare.models import Document
from tests.factories import SMALL_PDF, make_document, make_user

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.[a-z]+$")


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


DOCX = _zip(
    **{
        "[Content_Types].xml": "<Types/>",
        "word__document.xml": "<w:document><w:body>Ada Lovelace</w:body></w:document>",
    }
)
ODT = _zip(mimetype="application/vnd.oasis.opendocument.text", content__xml="<office/>")
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
RTF = b"{\\rtf1\\ansi Ada Lovelace\\par}"
TEXT = "Résumé — Ada Lovelace\nAnalyst, 2025\n".encode()
MARKDOWN = "\ufeff# Work sample\n\n*Ada* — “quoted”\n".encode()


def _id(value):
    """Readable test ids: file contents by their size, not their bytes."""
    return f"{len(value)}-bytes" if isinstance(value, bytes) else None


@pytest.fixture(autouse=True)
def folder(settings, tmp_path) -> Path:
    """A fresh, empty upload root for each test; returns where documents go."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return tmp_path / "uploads" / "documents"


def _on_disk(folder: Path) -> list[str]:
    """Every entry in the documents folder, temporary and hidden ones included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _everything_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _form(name: str, data: bytes, *, content_type: str = PDF_TYPE, **fields) -> dict:
    values = {"title": "Résumé — data analyst", "kind": "resume", "notes": ""}
    values.update(fields)
    values["file"] = SimpleUploadedFile(name, data, content_type=content_type)
    return values


def _upload(client, name: str, data: bytes, **kw):
    return client.post(reverse("prepare:document_create"), _form(name, data, **kw))


def _raw_upload(client, url: str, filename: bytes, data: bytes, **fields):
    """A multipart POST written by hand, so the file name arrives exactly as an attacker's
    client sends it (Django's test client would strip the folders itself)."""
    values = {"title": "Résumé", "kind": "resume", "notes": "", **fields}
    boundary = b"----coffeechat-boundary-7d2f"
    parts = []
    for key, value in values.items():
        parts.append(
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary, key.encode(), value.encode())
        )
    parts.append(
        b'--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n%s\r\n" % (boundary, filename, data)
    )
    parts.append(b"--%s--\r\n" % boundary)
    return client.post(
        url, b"".join(parts), content_type=f"multipart/form-data; boundary={boundary.decode()}"
    )


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _file_errors(response) -> list[str]:
    """The error messages shown next to the file input (and asserts that there are some)."""
    assert response.status_code == 200
    field = _soup(response).find("input", attrs={"name": "file"}).find_parent("div")
    assert "has-error" in field["class"]
    errors = [p.get_text(" ", strip=True) for p in field.select("p.error[role=alert]")]
    assert errors
    return errors


def _disposition(response) -> tuple[str | None, str | None]:
    """(disposition, file name) the way a mail or HTTP client reads the header, RFC 6266
    `filename*=` included."""
    message = EmailMessage()
    message["Content-Disposition"] = response["Content-Disposition"]
    return message.get_content_disposition(), message.get_filename()


def _download(client, document):
    return client.get(reverse("prepare:document_download", args=[document.pk]))


def _assert_safe_download_headers(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "no-store" in directives
    assert _disposition(response)[0] == "attachment"


# Upload ------------------------------------------------------------------------------------


def test_new_document_page_offers_a_file_picker(seeker_client):
    page = _soup(seeker_client.get(reverse("prepare:document_create")))
    form = page.find("form", class_="form")
    assert form["enctype"] == "multipart/form-data"
    picker = form.find("input", attrs={"name": "file"})
    assert picker["type"] == "file"
    assert picker["accept"] == ".pdf,.docx,.doc,.odt,.rtf,.txt,.md"
    assert picker.has_attr("required")


def test_upload_is_stored_under_a_random_private_name_and_listed(seeker_client, seeker, folder):
    response = _upload(
        seeker_client,
        "Ada Lovelace – CV.pdf",
        SMALL_PDF,
        content_type="text/html",  # what the browser claims is ignored
        title="Résumé — data analyst",
        kind="resume",
        notes="Sent to *Grace* after our call.",
    )

    document = Document.objects.get(owner=seeker)
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.title == "Résumé — data analyst"
    assert document.kind == Document.Kind.RESUME
    assert document.notes == "Sent to *Grace* after our call."
    assert document.original_name == "Ada Lovelace – CV.pdf"
    assert document.size == len(SMALL_PDF)
    assert document.sha256 == hashlib.sha256(SMALL_PDF).hexdigest()
    assert document.content_type == PDF_TYPE

    assert STORED_NAME.match(document.stored_name)
    assert document.stored_name.endswith(".pdf")
    assert "Ada" not in document.stored_name and "CV" not in document.stored_name
    stored = folder / document.stored_name
    assert stored.read_bytes() == SMALL_PDF
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert _on_disk(folder) == [document.stored_name]  # no temporary file left behind

    listing = _soup(seeker_client.get(reverse("prepare:document_list")))
    link = listing.find("a", href=document.get_absolute_url())
    assert link is not None and link.get_text(strip=True) == "Résumé — data analyst"
    assert "Ada Lovelace – CV.pdf" in listing.get_text()

    detail = seeker_client.get(document.get_absolute_url())
    assert detail.status_code == 200
    download = _soup(detail).find("a", href=document.get_download_url())
    assert download is not None and download.has_attr("download")
    assert "Ada Lovelace – CV.pdf" in download.get_text()
    html = detail.content.decode()
    assert document.stored_name not in html  # the name on disk is never shown
    assert document.sha256 not in html


def test_two_uploads_of_the_same_name_get_two_files(seeker_client, seeker, folder):
    _upload(seeker_client, "cv.pdf", SMALL_PDF, title="First")
    _upload(seeker_client, "cv.pdf", SMALL_PDF + b"% v2\n", title="Second")
    first, second = (Document.objects.get(title=t) for t in ("First", "Second"))
    assert first.stored_name != second.stored_name
    assert _on_disk(folder) == sorted([first.stored_name, second.stored_name])
    assert _download(seeker_client, first).content == SMALL_PDF
    assert _download(seeker_client, second).content == SMALL_PDF + b"% v2\n"


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("cv.pdf", SMALL_PDF, PDF_TYPE, ".pdf"),
        ("CV.PDF", SMALL_PDF, PDF_TYPE, ".pdf"),
        ("cv.docx", DOCX, DOCX_TYPE, ".docx"),
        ("cv.doc", OLD_WORD, "application/msword", ".doc"),
        ("cv.odt", ODT, "application/vnd.oasis.opendocument.text", ".odt"),
        ("cv.rtf", RTF, "application/rtf", ".rtf"),
        ("notes.txt", TEXT, "text/plain; charset=utf-8", ".txt"),
        ("sample.md", MARKDOWN, "text/markdown; charset=utf-8", ".md"),
    ],
    ids=_id,
)
def test_each_accepted_format_round_trips_with_its_own_content_type(
    seeker_client, seeker, folder, name, data, content_type, extension
):
    response = _upload(seeker_client, name, data, content_type="application/octet-stream")
    assert response.status_code == 302
    document = Document.objects.get(owner=seeker)
    assert document.content_type == content_type
    assert document.stored_name.endswith(extension)
    assert (folder / document.stored_name).read_bytes() == data

    download = _download(seeker_client, document)
    assert download.status_code == 200
    assert download.content == data
    assert download["Content-Type"] == content_type
    assert download["Content-Length"] == str(len(data))
    assert _disposition(download) == ("attachment", name)
    _assert_safe_download_headers(download)


def test_file_exactly_at_the_size_limit_is_accepted(seeker_client, seeker, settings, folder):
    settings.MAX_UPLOAD_BYTES = 2048
    data = SMALL_PDF + b"%" * (2048 - len(SMALL_PDF))
    assert _upload(seeker_client, "cv.pdf", data).status_code == 302
    assert Document.objects.get(owner=seeker).size == 2048


def test_a_file_bigger_than_the_in_memory_buffer_round_trips(
    seeker_client, seeker, settings, folder
):
    """A scanned résumé of a few MB is spooled to a temporary file by Django first."""
    data = SMALL_PDF + bytes(range(256)) * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE // 256 + 1024)
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < len(data) <= settings.MAX_UPLOAD_BYTES
    assert _upload(seeker_client, "scan.pdf", data).status_code == 302
    document = Document.objects.get(owner=seeker)
    assert document.size == len(data)
    assert (folder / document.stored_name).read_bytes() == data
    assert _download(seeker_client, document).content == data


def test_a_very_long_file_name_is_shortened_but_keeps_its_extension(seeker_client, seeker):
    name = "Résumé – " + "très long " * 40 + ".pdf"
    assert _upload(seeker_client, name, SMALL_PDF).status_code == 302
    document = Document.objects.get(owner=seeker)
    assert len(document.original_name) <= 255
    assert document.original_name.startswith("Résumé – très long")
    assert document.original_name.endswith(".pdf")
    assert _disposition(_download(seeker_client, document)) == (
        "attachment",
        document.original_name,
    )


def test_the_list_filters_by_kind_and_finds_by_file_name(seeker_client, seeker):
    cv = make_document(seeker, title="Analyst CV", kind="resume", name="cv.pdf")
    sample = make_document(
        seeker, title="Dashboard", kind="work_sample", name="quarterly-dashboard.pdf"
    )
    for query, shown, hidden in (
        ("?kind=work_sample", sample, cv),
        ("?kind=resume", cv, sample),
        ("?q=quarterly-dash", sample, cv),
    ):
        page = _soup(seeker_client.get(reverse("prepare:document_list") + query))
        assert page.find("a", href=shown.get_absolute_url()) is not None, query
        assert page.find("a", href=hidden.get_absolute_url()) is None, query


# Download ----------------------------------------------------------------------------------


def test_download_sends_the_exact_bytes_as_an_attachment(seeker_client, seeker):
    data = SMALL_PDF + bytes(range(256)) + b"\r\n\x00 end"
    _upload(seeker_client, "cv.pdf", data)
    document = Document.objects.get(owner=seeker)

    response = _download(seeker_client, document)
    assert response.status_code == 200
    assert response.content == data
    assert hashlib.sha256(response.content).hexdigest() == document.sha256
    assert response["Content-Type"] == PDF_TYPE
    assert _disposition(response) == ("attachment", "cv.pdf")
    _assert_safe_download_headers(response)

    head = seeker_client.head(reverse("prepare:document_download", args=[document.pk]))
    assert head.status_code == 200
    assert head["Content-Type"] == PDF_TYPE
    assert _disposition(head)[0] == "attachment"

    post = seeker_client.post(reverse("prepare:document_download", args=[document.pk]))
    assert post.status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "résumé.pdf",
        "履歴書 2025.pdf",
        'Ada "AL" Lovelace.pdf',
        "Lebenslauf „final“ (v2).pdf",
        "cv; filename=evil.html.pdf",
        "100% done, v3.pdf",
    ],
)
def test_download_keeps_the_users_own_file_name(seeker_client, seeker, name):
    response = _upload(seeker_client, name, SMALL_PDF)
    assert response.status_code == 302
    document = Document.objects.get(owner=seeker)
    assert document.original_name == name

    download = _download(seeker_client, document)
    assert download.status_code == 200
    assert _disposition(download) == ("attachment", name)
    assert download["Content-Type"] == PDF_TYPE
    header = download["Content-Disposition"]
    assert header.isascii() and "\n" not in header and "\r" not in header


def test_text_that_looks_like_html_is_still_sent_as_plain_text_to_save(seeker_client, seeker):
    page = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    _upload(seeker_client, "notes.txt", page, content_type="text/html")
    document = Document.objects.get(owner=seeker)
    response = _download(seeker_client, document)
    assert response.content == page
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    _assert_safe_download_headers(response)


def test_no_accepted_format_can_render_in_the_browser():
    renderable = {
        "text/html",
        "application/xhtml+xml",
        "image/svg+xml",
        "text/xml",
        "application/xml",
        "text/javascript",
        "application/javascript",
    }
    for extension, accepted in documents.ACCEPTED.items():
        mime = accepted.content_type.split(";")[0].strip()
        assert mime not in renderable and not mime.startswith("image/"), extension
    for extension in (".html", ".htm", ".xhtml", ".svg", ".svgz", ".xml", ".js"):
        assert extension not in documents.ACCEPTED


def test_a_row_with_a_dangerous_content_type_is_still_only_an_attachment(seeker_client, seeker):
    # Not reachable through the upload form; the download must not rely on that alone.
    document = make_document(seeker, content_type="text/html", name="page.pdf")
    response = _download(seeker_client, document)
    _assert_safe_download_headers(response)


def test_download_of_a_missing_file_is_a_404_not_a_crash(seeker_client, seeker, folder):
    document = make_document(seeker)
    (folder / document.stored_name).unlink()
    assert _download(seeker_client, document).status_code == 404


def test_download_needs_a_login(client, seeker):
    document = make_document(seeker)
    response = _download(client, document)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert SMALL_PDF not in response.content


def test_the_upload_folder_is_not_served_as_static_or_media(seeker_client, seeker):
    assert project_settings.UPLOAD_DIR == project_settings.DATA_DIR / "uploads"
    default = Path(project_settings.UPLOAD_DIR).resolve()
    assert not default.is_relative_to(Path(project_settings.PACKAGE_DIR).resolve())
    if project_settings.STATIC_ROOT:
        assert not default.is_relative_to(Path(project_settings.STATIC_ROOT).resolve())
    document = make_document(seeker)
    for url in (
        f"/{project_settings.STATIC_URL}documents/{document.stored_name}",
        f"/uploads/documents/{document.stored_name}",
        f"/documents/{document.stored_name}",
    ):
        assert seeker_client.get(url).status_code == 404, url


# Rejections --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64), "“.exe” files are not accepted"),
        ("cv.html", b"<html><script>alert(1)</script></html>", "files are not accepted"),
        ("cv.htm", b"<html></html>", "files are not accepted"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "“.svg” files are not accepted",
        ),
        ("cv.pdf.html", SMALL_PDF, "“.html” files are not accepted"),
        ("resume", SMALL_PDF, "files are not accepted"),
        ("cv.pdf", b"<html><body>not a PDF</body></html>", "does not look like a PDF file"),
        ("cv.pdf", b"PK\x03\x04" + DOCX[4:], "does not look like a PDF file"),
        ("cv.docx", SMALL_PDF, "does not look like a DOCX file"),
        ("cv.docx", b"just some text pretending", "does not look like a DOCX file"),
        ("cv.doc", DOCX, "does not look like a DOC file"),
        ("notes.txt", "Résumé de Ada".encode("latin-1"), "not UTF-8"),
        ("notes.txt", "UTF-16 text".encode("utf-16"), "not UTF-8"),
        ("notes.txt", b"plain\x00text with a NUL", "not plain text"),
        ("notes.md", b"# title\n\x00\x00\x00", "not plain text"),
        ("cv.pdf", b"", "empty"),
    ],
    ids=_id,
)
def test_refused_files_show_an_error_and_write_nothing(
    seeker_client, seeker, folder, tmp_path, name, data, message
):
    response = _upload(seeker_client, name, data, title="Keep this title")
    errors = _file_errors(response)
    assert any(message.lower() in error.lower() for error in errors), errors
    title = _soup(response).find("input", attrs={"name": "title"})
    assert title["value"] == "Keep this title"  # what the user typed is not lost
    assert not Document.objects.exists()
    assert _on_disk(folder) == []
    assert _everything_under(tmp_path / "uploads") == []


def test_file_over_the_size_limit_is_refused(seeker_client, seeker, settings, folder):
    settings.MAX_UPLOAD_BYTES = 2048
    data = SMALL_PDF + b"%" * (2049 - len(SMALL_PDF))
    errors = _file_errors(_upload(seeker_client, "cv.pdf", data))
    assert any("files up to" in error for error in errors), errors
    assert not Document.objects.exists()
    assert _on_disk(folder) == []


def test_create_without_a_file_is_refused(seeker_client, seeker, folder):
    response = seeker_client.post(
        reverse("prepare:document_create"),
        {"title": "No file", "kind": "resume", "notes": ""},
    )
    assert _file_errors(response) == ["This field is required."]
    assert not Document.objects.exists()
    assert _on_disk(folder) == []


def test_a_valid_file_with_an_invalid_title_writes_nothing(seeker_client, seeker, folder):
    response = _upload(seeker_client, "cv.pdf", SMALL_PDF, title="")
    assert response.status_code == 200
    assert _soup(response).find("input", attrs={"name": "title"}).find_parent("div")["class"] == [
        "field",
        "has-error",
    ]
    assert not Document.objects.exists()
    assert _on_disk(folder) == []


# File names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        (b"../../etc/passwd.pdf", "passwd.pdf"),
        (b"/etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\résumé.pdf".encode(), "résumé.pdf"),
        (b"..\\..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        (b"..%2F..%2Fcv.pdf", "..%2F..%2Fcv.pdf"),
    ],
)
def test_upload_with_path_traversal_filename_is_reduced_to_basename(
    seeker_client, seeker, folder, tmp_path, sent, kept
):
    response = _raw_upload(seeker_client, reverse("prepare:document_create"), sent, SMALL_PDF)
    assert response.status_code == 302
    document = Document.objects.get(owner=seeker)
    assert document.original_name == kept
    assert STORED_NAME.match(document.stored_name)
    assert _everything_under(tmp_path) == [folder / document.stored_name]
    assert _disposition(_download(seeker_client, document)) == ("attachment", kept)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("C:\\Users\\x\\résumé.pdf", "résumé.pdf"),
        ("..\\..\\cv.pdf", "cv.pdf"),
        ("  cv.pdf  ", "cv.pdf"),
    ],
)
def test_the_form_itself_reduces_a_path_to_its_base_name(seeker, folder, sent, kept):
    """Django's multipart parser already strips folders; the form must not depend on it."""
    upload = SimpleUploadedFile(sent, SMALL_PDF, content_type="text/html")
    form = DocumentForm(
        {"title": "CV", "kind": "resume", "notes": ""}, {"file": upload}, owner=seeker
    )
    assert form.is_valid(), form.errors
    document = form.save()
    assert document.original_name == kept
    assert document.content_type == PDF_TYPE
    assert _on_disk(folder) == [document.stored_name]


def test_a_file_name_that_is_only_folders_counts_as_no_file(seeker_client, seeker, folder):
    response = _raw_upload(seeker_client, reverse("prepare:document_create"), b"../..", SMALL_PDF)
    assert _file_errors(response) == ["This field is required."]
    assert not Document.objects.exists()
    assert _on_disk(folder) == []


# Edit --------------------------------------------------------------------------------------


def _edit(client, document, file=None, **fields):
    values = {"title": document.title, "kind": document.kind, "notes": document.notes}
    values.update(fields)
    if file is not None:
        values["file"] = SimpleUploadedFile(file[0], file[1], content_type="text/plain")
    return client.post(reverse("prepare:document_edit", args=[document.pk]), values)


def test_edit_page_says_the_current_file_is_kept(seeker_client, seeker):
    document = make_document(seeker, name="Ada CV.pdf")
    page = _soup(seeker_client.get(reverse("prepare:document_edit", args=[document.pk])))
    picker = page.find("input", attrs={"name": "file"})
    assert not picker.has_attr("required")
    assert "Leave empty to keep “Ada CV.pdf”" in page.get_text()


def test_edit_without_a_new_file_keeps_the_file(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    _upload(seeker_client, "cv.pdf", SMALL_PDF, title="Old title")
    document = Document.objects.get(owner=seeker)
    before = Document.objects.values().get(pk=document.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(
            seeker_client, document, title="New title", kind="work_sample", notes="Updated"
        )
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()

    document.refresh_from_db()
    assert (document.title, document.kind, document.notes) == (
        "New title",
        "work_sample",
        "Updated",
    )
    for name in ("original_name", "content_type", "size", "sha256", "stored_name"):
        assert getattr(document, name) == before[name], name
    assert _on_disk(folder) == [document.stored_name]
    assert _download(seeker_client, document).content == SMALL_PDF


def test_edit_with_a_new_file_replaces_it_and_removes_the_old_one(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    _upload(seeker_client, "cv-2024.pdf", SMALL_PDF)
    document = Document.objects.get(owner=seeker)
    old_name = document.stored_name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _edit(seeker_client, document, file=("cv-2025.docx", DOCX))
    assert response.status_code == 302
    assert len(callbacks) == 1

    document.refresh_from_db()
    assert document.original_name == "cv-2025.docx"
    assert document.content_type == DOCX_TYPE
    assert document.size == len(DOCX)
    assert document.sha256 == hashlib.sha256(DOCX).hexdigest()
    assert document.stored_name != old_name and document.stored_name.endswith(".docx")
    assert not (folder / old_name).exists()
    assert _on_disk(folder) == [document.stored_name]
    assert stat.S_IMODE((folder / document.stored_name).stat().st_mode) == 0o600

    download = _download(seeker_client, document)
    assert download.content == DOCX
    assert download["Content-Type"] == DOCX_TYPE
    assert _disposition(download) == ("attachment", "cv-2025.docx")
    assert Document.objects.count() == 1


def test_the_old_file_stays_until_the_replacement_is_committed(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    document = make_document(seeker)
    old_name = document.stored_name

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _edit(seeker_client, document, file=("cv.pdf", SMALL_PDF + b"% v2\n"))
    document.refresh_from_db()
    assert (folder / old_name).exists()  # not committed yet: both files are there
    assert _on_disk(folder) == sorted([old_name, document.stored_name])

    for callback in callbacks:  # the commit
        callback()
    assert _on_disk(folder) == [document.stored_name]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.svg", b"<svg/>", "not accepted"),
        ("cv.pdf", b"not a pdf", "does not look like a PDF"),
        ("cv.pdf", b"", "empty"),
    ],
    ids=_id,
)
def test_edit_with_a_refused_file_changes_nothing(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks, name, data, message
):
    document = make_document(seeker, title="Original")
    before = Document.objects.values().get(pk=document.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(seeker_client, document, file=(name, data), title="Changed")
    errors = _file_errors(response)
    assert any(message.lower() in error.lower() for error in errors), errors

    assert Document.objects.values().get(pk=document.pk) == before
    assert _on_disk(folder) == [document.stored_name]
    assert _download(seeker_client, document).content == SMALL_PDF


def test_edit_with_a_new_file_but_an_invalid_title_changes_nothing(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    document = make_document(seeker, title="Original")
    before = Document.objects.values().get(pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(seeker_client, document, file=("new.pdf", SMALL_PDF + b"%x"), title="")
    assert response.status_code == 200
    assert Document.objects.values().get(pk=document.pk) == before
    assert _on_disk(folder) == [document.stored_name]


def test_edit_over_the_size_limit_keeps_the_old_file(
    seeker_client, seeker, folder, settings, django_capture_on_commit_callbacks
):
    document = make_document(seeker)
    settings.MAX_UPLOAD_BYTES = 1024
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(seeker_client, document, file=("big.pdf", SMALL_PDF + bytes(2000)))
    assert any("files up to" in error for error in _file_errors(response))
    assert _on_disk(folder) == [document.stored_name]


# Delete ------------------------------------------------------------------------------------


def test_delete_removes_the_row_and_the_file(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    _upload(seeker_client, "cv.pdf", SMALL_PDF, title="To delete")
    keep = make_document(seeker, title="To keep")
    document = Document.objects.get(title="To delete")
    delete_url = reverse("prepare:document_delete", args=[document.pk])

    confirm = seeker_client.get(delete_url)
    assert confirm.status_code == 200 and "To delete" in confirm.content.decode()
    assert (folder / document.stored_name).exists()  # looking is not deleting

    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("prepare:document_list")
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not (folder / document.stored_name).exists()
    assert _on_disk(folder) == [keep.stored_name]
    assert _download(seeker_client, document).status_code == 404
    listing = _soup(seeker_client.get(reverse("prepare:document_list")))
    assert listing.find("a", href=document.get_absolute_url()) is None
    assert listing.find("a", href=keep.get_absolute_url()) is not None


def test_the_file_stays_until_the_deletion_is_committed(
    seeker_client, seeker, folder, django_capture_on_commit_callbacks
):
    document = make_document(seeker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        seeker_client.post(reverse("prepare:document_delete", args=[document.pk]))
    assert (folder / document.stored_name).exists()
    for callback in callbacks:
        callback()
    assert _on_disk(folder) == []


def test_deleting_the_account_removes_its_files(
    client, seeker, stranger, folder, django_capture_on_commit_callbacks
):
    mine = [make_document(seeker, name=f"cv-{n}.pdf") for n in range(3)]
    theirs = make_document(stranger)
    assert len(_on_disk(folder)) == 4

    admin = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:auth_user_delete", args=[seeker.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302

    assert not Document.objects.filter(pk__in=[d.pk for d in mine]).exists()
    assert _on_disk(folder) == [theirs.stored_name]
    assert (folder / theirs.stored_name).read_bytes() == SMALL_PDF


# Another user ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url_name"),
    [
        ("get", "prepare:document_detail"),
        ("get", "prepare:document_edit"),
        ("post", "prepare:document_edit"),
        ("get", "prepare:document_delete"),
        ("post", "prepare:document_delete"),
        ("get", "prepare:document_download"),
        ("head", "prepare:document_download"),
        ("post", "prepare:document_download"),
    ],
)
def test_another_user_gets_404_and_the_file_is_untouched(
    client, seeker, stranger, folder, django_capture_on_commit_callbacks, method, url_name
):
    document = make_document(seeker, title="Seeker's résumé")
    before = Document.objects.values().get(pk=document.pk)
    stored = folder / document.stored_name
    mtime = stored.stat().st_mtime_ns

    client.force_login(stranger)
    url = reverse(url_name, args=[document.pk])
    data = (
        {
            "title": "Stolen",
            "kind": "other",
            "notes": "",
            "file": SimpleUploadedFile("evil.pdf", b"%PDF-1.4 evil"),
        }
        if method == "post"
        else None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == 404
    assert SMALL_PDF not in response.content
    assert b"Seeker&#x27;s r" not in response.content and b"Seeker's r" not in response.content

    assert Document.objects.values().get(pk=document.pk) == before
    assert stored.read_bytes() == SMALL_PDF
    assert stored.stat().st_mtime_ns == mtime
    assert _on_disk(folder) == [document.stored_name]


def test_another_user_does_not_see_the_document_in_their_list(client, seeker, stranger):
    make_document(seeker, title="Seeker's résumé", name="zq-private.pdf")
    client.force_login(stranger)
    for query in ("", "?q=zq-priv", "?kind=resume"):
        page = client.get(reverse("prepare:document_list") + query).content.decode()
        assert "zq-private" not in page and "Seeker" not in page
