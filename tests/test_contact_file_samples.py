"""What a person importing a real client's contact file must get back: every address with its
label, whole notes, the line of a card that could not be read, the organizations of company
cards and names written family name first. One test per sample file in
tests/samples/contact_files (see its README.md); every person in those files is made up."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from coffeechat.lib.addresses import Address
from coffeechat.lib.contact_files import ContactFileError, ParsedContact, ParseResult, parse

SAMPLES = Path(__file__).parent / "samples" / "contact_files"


def _parse(name: str) -> ParseResult:
    return parse((SAMPLES / name).read_bytes())


def _names(result: ParseResult) -> list[tuple[str, str]]:
    return [(c.first_name, c.last_name) for c in result.contacts]


def _one(result: ParseResult, first_name: str) -> ParsedContact:
    (contact,) = [c for c in result.contacts if c.first_name == first_name]
    return contact


def _others(contact: ParsedContact) -> set[Address]:
    """The contact's other addresses, as a set: what matters is that each one is there."""
    assert len(contact.addresses) == len(set(contact.addresses)), contact.addresses
    return set(contact.addresses)


def _main(contact: ParsedContact) -> tuple[str, str, str, str]:
    return (contact.email, contact.email_label, contact.phone, contact.phone_label)


def email(value: str, label: str = "") -> Address:
    return Address("email", value, label)


def phone(value: str, label: str = "") -> Address:
    return Address("phone", value, label)


def link(value: str, label: str = "") -> Address:
    return Address("link", value, label)


def test_thunderbird_vcard_keeps_five_addresses_and_every_number_with_labels():
    """Thunderbird's vCard 4.0: PREF=1 leads, the other four emails and numbers keep labels."""
    (ines,) = _parse("thunderbird_five_addresses.vcf").contacts
    assert (ines.first_name, ines.last_name) == ("Inès", "Belkacem")
    # The preferred address leads, lower-cased; the fax and pager come first in the file
    # but the number to call is the work one.
    assert _main(ines) == ("ines.b@example.org", "home", "+33 1 55 55 01 10", "work")
    assert _others(ines) == {
        email("i.belkacem@example.net", "work"),
        email("ines.belkacem@example.com", "work"),
        email("ines.famille@example.org", "home"),
        email("ines.old@example.com"),
        phone("+33 6 55 55 01 11", "mobile"),
        phone("+33 4 55 55 01 12", "home"),
        phone("+33 1 55 55 01 99", "fax"),
        phone("+33 1 55 55 01 98", "pager"),
        link("https://studio-belkacem.example.com/", "work"),
    }
    assert ines.other_emails[0] == "i.belkacem@example.net"  # PREF=2 before the rest
    assert ines.linkedin_url == "https://www.linkedin.com/in/ines-belkacem-example"
    assert (ines.organization, ines.department) == ("Atelier Lumière", "Design produit")
    assert ines.title == "Responsable design, produits connectés"
    assert ines.notes == (
        'Rencontrée au salon "Design & Data", Lyon.\n'
        "Intro possible vers l'équipe R&D; relancer en mars."
    )


def test_android_card_that_cannot_be_read_is_skipped_with_its_line_and_the_rest_import():
    """Android 2.1: the card whose bytes cannot be read is skipped by its line; the rest import."""
    result = _parse("android_one_bad_card.vcf")
    assert _names(result) == [("Mirela", "Popescu"), ("Wanjiru", "Otieno"), ("Lucía", "Fernández")]
    assert [c.line for c in result.contacts] == [1, 18, 36]
    (skipped,) = result.skipped
    assert skipped.line == 28
    assert skipped.reason.startswith("unreadable card")
    mirela, wanjiru, lucia = result.contacts
    assert _main(mirela) == ("mirela.popescu@example.com", "home", "+40 755 550 101", "mobile")
    assert wanjiru.title == "Product Lead, Payments"
    assert (lucia.first_name, lucia.organization) == ("Lucía", "Naviera del Turia")


