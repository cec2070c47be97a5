"""Plain tests of the contact-file importer: encodings, LinkedIn, Google, Outlook, vCard and
mapped CSV files, with the line numbers and errors a user sees. No database."""

import codecs
import datetime
from pathlib import Path

import pytest

from coffeechat.lib.contact_files import (
    FORMATS,
    MAPPABLE_FIELDS,
    ContactFileError,
    ParsedContact,
    csv_preview,
    decode,
    detect_format,
    parse,
    suggest_mapping,
)

SAMPLES = Path(__file__).parent / "samples" / "contact_files"
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
LINKEDIN_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def people(contacts: list[ParsedContact]) -> dict[str, ParsedContact]:
    return {f"{c.first_name} {c.last_name}": c for c in contacts}


def vcard(*lines: str) -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n").encode()


# --- bytes and encodings -------------------------------------------------------------------


def test_utf8_bom_is_stripped_from_first_header():
    data = sample("linkedin_no_preamble.csv")
    assert data.startswith(codecs.BOM_UTF8)
    assert decode(data).startswith("First Name,")
    assert csv_preview(data)[0][0] == "First Name"


def test_cp1252_fallback_keeps_curly_quotes_and_euro():
    text = "Name,Notes\nZoë Ackermann,“Product Camp” – costs €20, it’s fine\n"
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(codec):
    text = "First Name,Last Name\nSøren,张\n"
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode(bom + text.encode(codec)) == text


def test_utf16_without_bom_is_recognised():
    text = "Name,Email\nJane Doe,jane@example.com\n"
    assert decode(text.encode("utf-16-le")) == text


@pytest.mark.parametrize(
    "data",
    [b"", b"  \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n", codecs.BOM_UTF16_LE],
    ids=["empty", "whitespace", "bom-only", "bom-and-blank-lines", "utf16-bom-only"],
)
def test_empty_file_is_reported_as_empty(data):
    with pytest.raises(ContactFileError, match=r"^The file is empty\.$"):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x00\x01\x02\x03\xff\xfe\xfd"],
    ids=["binary-with-nul", "odd-bytes-with-nul"],
)
def test_non_text_file_is_refused(data):
    with pytest.raises(ContactFileError, match="not a text file or not in a known encoding"):
        parse(data)


def test_spreadsheet_workbook_is_refused_with_advice():
    with pytest.raises(ContactFileError, match="save it as CSV"):
        parse(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20)


# --- LinkedIn ------------------------------------------------------------------------------

LINKEDIN_EXPECTED = [
    (5, "Priya", "Raman", datetime.date(2024, 3, 5), "Northwind Traders"),
    (6, "Jürgen", "Müller", datetime.date(2024, 1, 17), "Contoso, Ltd."),
    (8, "Ana", 'O\'Neil "Annie"', datetime.date(2022, 11, 30), "Fabrikam"),
    (9, "Tomás", "García", datetime.date(2021, 8, 1), "Adventure Works"),
    (11, "Wei", "Chen", datetime.date(2020, 4, 3), "Tailspin Toys"),
]


def _summary(result):
    return [(c.line, c.first_name, c.last_name, c.connected_on, c.organization) for c in result]


def test_linkedin_with_notes_preamble_reports_real_line_numbers():
    result = parse(sample("linkedin_connections.csv"))
    assert result.format == "linkedin"
    # Lines 1-3 are the preamble, 4 the header; Tomás's quoted position spans lines 9-10.
    assert _summary(result.contacts) == LINKEDIN_EXPECTED
    assert [s.line for s in result.skipped] == [7]


def test_linkedin_member_who_left_is_skipped_with_reason():
    result = parse(sample("linkedin_connections.csv"))
    assert [(s.line, s.reason) for s in result.skipped] == [
        (7, "no name: a member who left LinkedIn")
    ]


def test_linkedin_without_preamble_starts_at_line_two():
    result = parse(sample("linkedin_no_preamble.csv"))
    assert [(c.line, c.first_name) for c in result.contacts] == [(2, "Priya"), (3, "Wei")]


