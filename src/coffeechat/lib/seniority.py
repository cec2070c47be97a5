"""Seniority ("tier") guessed from a job title, in the languages seekers meet on LinkedIn.

`infer_tier(title)` answers "near_peer", "mid", "senior" or "" (no idea), the values of
`people.models.Tier`. The practice asks near-peers first (a few years ahead of a student),
then people at mid-career, and senior leaders last; a wrong guess costs little because the
seeker can always pick the tier themselves.

How a title is read:

- Accents, case and full-width letters do not matter ("Directrice", "DIRECTRICE" and
  "directrice" are the same), nor do abbreviations with or without dots (V.P., VP, Sr., Mgr,
  Dir., Asst.). Words match as whole words: "Director" is not in "Directory Services
  Engineer", "intern" not in "International" or "Internal Audit", "partner" not in
  "Partnerships". German and Dutch compounds are read by their last part, as the languages
  do ("Softwareentwicklerin" is a developer, "Vorstandsassistentin" an assistant).
- A title is cut into parts at separators (| / , ; & + @ and spaced dashes); in each part the
  organization after "at", "@", "chez", "bei", "bij", "presso", "en" or "em" is dropped, and
  so is whom an assistant or adviser works for ("Executive Assistant to the CEO" is an
  assistant, "Office of the President" names a unit, not a role). A part that says what the
  person hopes to become ("Aspiring Product Manager", "Looking for analyst roles") is ignored,
  and so is a role someone else holds ("Intern, CEO's Office").
- Every role word found counts, and the most senior one wins: "Founder & CEO", "Senior
  Director | Founder" and "Analyst, Director's Office" are read for their highest role.

Decisions:

- Near-peer: interns, trainees, apprentices, students (bachelor's to PhD), postdocs,
  "Junior" anything, graduates and entry-level titles, analysts, associates, assistants,
  coordinators, fellows, representatives, clerks, levels I and II ("Software Engineer II"),
  and the same words abroad (Becario, Practicante, Stagiaire, Chargé(e) de…, Praktikant,
  Werkstudent, Estagiário, Stagista, Stagiair, インターン).
- Mid-career: managers, leads, specialists, consultants, engineers, designers, scientists,
  researchers, advisers, officers, lawyers, teachers and the like without a level, level III
  and above, and "Senior"/"Sr."/"Lead"/"Staff"/"Principal" in front of a near-peer title:
  a Senior Analyst or a Senior Associate is a mid-career individual contributor, not a
  leader. "Staff"/"Principal"/"Senior" before a mid-career title keep it mid-career (a Staff
  or Principal Engineer is a senior individual contributor, not an executive); only
  "Staff Accountant"/"Staff Auditor" are entry-level titles.
- Senior: directors, heads of, vice presidents (VP, SVP, EVP), chiefs and C-level titles,
  partners, founders, presidents, general managers, managing directors, deans, provosts,
  full professors, owners, chairs and board members, and abroad Director(a), Socio,
  Presidente, Directeur/Directrice, Associé(e), PDG, Geschäftsführer, Vorstand, Leiter
  (except Team-, Gruppen-, Projekt- and Schichtleiter, who lead a team: mid-career),
  Diretor(a), Sócio, Direttore, Amministratore delegato, Eigenaar, Oprichter, 部長, 社長, 取締役.
- "Principal" on its own (a school principal, a principal at an investment firm) and
  "Principal Investigator" are senior; "Principal X" is mid-career as above.
- Assistant, Associate, Deputy, Adjunct, Sous-/Sub-, Adjoint(e)/Adjunto(a) and "Junior" take
  a title one step down: Assistant or Associate Professor, Associate Director, Deputy Head,
  AVP and Associate Partner are mid-career; Assistant Manager, Associate Product Manager and
  Associate Consultant are near-peers. Trainee/Graduate/Intern/Student in front of a
  mid-career title make it near-peer ("Graduate Engineer").
- Partner as a kind of work ("HR Business Partner", "Partner Marketing Manager"), "Product
  Owner", "Chief of Staff", "Art Director" and "Member of Technical Staff" are mid-career.
- "Coordinator" is an entry-level title in English; "Coordinador(a)"/"Coordenador(a)" is a
  first management level in Latin America and Brazil, so it is mid-career, as are Gerente,
  Jefe/Jefa de, Responsable, Chef de projet, Referent(in), 課長 and ディレクター (usually a
  web or creative director, not an executive).
- "Professor" in English and German is a full professor (senior); "Profesor", "Professeur",
  "Professore" also name school teachers, so they are mid-career unless the title says
  "professeur des universités", "professore ordinario" or "catedrático".
- "Senior" alone is a student's final year, "Executive MBA" a degree, a name or an
  organization alone says nothing: these, empty titles and garbage give "".
"""

