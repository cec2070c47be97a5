"""Contact files written in the code page of the computer that made them: the encoding is
detected (charset-normalizer among the code pages address books use, the European ones told
apart by which reads the bytes as words), every name comes back as written, and one chosen
by hand is used as chosen."""

from __future__ import annotations

import pytest

from coffeechat.lib.contact_files import ContactFileError, decode, detect_encoding, parse

# A few rows as a person in each place would have them, and the code page Windows uses there.
WRITTEN = {
    "German": ("cp1252", 'Jürgen,Müßig,Bäckerei Größe GmbH,"Trifft sich gern, früh – „gern“"'),
    "French": ("cp1252", "Élodie,Durand,Crédit Agricole,« Rencontrée à Lyon » très sympa"),
    "Spanish": ("cp1252", "José,Muñoz Núñez,Compañía Eléctrica,María Peña la presentó"),
    "Polish": ("cp1250", "Łukasz,Wiśniewski,Żabka Polska,Zofia Kamińska z Łodzi"),
    "Russian": ("cp1251", "Иван,Петров,ООО Ромашка,Мария Смирнова познакомила"),
    "Ukrainian": ("cp1251", "Олена,Шевченко,Київстар,Ігор Коваленко порадив"),
    "Greek": ("cp1253", "Γιώργος,Παπαδόπουλος,Τράπεζα Πειραιώς,Μαρία Νικολάου"),
    # A line or two of Hebrew reads as Cyrillic or Greek just as well; a few rows do not.
    "Hebrew": (
        "cp1255",
        "דוד,כהן,בנק הפועלים,שרה לוי הציגה אותנו בכנס\r\n"
        "מיכל,אברהם,טבע,נפגשנו בקורס בתל אביב\r\nיוסי,מזרחי,אלביט מערכות,חבר של אחי",
    ),
    "Arabic": ("cp1256", "أحمد,الخطيب,أرامكو,فاطمة حسن عرّفتني"),
    "Chinese": ("gb18030", "伟,王,北京科技有限公司,李芳介绍的"),
    "Taiwanese": ("big5", "志明,陳,台灣積體電路,林美玲介紹"),
    "Japanese": ("cp932", "太郎,山田,株式会社サンプル,鈴木花子さんの紹介"),
    "Korean": ("cp949", "민준,김,삼성전자,이서연 소개"),
    "Thai": ("cp874", "สมชาย,ใจดี,ปตท,สมหญิง รักไทย แนะนำ"),
}
HEADER = "First Name,Last Name,Company,Notes"


@pytest.mark.parametrize("language", sorted(WRITTEN))
def test_the_code_page_is_detected_and_every_name_comes_back(language):
    encoding, row = WRITTEN[language]
    text = f"{HEADER}\r\n{row}\r\n"
    data = text.encode(encoding)
    assert detect_encoding(data) == encoding
    assert decode(data) == text
    mapping = {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Company": "organization",
        "Notes": "notes",
    }
    person = parse(data, "csv", mapping).contacts[0]
    first, last, company, notes = row.split("\r\n")[0].split(",", 3)
    notes = notes.strip('"')
    assert (person.first_name, person.last_name, person.organization, person.notes) == (
        first,
        last,
        company,
        notes,
    )


def test_a_few_accented_letters_are_read_as_western_european():
    data = "First Name,Last Name\r\nBéa,Bad\r\n".encode("cp1252")
    assert detect_encoding(data) == "cp1252"
    assert "Béa" in decode(data)


def test_unicode_files_are_unicode_whatever_their_script():
    text = f"{HEADER}\r\nŞükrü,Yılmaz,Koç Holding,İstanbul\r\n"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8"
    assert detect_encoding(text.encode("utf-16")) == "utf-16"


def test_an_encoding_chosen_by_hand_is_used():
    text = f"{HEADER}\r\nŞükrü,Yılmaz,Türk Hava Yolları,Ayşe Çelik\r\n"
    data = text.encode("cp1254")  # Turkish: its letters read as Western ones too
    assert decode(data) != text  # the guess: Western European, "Åžükrü"
    assert decode(data, "cp1254") == text
    (person,) = parse(
        data, "csv", {"First Name": "first_name", "Last Name": "last_name"}, encoding="cp1254"
    ).contacts
    assert (person.first_name, person.last_name) == ("Şükrü", "Yılmaz")


def test_bytes_that_do_not_fit_the_chosen_encoding_name_their_line():
    data = "First Name,Last Name\r\nAna,Lee\r\nИван,Петров\r\n".encode("cp1251")
    with pytest.raises(ContactFileError) as caught:
        decode(data, "utf-8")
    assert caught.value.line == 3
    assert str(caught.value) == (
        "Line 3 cannot be read as Unicode (UTF-8); choose another encoding."
    )


def test_an_unknown_encoding_name_is_refused_in_words():
    with pytest.raises(ContactFileError, match="'klingon' is not an encoding coffeechat knows"):
        decode(b"First Name\r\nAna\r\n", "klingon")