def test_linkedin_percent_encoded_url_kept_as_given_and_email_cleaned():
    jurgen = people(parse(sample("linkedin_connections.csv")).contacts)["Jürgen Müller"]
    assert jurgen.linkedin_url == "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-0a1b2c"
    assert jurgen.email == "juergen.mueller@example.org"
    assert jurgen.title == "Head of Data"


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("cp1252"),
        lambda t: t.replace("\n", "\r\n").encode("cp1252"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "crlf", "cp1252", "cp1252-crlf", "utf-16"],
)
def test_linkedin_encoding_variants_give_the_same_contacts(encode):
    text = sample("linkedin_connections.csv").decode("utf-8")
    result = parse(encode(text), "linkedin")
    assert _summary(result.contacts) == LINKEDIN_EXPECTED
    assert [s.line for s in result.skipped] == [7]


def test_linkedin_resaved_by_excel_with_semicolons_is_read():
    text = sample("linkedin_connections.csv").decode("utf-8")
    lines = text.split("\n")
    lines[3] = lines[3].replace(",", ";")
    lines[4] = lines[4].replace(",", ";")
    data = "\n".join(lines[:5]).encode("cp1252")
    result = parse(data)
    assert result.format == "linkedin"
    assert _summary(result.contacts) == [LINKEDIN_EXPECTED[0]]


def test_linkedin_30000_rows_are_parsed():
    rows = [LINKEDIN_PREAMBLE + LINKEDIN_HEADER]
    for i in range(30_000):
        if i % 1000 == 999:
            rows.append(",,,,,,12 Feb 2023")  # 30 members who left
        else:
            rows.append(
                f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Co {i % 97},Eng,05 Mar 2024"
            )
    result = parse("\n".join(rows).encode())
    assert len(result.contacts) == 29_970
    assert len(result.skipped) == 30


# --- Google --------------------------------------------------------------------------------


def test_google_current_export_fields():
    result = parse(sample("google_contacts.csv"))
    assert result.format == "google"
    maya = people(result.contacts)["Maya Lindqvist"]
    assert (maya.line, maya.organization, maya.title, maya.department) == (
        2,
        "Blue Yonder Airlines",
        "Data Scientist",
        "Analytics",
    )
    assert maya.phone == "+46 70 123 45 67"
    assert maya.location == "Stockholm, Sweden"
    assert maya.linkedin_url == "https://www.linkedin.com/in/maya-lindqvist"
    assert maya.notes == "Met at PyData.\nAsked about the ML platform team.\nBirthday: 12 April"


def test_google_multiple_emails_first_is_primary():
    maya = people(parse(sample("google_contacts.csv")).contacts)["Maya Lindqvist"]
    assert maya.email == "maya.lindqvist@example.com"
    assert maya.other_emails == ["m.lindqvist@example.org", "maya.home@example.org"]


def test_google_primary_marker_in_label_wins_over_column_order():
    kwame = people(parse(sample("google_contacts.csv")).contacts)["Kwame Mensah"]
    assert kwame.email == "kwame.mensah@example.com"
    assert kwame.other_emails == ["kwame.old@example.org"]
    assert kwame.phone == "+233 30 555 0147"  # the first of a ' ::: ' joined cell


def test_google_labels_become_tags_without_system_groups():
    contacts = people(parse(sample("google_contacts.csv")).contacts)
    assert contacts["Maya Lindqvist"].tags == ["Mentors", "starred"]
    assert contacts["Kwame Mensah"].tags == []


def test_google_row_without_name_is_skipped_even_with_email():
    result = parse(sample("google_contacts.csv"))
    # Maya's quoted notes and address span lines 2-5.
    assert [(c.line, c.first_name) for c in result.contacts] == [(2, "Maya"), (6, "Kwame")]
    assert [(s.line, s.reason) for s in result.skipped] == [(7, "no name")]


def test_utf16_google_export():
    data = sample("google_legacy_utf16.csv")
    assert data.startswith(codecs.BOM_UTF16_LE)
    result = parse(data)
    assert result.format == "google"
    contacts = people(result.contacts)
    soren = contacts["Søren Holm"]
    assert (soren.email, soren.other_emails) == ("soren.holm@example.com", ["s.holm@example.org"])
    assert (soren.organization, soren.title, soren.department) == (
        "Litware",
        "Architect",
        "Platform",
    )
    assert soren.tags == ["Alumni"]
    assert soren.location == "Copenhagen"
    assert contacts["伟 张"].email == "zhang.wei@example.org"


def test_google_legacy_name_column_is_split_when_given_and_family_are_empty():
    hannah = people(parse(sample("google_legacy_utf16.csv")).contacts)["Hannah Okafor"]
    assert (hannah.line, hannah.phone, hannah.tags) == (4, "+234 803 555 0100", ["Book Club"])