from __future__ import annotations

import functools
import re
import unicodedata

NEAR_PEER = "near_peer"
MID = "mid"
SENIOR = "senior"
UNKNOWN = ""

_RANK = {UNKNOWN: 0, NEAR_PEER: 1, MID: 2, SENIOR: 3}
_BY_RANK = {rank: tier for tier, rank in _RANK.items()}


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(text: str) -> list[tuple[str, ...]]:
    """Phrases written one per line (or separated by commas), as tuples of words."""
    phrases = []
    for line in text.replace(",", "\n").splitlines():
        words = tuple(line.split())
        if words:
            phrases.append(words)
    return phrases


# Role words and phrases, as they read after accents are removed and case is folded.
_NEAR_PEER_PHRASES = """
    intern, internship, interns, trainee, apprentice, apprenticeship, junior, jr, jnr
    graduate, grad, new grad, recent graduate, recent grad, entry level, early career
    associate, assoc, analyst, assistant, asst, coordinator, coord, fellow, student
    research assistant, teaching assistant, graduate assistant, research associate
    research fellow, postdoc, post doc, postdoctoral, postdoctoral researcher
    postdoctoral fellow, postdoctoral scholar, postdoctoral research fellow
    postdoctoral research associate, postdoctoral associate, phd, phd student
    phd candidate, phd researcher, doctoral student, doctoral candidate, doctoral researcher
    mba candidate, mba student, masters student, master s student, ms student, msc student
    undergraduate, undergrad, representative, rep, sdr, bdr, clerk, paralegal
    staff accountant, staff auditor, executive assistant, administrative assistant
    office assistant, personal assistant, receptionist, summer analyst, summer associate
    co op, coop
    analista, becario, becaria, practicante, pasante, estudiante, asistente, auxiliar
    aprendiz, doctorando, doctoranda, ayudante, investigador predoctoral
    investigadora predoctoral
    stagiaire, alternant, alternante, apprenti, apprentie, etudiant, etudiante, doctorant
    doctorante, analyste, assistante, charge de, chargee de, charge d
    chargee d, post doctorant, postdoctorant, postdoctorante
    azubi, hiwi, wissenschaftlicher mitarbeiter, wissenschaftliche mitarbeiterin
    wissenschaftliche hilfskraft, studentische hilfskraft, studentin
    estagiario, estagiaria, assistente, estudante, doutorando, doutoranda, mestrando
    mestranda, bolsista, jovem aprendiz
    stagista, tirocinante, praticante, studente, studentessa, dottorando, dottoranda
    borsista, assegnista, apprendista
    stagiair, promovendus, promovenda
"""
_MID_PHRASES = """
    manager, mgr, mngr, lead, leader, team lead, tech lead, specialist, consultant
    engineer, engr, eng, developer, dev, programmer, designer, architect, scientist
    researcher, strategist, advisor, adviser, counsel, attorney, lawyer, solicitor
    barrister, accountant, auditor, actuary, economist, editor, writer, journalist, reporter
    correspondent, producer, officer, administrator, planner, controller, supervisor
    teacher, lecturer, instructor, coach, nurse, physician, doctor, pharmacist, therapist
    psychologist, dentist, surgeon, veterinarian, recruiter, executive, account executive
    product owner, process owner, scrum master, chief of staff, member of technical staff
    member of the technical staff, mts, art director, freelancer, freelance, self employed
    contractor, expert, technician, technologist, pm, tpm, swe, sde, sre, buyer, broker
    underwriter, business partner, hr business partner, talent partner, people partner
    recruiting partner, talent acquisition partner, channel partner, alliance partner
    partner manager, partner engineer, avp
    gerente, jefe, jefa, lider, responsable, encargado, encargada, especialista, consultor
    consultora, ingeniero, ingeniera, desarrollador, desarrolladora, programador
    programadora, disenador, disenadora, arquitecto, arquitecta, investigador, investigadora
    abogado, abogada, contador, contadora, economista, profesor, profesora, maestro
    maestra, supervisora, coordinador, coordinadora, asesor, asesora, subdirector
    subdirectora, subgerente, medico, medica, enfermero, enfermera, periodista, redactor
    redactora, editora, tecnico, tecnica, semi senior, ssr
    chef de, chef d, chef de projet, cadre, ingenieure, consultante, conseiller
    conseillere, developpeur, developpeuse, charge de recherche, chargee de recherche
    maitre de conferences, maitresse de conferences, professeur, professeure, enseignant
    enseignante, chercheur, chercheuse, avocat, avocate, comptable, expert comptable
    juriste, architecte, gerant, gerante
    juniorprofessor, juniorprofessorin, prokurist, prokuristin
    coordenador, coordenadora, engenheiro, engenheira, desenvolvedor, desenvolvedora
    arquiteto, arquiteta, pesquisador, pesquisadora, advogado, advogada, pleno
    responsabile, consulente, ingegnere, sviluppatore, sviluppatrice, progettista
    ricercatore, ricercatrice, avvocato, capo, capo progetto, professore, professoressa
    professore associato, docente, commercialista, vicedirettore, vicedirettrice
    teamleider, projectleider, adviseur, ontwikkelaar, onderzoeker, docent
    beleidsmedewerker
"""
_SENIOR_PHRASES = """
    director, dir, head, head of, vice president, vicepresident, vp, svp, evp
    senior vice president, executive vice president, group vice president, vice chair
    vice chairman, vice chairwoman, vice dean, vice provost, vice chancellor, chief, ceo
    cto, cfo, coo, cmo, cio, ciso, cpo, cro, chro, cdo, cso, cco, cxo, cao, cbo, cno
    c level, c suite, partner, founder, cofounder, co founder, president, general manager
    gm, managing director, managing partner, general partner, dean, provost, chancellor
    rector, professor, prof, owner, business owner, chairman, chairwoman, chairperson, chair
    board member, board director, member of the board, board of directors, trustee
    executive director, superintendent, general counsel, secretary general, principal
    principal investigator, chief engineer, entrepreneur, technical fellow
    distinguished fellow, distinguished engineer
    directora, director general, directora general, gerente general, presidente
    presidenta, vicepresidente, vicepresidenta, socio, socia, socio director, fundador
    fundadora, cofundador, cofundadora, co fundador, co fundadora, consejero delegado
    consejera delegada, consejero, consejera, propietario, propietaria, dueno, duena
    decano, decana, rectora, catedratico, catedratica, secretario general
    directeur, directrice, directeur general, directrice generale, pdg, dg, dga
    associe, associee, fondateur, fondatrice, cofondateur, cofondatrice, co fondateur
    co fondatrice, chef d entreprise, professeur des universites, doyen, doyenne
    proprietaire
    geschaftsfuhrer, geschaftsfuhrerin, geschaeftsfuehrer, geschaeftsfuehrerin, vorstand
    vorstandsmitglied, gesellschafter, gesellschafterin, inhaber, inhaberin, grunder
    grunderin, gruender, gruenderin, mitgrunder, mitgrunderin, direktor, direktorin
    leiter, leiterin, vorsitzender, vorsitzende, prasident, prasidentin, praesident
    vorstands, vorstandes
    dekan, dekanin, rektor, rektorin, professorin, aufsichtsrat, partnerin
    diretor, diretora, diretor executivo, diretora executiva, diretor geral
    diretora geral, vice presidente, fundadora, cofundadora, socio fundador
    socia fundadora, proprietaria, dono, superintendente, reitor, reitora
    direttore, direttrice, direttore generale, amministratore delegato
    amministratore unico, fondatore, cofondatore, titolare, dirigente
    professore ordinario, preside, rettore
    algemeen directeur, eigenaar, eigenaresse, oprichter, mede oprichter, medeoprichter
    voorzitter, bestuurder, hoofd, afdelingshoofd, vennoot, hoogleraar, decaan
"""
# Phrases that look like roles but are not: read as nothing.
_NOT_ROLES = """
    executive mba, executive education, dean s list, deans list, senior, staff
    socio economic, socio economico, socio economica, socio cultural, socio politico
    board game, head start, chief complaint
"""

