"""Plain tests of reading localized Outlook contact-export headers as English ones."""

import pytest

from coffeechat.lib.contact_files.outlook_headers import OUTLOOK_HEADERS, english_header

# Header rows in the order Outlook writes them (abridged), one per language.
HEADERS = {
    "de": [
        "Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung",
        "Position", "Straße geschäftlich", "Ort geschäftlich", "Region geschäftlich",
        "Postleitzahl geschäftlich", "Land/Region geschäftlich", "Fax geschäftlich",
        "Telefon geschäftlich", "Telefon (privat)", "Mobiltelefon", "E-Mail-Adresse",
        "E-Mail: Angezeigter Name", "E-Mail 2: Adresse", "Geburtstag", "Kategorien", "Notizen",
        "Webseite",
    ],
    "fr": [
        "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Titre",
        "Rue (bureau)", "Ville (bureau)", "Dép/Région (bureau)", "Code postal (bureau)",
        "Pays/Région (bureau)", "Télécopie (bureau)", "Téléphone (bureau)", "Tél. mobile",
        "Adresse de messagerie", "Adresse de messagerie 2", "Anniversaire", "Catégories",
        "Notes", "Page Web",
    ],
    "es": [
        "Title", "Nombre", "Segundo nombre", "Apellidos", "Suffix", "Organización",
        "Department", "Puesto", "Calle del trabajo", "Ciudad de trabajo",
        "País o región del trabajo", "Business Fax", "Teléfono del trabajo", "Particular",
        "Mobile Phone", "E-mail Address", "Dirección de correo electrónico 2", "Categorías",
        "Notes", "Página web",
    ],
    "pt": [
        "Tratamento", "Primeiro nome", "Segundo nome", "Sobrenome", "Sufixo", "Empresa",
        "Departamento", "Cargo", "Business Street", "Business City", "País/Região da Empresa",
        "Fax comercial", "Telefone comercial", "Telefone residencial", "Telefone celular",
        "E-mail Address", "Endereço de email 2", "Categorias", "Anotações", "Página da Web",
    ],
    "pt-PT": [
        "Título", "Primeiro nome", "Outros nomes/apelidos", "Apelido", "Sufixo", "Empresa",
        "Departamento", "Cargo", "Rua da empresa", "Localidade da empresa",
        "País/Região da Empresa", "Fax da empresa", "Telefone da empresa", "Telemóvel",
        "Endereço de correio electrónico", "Data de nascimento", "Categorias", "Notas",
        "Página na Web",
    ],
    "it": [
        "Titolo", "Nome", "Secondo nome", "Cognome", "Titolo straniero", "Società", "Reparto",
        "Posizione", "Via (uff.)", "Città (uff.)", "Provincia (uff.)", "CAP (uff.)",
        "Paese (uff.)", "Fax (uff.)", "Ufficio", "Abitazione", "Cellulare",
        "Indirizzo posta elettronica", "Compleanno", "Categorie", "Notes", "Pagina Web",
    ],
    "nl": [
        "Titel", "Voornaam", "Middelste naam", "Achternaam", "Achtervoegsel", "Bedrijf",
        "Afdeling", "Functie", "Werkadres, straat", "Werkadres, plaats", "Land/regio (werk)",
        "Fax op werk", "Telefoon op werk", "Telefoon thuis", "Mobiele telefoon", "E-mailadres",
        "E-mailadres 2", "Verjaardag", "Categorieën", "Notities", "Webpagina",
    ],
    "ru": [
        "Обращение", "Имя", "Отчество", "Фамилия", "Суффикс", "Организация", "Отдел",
        "Должность", "Улица (раб. адрес)", "Город (раб. адрес)", "Область (раб. адрес)",
        "Город \u00a0(другой адрес)", "Рабочий факс", "Рабочий телефон", "Домашний телефон",
        "Телефон переносной", "Адрес эл. почты", "Адрес 2 эл. почты", "День рождения",
        "Категории", "Заметки", "Веб-страница",
    ],
    "zh": [
        "英文称谓", "名", "中间名", "姓", "中文称谓", "单位", "部门", "职务", "商务地址 街道",
        "商务地址 市/县", "商务地址 国家/地区", "商务传真", "商务电话", "住宅电话", "移动电话",
        "电子邮件地址", "电子邮件 2 地址", "附注", "生日", "类别", "网页",
    ],
    "zh-TW": [
        "頭銜", "名字", "中間名", "姓氏", "稱謂", "公司", "部門", "職稱", "商務 - 街",
        "商務 - 市/鎮", "商務 - 國家/地區", "商務傳真", "商務電話", "住家電話", "行動電話",
        "電子郵件地址", "電子郵件 2 地址", "記事", "生日", "類別", "網頁",
    ],
    "ja": [
        "肩書き", "名", "ミドル ネーム", "姓", "敬称", "会社名", "部署", "役職", "番地 (会社)",
        "市町村 (会社)", "国 (会社)/地域", "会社 FAX", "会社電話", "自宅電話", "携帯電話",
        "電子メール アドレス", "電子メール 2 アドレス", "メモ", "誕生日", "分類", "Web ページ",
    ],
}  # fmt: skip