# --- Outlook -------------------------------------------------------------------------------


def test_outlook_desktop_cp1252_export():
    data = sample("outlook_desktop.csv")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse(data)
    assert result.format == "outlook"
    daniel = people(result.contacts)["Daniel O’Brien"]
    assert (daniel.organization, daniel.department, daniel.title) == (
        "Wingtip Toys",
        "Finance",
        "Controller",
    )
    assert daniel.email == "daniel.obrien@example.com"
    assert daniel.phone == "+353 85 555 0101"
    assert daniel.location == "Dublin, Ireland"
    assert daniel.tags == ["Finance", "Alumni"]
    assert daniel.notes == "Budget owner – prefers calls.\nSaid “ask me about Q3”; pilot costs €2k."


def test_outlook_zero_date_is_no_date():
    contacts = people(parse(sample("outlook_desktop.csv")).contacts)
    assert "Birthday" not in contacts["Daniel O’Brien"].notes  # 0/0/00
    assert contacts["Élodie Durand"].notes == "Birthday: 12 April 1980"  # 4/12/1980, US order


def test_outlook_exchange_address_is_not_an_email():
    elodie = people(parse(sample("outlook_desktop.csv")).contacts)["Élodie Durand"]
    assert (elodie.email, elodie.other_emails) == ("elodie.durand@example.org", [])
    assert elodie.linkedin_url == "https://www.linkedin.com/in/elodie-durand"
    assert elodie.location == "Lyon, France"


def test_outlook_company_only_row_is_skipped():
    result = parse(sample("outlook_desktop.csv"))
    # Daniel's notes span lines 2-3.
    assert [c.line for c in result.contacts] == [2, 4]
    assert [(s.line, s.reason) for s in result.skipped] == [(5, "no name")]


def test_outlook_com_export():
    result = parse(sample("outlook_com.csv"))
    assert result.format == "outlook"
    [sakura] = result.contacts
    assert (sakura.first_name, sakura.last_name, sakura.line) == ("Sakura", "Tanaka", 2)
    assert (sakura.email, sakura.other_emails) == (
        "sakura.tanaka@example.com",
        ["sakura@example.org"],
    )
    assert (sakura.organization, sakura.department) == ("Margie's Travel", "Business Development")
    assert sakura.title == "Partnerships Manager"
    assert sakura.notes == "Intro via Maya (田中さん).\nBirthday: 22 July 1990"


# --- vCard ---------------------------------------------------------------------------------


def test_vcard_apple_item_groups():
    result = parse(sample("apple_contacts.vcf"))
    assert result.format == "vcard"
    chidi = people(result.contacts)["Chidi Okonkwo"]
    assert chidi.email == "chidi.okonkwo@example.com"  # item2 carries type=pref
    assert chidi.other_emails == ["chidi.home@example.org"]
    assert chidi.phone == "+1 (555) 010-0199"
    assert chidi.linkedin_url == "https://www.linkedin.com/in/chidi-okonkwo"  # "https\://"
    assert chidi.location == "Cupertino, CA, United States"


def test_vcard_folded_and_escaped_lines():
    chidi = people(parse(sample("apple_contacts.vcf")).contacts)["Chidi Okonkwo"]
    assert chidi.organization == "Acme, Inc."
    assert chidi.department == "Research & Development"
    assert chidi.notes == (
        "Met at the platform meetup.\nFollow up about the staff role; he offered an intro to "
        "the hiring manager, Dana.\nBirthday: 22 July"
    )
    assert chidi.tags == ["Engineering", "Mentors"]


def test_vcard_company_card_becomes_an_organization_and_lines_are_card_starts():
    result = parse(sample("apple_contacts.vcf"))
    assert [(c.line, c.first_name) for c in result.contacts] == [(1, "Chidi"), (34, "Rosa María")]
    assert result.skipped == []
    assert result.organizations == ["Globex Corporation"]


def test_vcard_fn_is_split_when_n_is_empty_and_first_email_is_primary():
    rosa = people(parse(sample("apple_contacts.vcf")).contacts)["Rosa María Delgado"]
    assert (rosa.email, rosa.other_emails) == ("rosa.delgado@example.com", ["rosa@example.org"])
    assert rosa.linkedin_url == "http://www.linkedin.com/in/rosadelgado"  # X-SOCIALPROFILE
    assert rosa.notes == "Birthday: 28 February 1990"