_PHRASES: dict[tuple[str, ...], str] = {}
for _tier, _text in (
    (NEAR_PEER, _NEAR_PEER_PHRASES),
    (MID, _MID_PHRASES),
    (SENIOR, _SENIOR_PHRASES),
    (UNKNOWN, _NOT_ROLES),
):
    for _phrase in _words(_text):
        _PHRASES[_phrase] = _tier
_LONGEST = max(len(phrase) for phrase in _PHRASES)
_FIRST_WORDS = frozenset(phrase[0] for phrase in _PHRASES)

# German and Dutch compounds, read by their last part ("Vertriebsleiter", "Teamleiterin");
# "+in" also reads the feminine form.
_LEITER = "leiter"
_COMPOUND_ENDINGS_BY_TIER = {
    _LEITER: "leiter+in",
    SENIOR: "geschaftsfuhrer+in geschaeftsfuehrer+in direktor+in vorsitzende vorsitzender "
    "inhaber+in grunder+in gruender+in prasident+in praesident+in gesellschafter+in "
    "chefarzt+in hoofd directeur oprichter eigenaar",
    MID: "manager+in entwickler+in ingenieur+in berater+in referent+in spezialist+in "
    "architekt+in wissenschaftler+in lehrer+in anwalt anwaltin arzt arztin leider adviseur "
    "ontwikkelaar consultant engineer developer designer",
    NEAR_PEER: "praktikant+in werkstudent+in student+in assistent+in sachbearbeiter+in "
    "auszubildende auszubildender trainee stagiair stagiaire doktorand+in volontar+in "
    "medewerker",
}
_COMPOUND_ENDINGS = {
    form: tier
    for tier, endings in _COMPOUND_ENDINGS_BY_TIER.items()
    for ending in endings.split()
    for form in (
        (ending.removesuffix("+in"), ending.replace("+", "")) if "+" in ending else (ending,)
    )
}
_ENDINGS = tuple(sorted(_COMPOUND_ENDINGS, key=len, reverse=True))  # longest first
# Compounds that lead a team or a project rather than a unit.
_TEAM_LEITER = ("team", "gruppen", "projekt", "schicht", "bau", "labor", "produkt", "kurs")