def test_android_quoted_printable_notes_keep_the_commas_android_encodes_as_2c():
    """Android encodes every byte as =XX (a comma is =2C) with soft breaks: notes stay whole."""
    mirela, _wanjiru, lucia = _parse("android_one_bad_card.vcf").contacts
    assert mirela.title == "Analistă de date, plăți"
    assert mirela.notes == (
        "Cunoscută la meetup-ul de date din Cluj, oct. 2023.\n"
        "Lucrează cu echipa de plăți; a promis o introducere la Ștefan, dacă îi trimit CV-ul."
    )
    assert lucia.title == "Jefa de operaciones, Valencia"
    assert lucia.notes == (
        "Compañera de máster en Valencia, ahora en logística.\n"
        "Prefiere WhatsApp, nunca llamadas antes de las 10."
    )


def test_iphone_export_with_cr_cr_lf_line_ends_counts_lines_as_an_editor_does():
    """iPhone CR CR LF: one line break each, so a card past line 50 keeps its true line."""
    result = _parse("iphone_cr_cr_lf.vcf")
    assert _names(result) == [
        ("Kwabena", "Asante"),
        ("Hana", "Kobayashi"),
        ("Mateo", "Rossi"),
        ("Eitan", "Levi"),
        ("Fatima Zahra", "El Idrissi"),
    ]
    assert [c.line for c in result.contacts] == [1, 20, 35, 49, 56]
    assert not result.skipped
    kwabena, hana, _mateo, _eitan, fatima = result.contacts
    assert _main(kwabena) == (
        "kwabena.asante@example.com",
        "work",
        "+233 24 555 0120",
        "mobile",
    )
    assert _others(kwabena) == {
        email("kwabena@example.org", "home"),
        phone("+233 30 555 0121", "work"),
        phone("+233 30 555 0122", "other"),
    }
    assert kwabena.linkedin_url == "https://www.linkedin.com/in/kwabena-asante-example"
    assert kwabena.notes == (
        "Met at the Accra energy forum.\n"
        "Asked about the grid analytics team, wants a coffee in May."
    )
    assert _main(hana) == ("hana.kobayashi@example.com", "work", "+81 90 5555 0130", "mobile")
    (papers,) = [a for a in hana.addresses if a.kind == "link"]
    assert papers.value == "https://hana.example.net/papers"
    assert phone("+81 3 5555 0131", "fax") in hana.addresses
    assert _main(fatima) == ("fz.elidrissi@example.com", "work", "+212 6 55 55 01 50", "mobile")
    assert _others(fatima) == {email("fatimazahra@example.net", "other")}
    assert (fatima.organization, fatima.department) == ("Atlas Health Data", "Clinical AI")
    assert fatima.notes == ("Spoke on privacy at the Rabat summit, open to an informational chat.")


@pytest.mark.parametrize(
    ("sample", "first", "main", "others", "notes"),
    [
        (
            "lotus_notes.vcf",
            "Brigitte",
            ("brigitte.lefevre@example.com", "work", "+33 3 55 55 02 10", "work"),
            {
                email("b.lefevre@example.org", "home"),
                phone("+33 6 55 55 02 11", "mobile"),
                phone("+33 3 55 55 02 19", "fax"),
                link("https://verdier.example.com", "work"),
            },
            "Ancienne collègue de Pierre. Connaît bien le processus d'achat.",
        ),
        (
            "highrise.vcf",
            "Rahul",
            ("rahul.menon@example.com", "work", "+91 484 555 0160", "work"),
            {
                email("rahul.m@example.net", "home"),
                phone("+91 98 5555 0161", "mobile"),
                link("https://backwater.example.com", "work"),
            },
            'From the Highrise deal "Kochi pilot", keen to hire analysts.',
        ),
    ],
    ids=["lotus-notes-profile-source-name", "highrise-x-google-talk"],
)
def test_client_specific_properties_do_not_stop_a_card_from_importing(
    sample, first, main, others, notes
):
    """Lotus Notes' PROFILE/SOURCE/NAME and Highrise's "X-GOOGLE TALK" leave the card whole."""
    result = _parse(sample)
    assert not result.skipped
    (contact,) = result.contacts
    assert contact.first_name == first
    assert _main(contact) == main
    assert _others(contact) == others
    assert contact.notes == notes


def test_lotus_notes_organization_and_title_survive():
    """Lotus Notes' card keeps organization, department and job title."""
    (brigitte,) = _parse("lotus_notes.vcf").contacts
    assert (brigitte.last_name, brigitte.organization, brigitte.department, brigitte.title) == (
        "Lefèvre",
        "Ateliers Verdier SA",
        "Achats",
        "Acheteuse senior",
    )