def test_vcard4_pref_email():
    result = parse(sample("contacts_v4.vcf"))
    [amara] = result.contacts
    assert (amara.first_name, amara.last_name) == ("Amara", "Nwosu")
    assert amara.email == "amara@example.org"  # PREF=1 although listed second
    assert amara.other_emails == ["amara.nwosu@example.com"]
    assert amara.phone == "+44-20-5555-0123"
    assert (amara.organization, amara.department) == ("Initech", "Strategy")
    assert amara.tags == ["Advisors", "Healthcare"]
    assert amara.location == "London, United Kingdom"
    assert amara.notes == "Prefers mornings.\nBirthday: 12 April"  # BDAY:--0412
    assert result.skipped == []
    assert result.organizations == ["Initech"]  # KIND:org: the organization, not a person


@pytest.mark.parametrize(
    ("bday", "expected"),
    [
        ("BDAY:--0412", "Birthday: 12 April"),
        ("BDAY:--04-12", "Birthday: 12 April"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-22", "Birthday: 22 July"),
        ("BDAY:19800412", "Birthday: 12 April 1980"),
        ("BDAY:1980-04-12T00:00:00Z", "Birthday: 12 April 1980"),
        ("BDAY:sometime in spring", ""),
        ("BDAY:--1399", ""),
    ],
)
def test_vcard_birthday_forms_do_not_crash(bday, expected):
    [contact] = parse(vcard("N:Doe;Jane;;;", bday)).contacts
    assert contact.notes == expected


def test_vcard_damaged_photo_does_not_break_the_card():
    data = vcard("N:Doe;Jane;;;", "PHOTO;ENCODING=b;TYPE=JPEG:!!!not-base64", " more!!!")
    [contact] = parse(data).contacts
    assert contact.first_name == "Jane"


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:A B\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:C D\n",
            5,
            "The card that begins on line 5 has no END:VCARD",
        ),
        (
            b"BEGIN:VCARD\nFN:A B\nBEGIN:VCARD\nFN:C D\nEND:VCARD\n",
            3,
            "Line 3 begins a new card, but the card that begins on line 1 has no END:VCARD",
        ),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:folded\r\n  on\r\n  and on\r\n"
            b"this is garbage\r\nEND:VCARD\r\n",
            6,
            "Line 6 is not a readable vCard line: 'this is garbage'",
        ),
        (b"BEGIN:VCARD\nFN:A B\nEND:VCARD\nhello\n", 4, "Line 4 is outside any card"),
        (b"BEGIN:VCARD\nFN:A B\nEND:VCARD\nEND:VCARD\n", 4, "Line 4 ends a card"),
        (
            b"BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jane\n"
            b"NOTE;CHARSET=x-unknown;ENCODING=QUOTED-PRINTABLE:=E9\nEND:VCARD\n",
            1,
            "The card that begins on line 1 cannot be read",
        ),
    ],
    ids=[
        "begin-without-end",
        "nested-begin",
        "garbage-line",
        "outside-card",
        "stray-end",
        "charset",
    ],
)
def test_broken_vcard_names_line(data, line, message):
    with pytest.raises(ContactFileError) as caught:
        parse(data)
    assert caught.value.line == line
    assert str(caught.value).startswith(message)


# --- CSV structure -------------------------------------------------------------------------


def test_unterminated_quote_names_line():
    data = (
        LINKEDIN_HEADER + '\nAna,Lee,u1,,Acme,Eng,05 Mar 2024\nBo,"Kim,u2,,X,Y,01 Jan 2024\n'
        "Cy,Ng,u3,,Z,W,02 Jan 2024\n"
    ).encode()
    with pytest.raises(
        ContactFileError, match=r"^Line 3 opens a quoted field that is never closed\.$"
    ):
        parse(data)


def test_text_after_closing_quote_names_line():
    data = f'{LINKEDIN_HEADER}\nAna,"Lee"son,u1,,Acme,Eng,05 Mar 2024\n'.encode()
    with pytest.raises(ContactFileError, match="^Line 2 has text right after a closing quote") as e:
        parse(data)
    assert e.value.line == 2


def test_row_with_far_more_fields_than_header_names_line():
    data = (
        f"{LINKEDIN_HEADER}\nAna,Lee,u1,,Acme,Eng,05 Mar 2024\n"
        "Bo,Kim,u2,,Acme, Inc,Eng,Ops,x,05 Mar 2024\n"  # unquoted commas shift every column
    )
    with pytest.raises(
        ContactFileError, match="^Line 3 has 10 fields but the header on line 1 has 7"
    ):
        parse(data.encode())