EXPECTED = (
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "E-mail Address",
    "Mobile Phone",
    "Business Fax",
    "Notes",
)


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_a_localized_header_reads_as_english(language):
    header, found = english_header(HEADERS[language])
    assert found == language
    assert set(EXPECTED) <= set(header)
    assert len(header) == len(HEADERS[language])


def test_every_language_asked_for_has_a_table():
    assert {"de", "fr", "es", "pt", "it", "nl", "ru", "zh", "ja"} <= set(OUTLOOK_HEADERS)
    assert set(HEADERS) == set(OUTLOOK_HEADERS)


@pytest.mark.parametrize("language", sorted(OUTLOOK_HEADERS))
def test_each_table_names_the_columns_the_importer_reads(language):
    english = set(OUTLOOK_HEADERS[language].values())
    if language == "fr":
        english.add("Title")  # the first of two "Titre" columns
    assert set(EXPECTED) | {"Title", "Middle Name", "Department", "Birthday", "Web Page"} <= english
    assert {"E-mail 2 Address", "E-mail 3 Address", "Home Phone", "Business Phone"} <= english
    assert {"Business City", "Home State", "Other Country/Region", "Categories"} <= english


def test_german_header_maps_column_by_column():
    header, found = english_header(HEADERS["de"][:9] + ["Mobiltelefon", "E-Mail-Adresse"])
    assert found == "de"
    assert header == [
        "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
        "Job Title", "Business Street", "Mobile Phone", "E-mail Address",
    ]  # fmt: skip


def test_french_titre_is_the_honorific_first_and_the_job_title_after():
    header, found = english_header(HEADERS["fr"])
    assert found == "fr"
    assert header[0] == "Title"
    assert header[7] == "Job Title"
    assert header.count("Title") == 1


def test_a_single_french_titre_is_the_job_title():
    header, _ = english_header(["Prénom", "Nom", "Titre", "Adresse de messagerie"])
    assert header == ["First Name", "Last Name", "Job Title", "E-mail Address"]


def test_names_are_compared_without_case_bom_or_surrounding_spaces():
    cells = ["\ufeffVorname", " NACHNAME ", "firma", "E-MAIL-ADRESSE\t"]
    header, found = english_header(cells)
    assert found == "de"
    assert header == ["First Name", "Last Name", "Company", "E-mail Address"]


def test_russian_no_break_space_and_doubled_spaces_match():
    cells = ["Имя", "Фамилия", "Город  (другой адрес)", "Город \u00a0(другой адрес)", "Пейджер"]
    header, found = english_header(cells)
    assert found == "ru"
    assert header == ["First Name", "Last Name", "Other City", "Other City", "Pager"]


def test_unrecognised_cells_are_kept():
    header, found = english_header(["Vorname", "Nachname", "Mobiltelefon", "Lieblingsfarbe"])
    assert found == "de"
    assert header == ["First Name", "Last Name", "Mobile Phone", "Lieblingsfarbe"]


def test_older_german_country_and_region_columns():
    cells = ["Vorname", "Nachname", "E-Mail-Adresse", "Region privat", "Land privat"]
    header, _ = english_header(cells)
    assert header[3:] == ["Home State", "Home Country/Region"]


def test_brazilian_and_european_portuguese_are_told_apart():
    assert english_header(HEADERS["pt"])[1] == "pt"
    assert english_header(HEADERS["pt-PT"])[1] == "pt-PT"
    header, _ = english_header(HEADERS["pt-PT"])
    assert header[3] == "Last Name"  # "Apelido" is the surname in Portugal


def test_simplified_and_traditional_chinese_and_japanese_are_told_apart():
    assert english_header(HEADERS["zh"])[1] == "zh"
    assert english_header(HEADERS["zh-TW"])[1] == "zh-TW"
    assert english_header(HEADERS["ja"])[1] == "ja"


def test_spanish_header_with_english_labels_is_spanish():
    header, found = english_header(["Nombre", "Apellidos", "Mobile Phone", "Notes"])
    assert found == "es"
    assert header == ["First Name", "Last Name", "Mobile Phone", "Notes"]


@pytest.mark.parametrize(
    "cells",
    [
        ["Name", "Email", "Phone"],
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        ["First Name", "Last Name", "Company", "Job Title", "E-mail Address", "Mobile Phone"],
        ["Vorname", "Nachname", "E-Mail", "Telefon"],  # a German list, not an Outlook export
        ["Nom", "Prénom", "Société"],  # names but no e-mail or phone column
        ["E-Mail-Adresse", "Mobiltelefon", "Firma"],  # e-mail and phone but no name
        ["Nombre", "Adresse de messagerie", "Tél. mobile"],  # name and e-mail of two languages
        [],
    ],
)
def test_other_headers_are_not_localized_outlook(cells):
    assert english_header(cells) == (cells, "")