# Words in front of a role (up to three words before it) that move it a step.
_UP = _set("senior sr snr lead principal staff")
_DOWN = _set(
    "junior jr jnr assistant asst associate assoc deputy adjunct sous sub stellvertretende "
    "stellvertretender stellvertretendes stellv vize"
)
_LEARNER = _set("trainee graduate grad intern apprentice entry")
# Words after a role (up to three words after it) that move it a step: Analista Sr,
# Directeur adjoint, Software Engineer II.
_UP_AFTER = _set("senior sr snr pleno ssr iii 3 iv 4 v 5 vi 6")
_DOWN_AFTER = _set("junior jr jnr adjoint adjointe adjunto adjunta aggiunto")
_LOW_LEVEL = _set("i 1 ii 2 trainee")
# Role words that, just in front of another role, only describe it ("Principal Engineer",
# "Partner Marketing Manager").
_DESCRIBING = frozenset({("principal",), ("partner",), ("partnerin",)})

# Where a part of a title stops naming the person's role.
_ORGANIZATION_FOLLOWS = _set("at chez bei bij presso en em to")
_UNIT_WORDS = _set("office department dept ministry school faculty college university institute")
_ASSISTANTS = _set(
    "assistant assistante asistente assistente assistent assistentin secretary secretaire "
    "secretaria secretario sekretar sekretarin aide pa ea advisor adviser"
)
_OF = _set("of for du de del della di do da des der van al ao")
_HOPES = re.compile(
    r"\b(?:aspiring|future|seeking|wannabe|prospective|aspirante|buscando|looking for|open to"
    r"|en busca|em busca|a la recherche|auf der suche)\b"
)

