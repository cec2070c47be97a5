"""Contact files as other clients write them: vCard 2.1 to 4.0 from phones and desktop
address books (unreadable cards, odd line ends, unused properties, unescaped commas,
quoted-printable without a character set, mixed encodings), LinkedIn's older export,
Thunderbird's CSV, and which phone is kept."""

from __future__ import annotations

import datetime

import pytest

from coffeechat.lib.addresses import Address
from coffeechat.lib.contact_files import parse


@pytest.mark.parametrize(
    ("bad_card", "line", "reason"),
    [
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:folded\r\n  on\r\n"
            b"this is garbage\r\nEND:VCARD\r\n",
            9,
            "unreadable card: this line is not a readable vCard line: 'this is garbage'",
        ),
        (
            b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\n"
            b"NOTE;CHARSET=x-unknown;ENCODING=QUOTED-PRINTABLE:=E9\r\nEND:VCARD\r\n",
            5,
            "unreadable card: the card that begins on line 5 cannot be read",
        ),
    ],
    ids=["garbage-line", "charset"],
)
def test_one_unreadable_card_is_skipped_and_the_others_import(bad_card, line, reason):
    good = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lee\r\nEND:VCARD\r\n"
    after = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Kim\r\nEND:VCARD\r\n"
    result = parse(good + bad_card + after)
    assert [(c.first_name, c.last_name) for c in result.contacts] == [("Ana", "Lee"), ("Bo", "Kim")]
    (skipped,) = result.skipped
    assert skipped.line == line
    assert skipped.reason.startswith(reason)


def test_iphone_cr_cr_lf_line_ends_are_one_line_break():
    data = (
        b"BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nN:Lee;Ana;;;\r\r\nFN:Ana Lee\r\r\n"
        b"NOTE:first line\\nsecond line\r\r\nEND:VCARD\r\r\n"
        b"BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Bo Kim\r\r\nTITLE:Analyst\r\r\n"
        b"END:VCARD\r\r\n"
    )
    result = parse(data)
    assert [c.line for c in result.contacts] == [1, 7]
    assert result.contacts[0].notes == "first line\nsecond line"
    assert result.contacts[1].title == "Analyst"


def test_properties_coffeechat_does_not_use_are_ignored_not_fatal():
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nPROFILE:VCard\nN:Ito;Gina;;;\nFN:Gina Ito\n"
        b"X-GOOGLE TALK:gina@example.com\nX-WEIRD;;;:x\nEMAIL:gina@example.com\n"
        b"TITLE:Planner\nEND:VCARD\n"
    )
    (contact,) = parse(data).contacts
    assert (contact.first_name, contact.email, contact.title) == (
        "Gina",
        "gina@example.com",
        "Planner",
    )


def test_an_unused_quoted_printable_property_is_dropped_with_its_soft_breaks():
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ito;Gina\r\n"
        b'X-MS-OL-DESIGN;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:<card xmlns=3D"x">=\r\n'
        b"<body>=\r\n</card>\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:Met at the=0D=0Afair\r\n"
        b"END:VCARD\r\n"
    )
    (contact,) = parse(data).contacts
    assert contact.first_name == "Gina"
    assert "Met at the" in contact.notes and "fair" in contact.notes


def test_vcard_text_keeps_its_commas_whole_in_2_1_and_3_0():
    """vCard 2.1 leaves commas unescaped (Outlook's notes, titles and names): kept whole."""
    note = ", ".join(f"point {n} about the data team, and what they use" for n in range(15))
    for version in (b"2.1", b"3.0"):
        data = (
            b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\nN:Doe;Jane\r\n"
            b"FN:Jane Doe, PhD\r\nTITLE:Head of Data, Analytics and Research\r\n"
            b"ORG:Acme, Inc.;Data, Platform\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE:" + note[:200].encode() + b"=\r\n"
            + note[200:].encode() + b"\r\nEND:VCARD\r\n"
        )  # fmt: skip
        (contact,) = parse(data).contacts
        assert contact.title == "Head of Data, Analytics and Research"
        assert (contact.organization, contact.department) == ("Acme, Inc.", "Data, Platform")
        assert contact.notes == note and len(contact.notes) > 700