def test_trailing_empty_fields_and_empty_rows_are_ignored():
    data = f"{LINKEDIN_HEADER},,\n\nAna,Lee,u1,,Acme,Eng,05 Mar 2024,,,\n,,,,,,\n\nBo,Kim,u2\n"
    result = parse(data.encode())
    assert [(c.line, c.first_name, c.connected_on) for c in result.contacts] == [
        (3, "Ana", datetime.date(2024, 3, 5)),
        (6, "Bo", None),
    ]
    assert result.skipped == []


# --- generic CSV with a mapping ------------------------------------------------------------

SEMICOLON_MAPPING = {
    "Full name": "full_name",
    "E-mail": "email",
    "Company": "organization",
    "Role": "title",
    "City": "location",
    "Country": "location",
    "Notes": "notes",
    "Follow-up": "notes",
    "Tags": "tags",
}


def test_generic_csv_needs_mapping():
    data = sample("generic_semicolon.csv")
    assert detect_format(decode(data)) == "csv"
    with pytest.raises(ContactFileError, match="column mapping") as caught:
        parse(data)
    assert caught.value.line is None


def test_semicolon_csv_with_mapping():
    result = parse(sample("generic_semicolon.csv"), "csv", SEMICOLON_MAPPING)
    assert result.format == "csv"
    zoe = people(result.contacts)["Zoë Ackermann"]
    assert (zoe.line, zoe.email, zoe.organization, zoe.title) == (
        2,
        "zoe.ackermann@example.com",
        "Büro Nord GmbH",
        "Product Owner",
    )
    assert zoe.location == "Hamburg, Germany"
    assert zoe.notes == "Met at “Product Camp”\nSend deck – €0 budget"
    assert zoe.tags == ["mentor", "hiring"]
    paulo = people(result.contacts)["Paulo Souza"]
    assert (paulo.email, paulo.other_emails) == ("paulo.souza@example.org", ["p.souza@example.com"])
    assert [(s.line, s.reason) for s in result.skipped] == [(4, "no name")]


def test_tab_separated_csv_with_first_and_last_name_columns():
    data = "Vorname\tNachname\tEmail\tConnected\nLena\tVogel\tLENA@example.com \t3/5/2024\n"
    result = parse(
        data.encode(), "csv", suggest_mapping(["Vorname", "Nachname", "Email", "Connected"])
    )
    [lena] = result.contacts
    assert (lena.first_name, lena.last_name, lena.email) == ("Lena", "Vogel", "lena@example.com")
    assert lena.connected_on == datetime.date(2024, 3, 5)


def test_email_cells_with_display_names_and_several_addresses_are_cleaned():
    data = b'Name,Email\nJane Doe,"Jane Doe <Jane.Doe@Example.com>; mailto:JD@example.org, n/a"\n'
    [jane] = parse(data, "csv", {"Name": "full_name", "Email": "email"}).contacts
    assert (jane.email, jane.other_emails) == ("jane.doe@example.com", ["jd@example.org"])


@pytest.mark.parametrize(
    ("full_name", "first", "last"),
    [
        ("Mary Ann  Smith", "Mary Ann", "Smith"),
        ("Cher", "Cher", ""),
        ("Doe, Jane", "Jane", "Doe"),
        ("Jane Doe, PhD", "Jane", "Doe"),
    ],
)
def test_full_name_is_split_last_word_last_name(full_name, first, last):
    data = f'Name,Email\n"{full_name}",x@example.com\n'.encode()
    [contact] = parse(data, "csv", {"Name": "full_name"}).contacts
    assert (contact.first_name, contact.last_name) == (first, last)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05 Mar 2024", datetime.date(2024, 3, 5)),
        ("2024-03-05", datetime.date(2024, 3, 5)),
        ("3/5/2024", datetime.date(2024, 3, 5)),
        ("25/12/2023", datetime.date(2023, 12, 25)),
        ("05.03.2024", datetime.date(2024, 3, 5)),
        ("Mar 5, 2024", datetime.date(2024, 3, 5)),
        ("0/0/00", None),
        ("last spring", None),
    ],
)
def test_generic_connected_on_date_forms(value, expected):
    data = f'Name,Met\nJane Doe,"{value}"\n'.encode()
    [contact] = parse(data, "csv", {"Name": "full_name", "Met": "connected_on"}).contacts
    assert contact.connected_on == expected


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Nope": "full_name"}, "no column named 'Nope'"),
        ({"Name": "birthday"}, "'birthday' is not a contact field"),
        ({"Email": "email"}, "needs a name"),
        ({}, "column mapping"),
    ],
)
def test_bad_mapping_is_explained(mapping, message):
    with pytest.raises(ContactFileError, match=message):
        parse(b"Name,Email\nJane Doe,jane@example.com\n", "csv", mapping)