# Japanese (and a few Chinese) titles: no spaces between words, so matched as text.
_CJK_TITLES = {
    NEAR_PEER: "インターン インターンシップ 研修生 見習い 新入社員 新卒 アシスタント アナリスト "
    "学生 大学生 大学院生 博士課程 修士課程 院生 秘書 社長秘書 助手 アルバイト 実習生 営業代表 "
    "实习生 实习 助理 分析师 博士生 研究生",
    MID: "課長 係長 主任 次長 室長 店長 マネージャー マネジャー リーダー エンジニア デザイナー "
    "コンサルタント 研究員 研究者 講師 准教授 助教 助教授 弁護士 会計士 医師 部長代理 部長補佐 "
    "課長代理 課長補佐 副部長 副課長 ディレクター プロデューサー スペシャリスト 教員 教諭 "
    "シニアアナリスト 经理 主管 工程师 设计师 顾问 研究员 副总经理 讲师 副教授",
    SENIOR: "部長 本部長 事業部長 社長 副社長 代表取締役 代表取締役社長 取締役 執行役員 会長 専務 "
    "常務 理事 理事長 創業者 共同創業者 創設者 代表 オーナー 役員 教授 名誉教授 所長 支社長 "
    "支店長 局長 院長 学長 学部長 总经理 总监 总裁 副总裁 董事长 董事 首席执行官 创始人 "
    "联合创始人 合伙人 院长 校长",
}
_CJK_TIER = {word: tier for tier, words in _CJK_TITLES.items() for word in words.split()}
# Longest first, so that 部長代理 is read before 部長 and 准教授 before 教授.
_CJK = re.compile("|".join(sorted(_CJK_TIER, key=len, reverse=True)))
_HAS_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def _latin_table() -> dict[int, str]:
    table = {ord("ø"): "o", ord("æ"): "ae", ord("œ"): "oe", ord("ł"): "l", ord("đ"): "d"}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base != chr(code) and base.isascii() and base:
            table.setdefault(code, base)
    return table


_LATIN = _latin_table()
_INITIALISM = re.compile(r"(?<![^\W\d_])((?:[^\W\d_]\.){2,})")  # v.p. c.e.o. p.d.g.
_APOSTROPHE = re.compile(r"['’`´]")
_WORD_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")  # co-founder, entry-level
_SEPARATOR = re.compile(r"[|/\\,;:&+()\[\]{}<>·•\-–—−~*#!?\"“”«»]+")
_TOKEN = re.compile(r"[^\W_]+")