@pytest.mark.parametrize(
    "encoded", [b"Caf=C3=A9 au lait", b"Caf=E9 au lait"], ids=["utf8", "cp1252"]
)
def test_quoted_printable_without_charset_is_read(encoded):
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:" + encoded + b"\r\nEND:VCARD\r\n"
    )
    (contact,) = parse(data).contacts
    assert contact.notes == "Café au lait"


def test_one_card_not_in_utf8_leaves_the_others_right():
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen\r\nEND:VCARD\r\n".encode()
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Bad;B\xe9a\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎\r\nEND:VCARD\r\n".encode()
    )
    names = [(c.first_name, c.last_name) for c in parse(data).contacts]
    assert names == [("Jürgen", "Müller"), ("Béa", "Bad"), ("太郎", "山田")]


def test_the_older_linkedin_export_without_urls_and_with_times():
    data = (
        b'Notes:\r\n"When exporting your connection data, you may notice..."\r\n\r\n'
        b"First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
        b'Ana,Lee,ana@example.com,"Acme, Inc.",Analyst,"1/8/18, 6:14 PM"\r\n'
        b'Bo,Kim,,Beta,Engineer,"12/25/17, 9:02 AM"\r\n'
    )
    result = parse(data)
    assert result.format == "linkedin"
    assert [(c.first_name, c.organization, c.connected_on) for c in result.contacts] == [
        ("Ana", "Acme, Inc.", datetime.date(2018, 1, 8)),
        ("Bo", "Beta", datetime.date(2017, 12, 25)),
    ]


THUNDERBIRD_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,"
)


def test_thunderbird_csv_is_recognised_with_both_addresses_and_no_fax_first():
    rows = [
        "Ana,Lee,Ana Lee,,ana@work.example,ana@home.example,,,,+1 555 0199,+1 555 0198,"
        '+1 555 0100,,,,,,,,,Chicago,IL,,USA,Analyst,Data,"Acme, Inc.",'
        'https://www.linkedin.com/in/ana-lee,,1990,4,12,,,,,"Met at the fair, twice",',
        ",,Bo Kim,,bo@example.com,,,,,+1 555 0111,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    ]
    data = (THUNDERBIRD_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n").encode()
    result = parse(data)
    assert result.format == "thunderbird"
    ana, bo = result.contacts
    assert (ana.email, ana.other_emails) == ("ana@work.example", ["ana@home.example"])
    assert ana.phone == "+1 555 0100"  # the mobile, not the fax or the pager
    assert (ana.organization, ana.title, ana.location) == (
        "Acme, Inc.",
        "Analyst",
        "Chicago, IL, USA",
    )
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-lee"
    assert "Met at the fair, twice" in ana.notes and "12 April 1990" in ana.notes
    assert (bo.first_name, bo.last_name, bo.phone) == ("Bo", "Kim", "")


def test_the_phone_kept_is_one_to_call_not_the_fax_or_the_pager():
    vcards = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ana\r\nTEL;TYPE=WORK,FAX;TYPE=pref:+1 555 0199\r\n"
        b"TEL;TYPE=CELL:+1 555 0100\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kim;Bo\r\nTEL;FAX:+1 555 0188\r\nEND:VCARD\r\n"
    )
    ana, bo = parse(vcards).contacts
    assert ana.phone == "+1 555 0100"
    assert ana.addresses == [Address("phone", "+1 555 0199", "fax")]
    # Only a fax: no main phone, and the fax is kept, labelled.
    assert (bo.phone, bo.addresses) == ("", [Address("phone", "+1 555 0188", "fax")])
    google = (
        b"Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
        b"Phone 2 - Value\r\nAna Lee,Ana,Lee,* Work Fax,+1 555 0199,Mobile,+1 555 0100\r\n"
        b"Bo Kim,Bo,Kim,Pager,+1 555 0177,,\r\n"
    )
    ana, bo = parse(google).contacts
    assert ana.phone == "+1 555 0100" and ana.phone_label == "mobile"
    assert ana.addresses == [Address("phone", "+1 555 0199", "fax")]
    assert (bo.phone, bo.addresses) == ("", [Address("phone", "+1 555 0177", "pager")])