def test_the_bat_quoted_printable_without_charset_in_utf8_and_in_windows_1252():
    """The Bat! 2.1 QP with no CHARSET: one card in UTF-8 bytes, one in Windows-1252 bytes."""
    result = _parse("the_bat_qp_no_charset.vcf")
    assert _names(result) == [("Zoë", "Achterberg"), ("José", "Núñez")]
    zoe, jose = result.contacts
    assert (zoe.email, zoe.organization) == ("zoe.achterberg@example.com", "Coöperatie De Ster")
    assert zoe.notes == (
        "Zoë kent iedereen bij de coöperatie; vraag naar de ‘data-guild’ en de contactpersoon "
        "in Gent."
    )
    assert (jose.email, jose.organization) == ("jose.nunez@example.org", "Bodegas Peñalba")
    assert jose.notes == (
        "Señor Núñez, de la cooperativa; café en Logroño el jueves, con Begoña y el equipo "
        "de diseño."
    )


OUTLOOK_LONG_NOTE = (
    'Met Adaeze at the "Future of Research" breakfast, London, 12 March, with Tom, Priya, and '
    "two people from the Lagos office.\n"
    "She leads client insights for EMEA, runs the mentoring circle, and is hiring: one senior "
    "analyst, one researcher, depending on budget, headcount, and the Q3 review.\n"
    "Follow up: send portfolio, two case studies (pricing, churn), and a short note on the "
    "survey redesign, then ask about coffee in April, May, or early June, whichever suits her.\n"
    "Topics she cares about: mixed methods, ethics, small samples, storytelling with data, "
    "accessibility, and 'plain English' reports, not decks; avoid jargon, acronyms, and long "
    "intros.\n"
    "Also knows Chidi, Dana, and Wei from the Contoso days, and offered to introduce me."
)


def test_outlook_vcard_long_quoted_printable_note_with_bare_commas_survives_whole():
    """Outlook 2.1: a 729-character QP note full of bare commas comes back exactly."""
    (adaeze,) = _parse("outlook_long_note.vcf").contacts
    assert len(OUTLOOK_LONG_NOTE) == 729
    assert len(adaeze.notes) == 729
    assert adaeze.notes == OUTLOOK_LONG_NOTE
    assert adaeze.title == "Director, Client Insights, EMEA"
    assert (adaeze.organization, adaeze.department) == (
        "Harbor, Lane & Finch LLP",
        "Research, Strategy & Insights",
    )
    assert _main(adaeze) == ("adaeze.okafor@example.com", "", "+44 20 5555 0190", "work")
    assert _others(adaeze) == {
        phone("+44 7700 555019", "mobile"),
        phone("+44 20 5555 0199", "fax"),
        link("https://www.example.com/people/adaeze-okafor", "work"),
    }


def test_evolution_card_folded_at_75_characters_inside_an_address():
    """Evolution 3.0 folds at 75 characters wherever that falls: an address split in two."""
    (bjorn,) = _parse("evolution.vcf").contacts
    assert (bjorn.first_name, bjorn.last_name) == ("Bjørn", "Halvorsen")
    assert _main(bjorn) == (
        "bjorn.halvorsen.route-planning@nordkyst-logistikk.example.com",
        "work",
        "+47 555 01 170",
        "mobile",
    )
    assert _others(bjorn) == {
        email("bjorn@example.org", "home"),
        phone("+47 555 01 171", "work"),
        phone("+47 555 01 179", "fax"),
    }
    assert (bjorn.organization, bjorn.department, bjorn.title) == (
        "Nordkyst Logistikk AS",
        "Ruteplanlegging",
        "Senior Route Planner",
    )
    assert bjorn.linkedin_url == "https://www.linkedin.com/in/bjorn-halvorsen-example"
    assert bjorn.tags == ["Logistics", "Norway"]


def test_evolution_note_folded_between_a_backslash_and_its_comma_survives_whole():
    """Evolution's fold can split the escape "\\," across two lines: the note stays whole."""
    (bjorn,) = _parse("evolution.vcf").contacts
    assert (
        "Bjørn ran the fjord logistics pilot, then moved to the Bergen office, ask him about "
        "route planning, the ferry data, and the open roles in Oslo; he answers email faster "
        "than calls."
    ) in bjorn.notes