def _parts(title: str) -> list[list[str]]:
    """The title as parts (cut at separators), each a list of folded words."""
    text = unicodedata.normalize("NFKC", title).casefold().translate(_LATIN)
    text = text.replace("ph.d", "phd").replace("@", " at ")
    text = _INITIALISM.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _APOSTROPHE.sub(" ", text.replace(".", " "))
    text = _WORD_HYPHEN.sub(" ", text)
    return [words for part in _SEPARATOR.split(text) if (words := _TOKEN.findall(part))]


def _role_words(words: list[str]) -> list[str]:
    """The words of a part that name the role: not the organization or whom one assists."""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if index and word in _ORGANIZATION_FOLLOWS:
            return words[:index]
        if word in _UNIT_WORDS and following in ("of", "for"):
            return words[:index]
        if word in _ASSISTANTS and following in _OF:
            return words[: index + 1]
    return words


def _hopes(words: list[str]) -> bool:
    """True when the part says what the person wants to become, not what they are."""
    return _HOPES.search(" ".join(words)) is not None


def _compound_tier(word: str) -> str | None:
    if len(word) < 5 or not word.endswith(_ENDINGS) or not word.isalpha():
        return None
    ending = next(ending for ending in _ENDINGS if word.endswith(ending))
    tier = _COMPOUND_ENDINGS[ending]
    if tier == _LEITER:
        return MID if word[: -len(ending)].endswith(_TEAM_LEITER) else SENIOR
    return tier


def _roles(words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, tier) of each role phrase, longest phrase first at each word."""
    found = []
    index = 0
    while index < len(words):
        longest = min(_LONGEST, len(words) - index) if words[index] in _FIRST_WORDS else 0
        for size in range(longest, 0, -1):
            phrase = tuple(words[index : index + size])
            if phrase in _PHRASES:
                possessive = words[index + size : index + size + 1] == ["s"]
                if _PHRASES[phrase] and not possessive:  # not "the CEO's office"
                    found.append((index, index + size, _PHRASES[phrase]))
                index += size
                break
        else:
            tier = _compound_tier(words[index])
            if tier:
                found.append((index, index + 1, tier))
            index += 1
    return found


def _adjusted(words: list[str], start: int, end: int, next_start: int, tier: str) -> str:
    """A role's tier moved by the words around it: Senior Analyst, Associate Director."""
    before = set(words[max(0, start - 3) : start])
    after = set(words[end : min(end + 3, next_start)])
    if before & _DOWN or after & _DOWN_AFTER:
        return _BY_RANK[max(_RANK[tier] - 1, _RANK[NEAR_PEER])]
    if tier == MID and not before & _UP and (before & _LEARNER or after & _LOW_LEVEL):
        return NEAR_PEER
    if tier == NEAR_PEER and (before & _UP or after & _UP_AFTER):
        return MID
    return tier


def _part_rank(words: list[str]) -> int:
    roles = _roles(words)
    best = 0
    for position, (start, end, tier) in enumerate(roles):
        following = roles[position + 1][0] if position + 1 < len(roles) else None
        if (
            following is not None
            and following - end <= 2
            and tuple(words[start:end]) in _DESCRIBING
        ):
            continue
        next_start = len(words) if following is None else following
        best = max(best, _RANK[_adjusted(words, start, end, next_start, tier)])
    return best


def _cjk_rank(text: str) -> int:
    if not _HAS_CJK.search(text):
        return 0
    normalized = unicodedata.normalize("NFKC", text)
    return max((_RANK[_CJK_TIER[m.group()]] for m in _CJK.finditer(normalized)), default=0)


@functools.lru_cache(maxsize=16384)
def infer_tier(title: str) -> str:
    """The seniority a job title suggests: "near_peer", "mid", "senior", or "" unknown."""
    if not title or not title.strip():
        return UNKNOWN
    best = _cjk_rank(title)
    for words in _parts(title):
        if not _hopes(words):
            best = max(best, _part_rank(_role_words(words)))
    return _BY_RANK[best]