def test_mapping_ignores_blank_targets_and_matches_columns_case_insensitively():
    data = b"Name,Email,Junk\nJane Doe,jane@example.com,zzz\n"
    [jane] = parse(data, "csv", {"name": "full_name", "EMAIL": "email", "Junk": ""}).contacts
    assert (jane.first_name, jane.email, jane.notes) == ("Jane", "jane@example.com", "")


# --- detection, preview, suggestions -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("linkedin_connections.csv", "linkedin"),
        ("linkedin_no_preamble.csv", "linkedin"),
        ("google_contacts.csv", "google"),
        ("google_legacy_utf16.csv", "google"),
        ("outlook_desktop.csv", "outlook"),
        ("outlook_com.csv", "outlook"),
        ("apple_contacts.vcf", "vcard"),
        ("contacts_v4.vcf", "vcard"),
        ("generic_semicolon.csv", "csv"),
    ],
)
def test_detect_format(name, expected):
    assert detect_format(decode(sample(name))) == expected


def test_forced_format_that_does_not_match_is_explained():
    with pytest.raises(ContactFileError, match="does not look like a LinkedIn Connections.csv"):
        parse(sample("google_contacts.csv"), "linkedin")
    with pytest.raises(ContactFileError, match="not a vCard file"):
        parse(sample("google_contacts.csv"), "vcard")
    with pytest.raises(ContactFileError, match="Unknown contact file format"):
        parse(sample("google_contacts.csv"), "excel")


def test_csv_preview_finds_header_after_preamble():
    columns, rows = csv_preview(sample("linkedin_connections.csv"), rows=2)
    assert columns == LINKEDIN_HEADER.split(",")
    assert [row[0] for row in rows] == ["Priya", "Jürgen"]


def test_csv_preview_names_blank_and_repeated_columns_and_pads_rows():
    columns, rows = csv_preview(b"Name,,Email,email\nJane Doe\n\nJohn Roe,x\n", rows=5)
    assert columns == ["Name", "Column 2", "Email", "email (column 4)"]
    assert rows == [["Jane Doe", "", "", ""], ["John Roe", "x", "", ""]]


def test_csv_preview_refuses_vcard():
    with pytest.raises(ContactFileError, match="vCard"):
        csv_preview(sample("contacts_v4.vcf"))


def test_suggest_mapping_for_obvious_headers():
    columns = [
        "E-mail",
        "Email Address",
        "Company",
        "Job Title",
        "Name",
        "Mobile",
        "Shoe size",
        "City",
        "Country",
        "LinkedIn",
        "Tags",
        "Connected On",
        "Surname",
        "First",
    ]
    assert suggest_mapping(columns) == {
        "E-mail": "email",
        "Email Address": "email",
        "Company": "organization",
        "Job Title": "title",
        "Name": "full_name",
        "Mobile": "phone",
        "City": "location",
        "Country": "location",
        "LinkedIn": "linkedin_url",
        "Tags": "tags",
        "Connected On": "connected_on",
        "Surname": "last_name",
        "First": "first_name",
    }


def test_suggest_mapping_uses_single_targets_once_but_keeps_every_number():
    assert suggest_mapping(["Company", "Organization", "Phone", "Mobile"]) == {
        "Company": "organization",
        "Phone": "phone",
        "Mobile": "phone",
    }


def test_public_constants():
    assert FORMATS == (
        "auto",
        "coffeechat",
        "linkedin",
        "google",
        "outlook",
        "thunderbird",
        "vcard",
        "csv",
    )
    assert set(MAPPABLE_FIELDS) == {
        "first_name",
        "last_name",
        "full_name",
        "email",
        "phone",
        "organization",
        "department",
        "title",
        "linkedin_url",
        "location",
        "notes",
        "tags",
        "connected_on",
    }
    assert issubclass(ContactFileError, ValueError)