def test_blackberry_bare_types_and_the_fax_and_pager_listed_first():
    """BlackBerry 2.1: bare TEL;FAX/PAGER/WORK/CELL types; the work number is the one to call."""
    (thandiwe,) = _parse("blackberry.vcf").contacts
    assert _main(thandiwe) == ("thandiwe.mokoena@example.com", "", "+27 11 555 0140", "work")
    assert _others(thandiwe) == {
        email("thandi.m@example.net"),
        phone("+27 82 555 0141", "mobile"),
        phone("+27 11 555 0142", "fax"),
        phone("+27 11 555 0143", "pager"),
    }
    assert thandiwe.location == "Johannesburg, Gauteng, South Africa"
    assert thandiwe.notes == "Knows everyone in cross-border freight."


def test_gmail_vcard_item_groups_and_custom_labels():
    """Gmail 3.0: item1.EMAIL with a custom X-ABLabel, "home fax", escaped ':' in URLs."""
    (camila,) = _parse("gmail.vcf").contacts
    assert _main(camila) == ("camila.duarte@example.com", "work", "+55 11 95555 0180", "mobile")
    assert {(a.kind, a.value) for a in camila.addresses} == {
        ("email", "camila@example.org"),
        ("email", "cduarte.research@example.net"),
        ("phone", "+55 11 5555 0181"),
        ("phone", "+55 11 5555 0189"),
        ("link", "https://camila.example.org"),
    }
    labels = {a.value: a.label for a in camila.addresses}
    assert labels["camila@example.org"] == "home"
    assert labels["+55 11 5555 0189"] == "fax"
    # Gmail's own labels ("Research lab", "Grand Central", "BLOG") name no kind we know.
    for custom in (
        "cduarte.research@example.net",
        "+55 11 5555 0181",
        "https://camila.example.org",
    ):
        assert labels[custom] in ("", "other")
    assert camila.linkedin_url == "https://www.linkedin.com/in/camila-duarte-example"
    assert camila.notes == "Met at UXBR, São Paulo.\nAsked about research ops roles."
    assert camila.tags == ["Researchers"]


def test_macos_company_cards_become_organizations_not_people():
    """macOS X-ABShowAs:COMPANY cards are organizations; the person keeps hers."""
    result = _parse("macos_company_card.vcf")
    assert result.organizations == ["Fjordline Analytics AS", "Harbourside Robotics"]
    (leilani,) = result.contacts
    assert (leilani.first_name, leilani.last_name, leilani.line) == ("Leilani", "Kahale", 13)
    assert (leilani.organization, leilani.department, leilani.title) == (
        "Fjordline Analytics AS",
        "Customer Success",
        "Customer Success Manager",
    )
    assert not result.skipped


def test_names_written_family_name_first_keep_the_card_display_name():
    """N:山田;太郎 with FN:山田 太郎: family and given names split, the FN kept as written."""
    taro, xiaoming, minjun = _parse("japanese_fn.vcf").contacts
    assert (taro.last_name, taro.first_name, taro.display_name) == ("山田", "太郎", "山田 太郎")
    assert (taro.organization, taro.department, taro.title) == (
        "株式会社サンプル商事",
        "海外営業部",
        "課長",
    )
    assert (xiaoming.last_name, xiaoming.first_name, xiaoming.display_name) == (
        "王",
        "小明",
        "王小明",
    )
    assert (minjun.last_name, minjun.first_name, minjun.display_name) == ("김", "민준", "김민준")


def test_google_csv_joined_values_primary_markers_and_fax_or_pager_never_lead():
    """Google CSV: ' ::: ' values share their label; a '* ' fax or pager never becomes the phone."""
    result = _parse("google_multi.csv")
    assert result.format == "google"
    assert _names(result) == [("Nadia", "Rahman"), ("Tariq", "Al-Sayed"), ("Mei Lin", "Tan")]
    assert [c.line for c in result.contacts] == [2, 6, 7]  # Nadia's cells span four lines
    nadia, tariq, mei = result.contacts
    assert _main(nadia) == ("nadia.rahman@example.com", "work", "+880 17 5555 0302", "mobile")
    assert _others(nadia) == {
        email("n.rahman@example.org", "work"),
        email("nadia.home@example.net", "home"),
        phone("+880 2 5555 0301", "fax"),
        phone("+880 2 5555 0303", "pager"),
        link("https://nadia.example.net"),
    }
    assert nadia.linkedin_url == "https://www.linkedin.com/in/nadia-rahman-example"
    assert nadia.notes == (
        'Met at the Dhaka trade fair, 2023.\nHappy to talk about sourcing roles, says "call '
        'after 4pm".'
    )
    assert "Mentors" in nadia.tags
    assert (nadia.organization, nadia.department, nadia.title) == (
        "Bengal Textiles Cooperative",
        "Supply Chain",
        "Sourcing Manager",
    )
    # The "* " marker on the second e-mail makes it the main one; the marked pager does not.
    assert _main(tariq) == ("tariq.alsayed@example.com", "work", "+971 4 555 0312", "work")
    assert _others(tariq) == {
        email("tariq.alsayed@example.org", "other"),
        email("tariq@example.net", "home"),
        phone("+971 4 555 0313", "work"),
        phone("+971 4 555 0311", "pager"),
    }
    assert _main(mei) == ("meilin.tan@example.org", "home", "+65 8555 0322", "mobile")
    assert _others(mei) == {
        email("meilin@straits.example.com", "work"),
        phone("+65 5555 0321", "fax"),
        link("https://straits.example.com/team/meilin", "work"),
    }


def test_older_linkedin_export_with_times_in_connected_on():
    """LinkedIn before 2019: no URL column, "1/8/18, 6:14 PM" dates, a member who left."""
    result = _parse("linkedin_older.csv")
    assert result.format == "linkedin"
    assert _names(result) == [("Olga", "Ivanova"), ("Kenji", "Watanabe"), ("Ama", "Owusu")]
    assert [c.connected_on for c in result.contacts] == [
        datetime.date(2018, 1, 8),
        datetime.date(2017, 12, 24),
        datetime.date(2018, 10, 31),
    ]
    olga, kenji, ama = result.contacts
    assert (olga.email, olga.organization, olga.title) == (
        "olga.ivanova@example.com",
        "Volga Data, LLC",
        "Head of Analytics",
    )
    assert (kenji.email, kenji.title) == ("", "Engineer, Motion Control")
    assert ama.email == "ama.owusu@example.org"
    (left,) = result.skipped
    assert left.line == 4
    assert left.reason == "no name: a member who left LinkedIn"


def test_thunderbird_csv_keeps_every_number_with_the_label_its_column_names():
    """Thunderbird CSV: mobile leads; work, home, fax and pager numbers are kept, labelled."""
    result = _parse("thunderbird.csv")
    assert result.format == "thunderbird"
    assert _names(result) == [("Kofi", "Boateng"), ("Élodie", "Marchand"), ("Priya", "Natarajan")]
    assert [c.line for c in result.contacts] == [2, 4, 5]
    kofi, elodie, priya = result.contacts
    assert (kofi.email, kofi.phone, kofi.phone_label) == (
        "kofi.boateng@example.com",
        "+233 24 555 0403",
        "mobile",
    )
    assert {(a.kind, a.value, a.label) for a in kofi.addresses if a.kind != "link"} == {
        ("email", "kofi@example.net", ""),
        ("phone", "+233 30 555 0401", "work"),
        ("phone", "+233 30 555 0402", "home"),
        ("phone", "+233 30 555 0409", "fax"),
        ("phone", "+233 30 555 0408", "pager"),
    }
    (site,) = [a for a in kofi.addresses if a.kind == "link"]
    assert site.value == "https://ashanti-cocoa.example.com"
    assert kofi.linkedin_url == "https://www.linkedin.com/in/kofi-boateng-example"
    assert kofi.location == "Kumasi, Ghana"
    assert kofi.notes == (
        "Met at the Kumasi supplier day.\nWants to hear about process engineering, quality, "
        "and safety roles."
    )
    assert (elodie.phone, elodie.phone_label) == ("+32 2 555 04 10", "work")
    assert _others(elodie) == {phone("+32 2 555 04 19", "fax")}
    # Only a display name and only a pager: the name is split, the pager kept but not called.
    assert (priya.email, priya.phone, priya.organization) == (
        "priya.n@example.com",
        "",
        "Chennai Health Labs",
    )
    assert _others(priya) == {phone("+91 44 5555 0420", "pager")}


# Localized Outlook exports: (first, last, email, mobile, business fax, company, job title,
# notes) of each person, in file order.
LOCALIZED_OUTLOOK = {
    "outlook_de.csv": [
        (
            "Jürgen",
            "Weiß",
            "juergen.weiss@example.com",
            "+49 151 5555 0110",
            "+49 89 5555 0119",
            "Müller & Söhne GmbH",
            "Leiter Einkauf, Region Süd",
            'Kennengelernt auf der "Data Days", Berlin.\n'
            "Sucht Leute für Analytics, Controlling und Einkauf; meldet sich im Mai.",
        ),
        (
            "Özlem",
            "Demir",
            "oezlem.demir@example.org",
            "+49 160 5555 0120",
            "+49 221 5555 0129",
            "Rheinbrücke Logistik AG",
            "Teamleiterin Datenqualität",
            'Alumni-Treffen Köln, "Woche der Daten".\nMag kurze Mails, keine Anrufe vor 9 Uhr.',
        ),
    ],
    "outlook_fr.csv": [
        (
            "Hélène",
            "Garnier-Dubœuf",
            "helene.garnier@example.com",
            "+33 6 55 55 05 10",
            "+33 2 55 55 05 19",
            "Cœur de Loire SARL",
            "Responsable des achats, pôle Ouest",
            "Rencontrée au forum « Data & Territoires », Nantes.\n"
            'Conseille de lire "Le guide des achats", puis de la relancer en juin.',
        ),
        (
            "Moussa",
            "Traoré",
            "moussa.traore@example.org",
            "+33 7 55 55 05 20",
            "+33 4 55 55 05 29",
            "Énergies du Sahel",
            "Ingénieur études",
            "Ancien collègue d'Awa, très disponible.\n"
            "Parle de la transition, du solaire, et des postes à Dakar.",
        ),
    ],
    "outlook_es.csv": [
        (
            "Begoña",
            "Ibáñez Ortiz",
            "begona.ibanez@example.com",
            "+34 655 555 010",
            "+34 941 555 019",
            "Viñedos del Ebro, S.L.",
            "Directora comercial, mercados nórdicos",
            'Conocida en la feria "Vinos y Datos", Madrid.\n'
            "Busca analistas, traductores y un jefe de producto; escribir en septiembre.",
        ),
        (
            "Joaquín",
            "Peña",
            "joaquin.pena@example.org",
            "+34 677 555 020",
            "+34 957 555 029",
            "Cañada Solar",
            "Ingeniero de campo",
            "Amigo de Begoña.\nPrefiere correo, nunca llamadas en agosto.",
        ),
    ],
    "outlook_pt.csv": [
        (
            "João",
            "Gonçalves",
            "joao.goncalves@example.com",
            "+55 11 95555 0610",
            "+55 11 5555 0619",
            "Café Serra Azul Ltda.",
            "Gerente de exportação, Europa",
            'Conheci na feira "Café & Dados", Santos.\n'
            "Procura analistas, compradores e um gerente de produto; falar em março.",
        ),
        (
            "Conceição",
            "Araújo",
            "conceicao.araujo@example.org",
            "+351 91 555 0620",
            "+351 21 555 0629",
            "Pêssego Digital",
            "Designer sênior",
            "Indicada pelo João.\nResponde rápido, prefere e-mail.",
        ),
    ],
    "outlook_it.csv": [
        (
            "Niccolò",
            "Esposito",
            "niccolo.esposito@example.com",
            "+39 333 555 0710",
            "+39 081 555 0719",
            "Oleificio Vesuvio S.r.l.",
            "Responsabile qualità, linea bio",
            'Conosciuto al convegno "Dati in cucina", Bologna.\n'
            "Cerca analisti, tecnologi e un buyer; risentirsi a ottobre.",
        ),
        (
            "Lucrezia",
            "Parè",
            "lucrezia.pare@example.org",
            "+39 347 555 0720",
            "+39 02 555 0729",
            "Città Futura",
            "Urbanista",
            "Amica di Niccolò.\nMeglio scrivere che telefonare, già d'accordo.",
        ),
    ],
    "outlook_nl.csv": [
        (
            "Sjoerd",
            "van der Meulen",
            "sjoerd.vandermeulen@example.com",
            "+31 6 5555 0810",
            "+31 58 555 0819",
            "Polder Data B.V.",
            "Teamleider, sensornetwerken",
            'Ontmoet op "Dag van de Data", Utrecht.\n'
            "Zoekt analisten, een PM en stagiairs; mailen na de zomer.",
        ),
        (
            "Noëlle",
            "Jansen",
            "noelle.jansen@example.org",
            "+31 6 5555 0820",
            "+31 30 555 0829",
            "Café Hoogland",
            "Eigenaar",
            "Via Sjoerd.\nKoffie bij haar café, liefst op dinsdag.",
        ),
    ],
    "outlook_ru.csv": [
        (
            "Светлана",
            "Кузнецова",
            "svetlana.kuznetsova@example.com",
            "+7 921 555-09-10",
            "+7 812 555-09-19",
            "Северный ветер",
            "Руководитель отдела аналитики, Северо-Запад",
            "Познакомились на конференции «Данные и город», Москва.\n"
            'Ищет аналитиков, инженеров и "продакта"; написать в апреле.',
        ),
        (
            "Дмитрий",
            "Соколов",
            "dmitry.sokolov@example.org",
            "+7 916 555-09-20",
            "+7 495 555-09-29",
            "Ёлка Софт",
            "Ведущий разработчик",
            "Друг Светланы.\nЛучше писать, звонить после 18:00.",
        ),
    ],
    "outlook_zh.csv": [
        (
            "静",
            "陈",
            "chen.jing@example.com",
            "+86 139 5555 1010",
            "+86 571 5555 1019",
            "示例数据科技有限公司",
            "高级数据工程师，平台组",
            '在“数据与城市”大会上认识，上海。\n她在招聘分析师、工程师和"产品经理"；四月再联系。',
        ),
        (
            "洋",
            "刘",
            "liu.yang@example.org",
            "+86 138 5555 1020",
            "+86 10 5555 1029",
            "样例咨询",
            "合伙人",
            "陈静的同事。\n喜欢邮件，不要周末打电话。",
        ),
    ],
    "outlook_ja.csv": [
        (
            "花子",
            "佐藤",
            "hanako.sato@example.com",
            "+81 90 5555 1110",
            "+81 6 5555 1119",
            "株式会社サンプル製作所",
            "採用担当マネージャー、技術職",
            "「データと街」カンファレンスで名刺交換、東京。\n"
            'エンジニア、アナリスト、"PM"を募集中；五月に連絡。',
        ),
        (
            "一郎",
            "鈴木",
            "ichiro.suzuki@example.org",
            "+81 80 5555 1120",
            "+81 3 5555 1129",
            "サンプル物流",
            "課長",
            "佐藤さんの同僚。\n電話よりメール、土日は不可。",
        ),
    ],
}


@pytest.mark.parametrize("sample", sorted(LOCALIZED_OUTLOOK))
def test_localized_outlook_csv_in_its_windows_code_page(sample):
    """Outlook in another language: names, email, mobile (not the fax), company, title, notes."""
    result = _parse(sample)
    assert not result.skipped
    people = LOCALIZED_OUTLOOK[sample]
    assert _names(result) == [(first, last) for first, last, *_ in people]
    for contact, person in zip(result.contacts, people, strict=True):
        first, _last, address, mobile, fax, company, title, notes = person
        assert contact.email == address, first
        assert contact.phone == mobile, first  # the mobile, never the business fax
        assert phone(fax, "fax") in contact.addresses, first
        assert contact.organization == company, first
        assert contact.title == title, first
        assert contact.notes == notes, first


def test_a_card_without_end_is_refused_naming_its_line():
    """A card without END:VCARD followed by a mail signature: the error names line 7."""
    with pytest.raises(ContactFileError) as caught:
        _parse("malformed_broken_structure.vcf")
    assert caught.value.line == 7
    assert "line 7" in str(caught.value).lower()
