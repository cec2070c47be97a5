"""The built-in question bank: open questions for an informational interview, in our own words.

Plain data, no Django: the prepare app seeds a seeker's Question rows from BUILTIN_QUESTIONS and
uses each key as the row's builtin_key, so later wording changes update rows instead of adding.
"""

from __future__ import annotations

from dataclasses import dataclass

# The categories the built-in questions use, in the order a conversation usually moves through
# them: rapport (the day, the path) first, the seeker's own fit and résumé once trust is there,
# then advice, resources and other people to talk to at the close.
BUILTIN_CATEGORIES: tuple[str, ...] = (
    "typical_day",
    "path",
    "skills",
    "trends",
    "organization",
    "fit",
    "resume",
    "advice",
    "resources",
    "referrals",
)
# "other" holds the seeker's own uncategorized questions; no built-in question uses it.
CATEGORY_ORDER: tuple[str, ...] = (*BUILTIN_CATEGORIES, "other")

# T = Trends, I = Insights, A = Advice, R = Resources, S = aSsignments; "" where none fits.
TIARA_LETTERS: tuple[str, ...] = ("T", "I", "A", "R", "S")

# Who a question suits especially; a question without tiers suits anyone.
NEAR_PEER = "near_peer"
MID = "mid"
SENIOR = "senior"
TIERS: tuple[str, ...] = (NEAR_PEER, MID, SENIOR)


@dataclass(frozen=True, slots=True)
class BankQuestion:
    key: str
    text: str
    category: str
    tiara: str
    tiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in BUILTIN_CATEGORIES:
            raise ValueError(f"{self.key}: unknown category {self.category!r}")
        if self.tiara and self.tiara not in TIARA_LETTERS:
            raise ValueError(f"{self.key}: unknown TIARA letter {self.tiara!r}")
        if unknown := set(self.tiers) - set(TIERS):
            raise ValueError(f"{self.key}: unknown tiers {sorted(unknown)}")
        if not self.key.startswith(f"{self.category}."):
            raise ValueError(f"{self.key}: key must start with its category")


Q = BankQuestion

BUILTIN_QUESTIONS: tuple[BankQuestion, ...] = (
    # --- A typical day ---------------------------------------------------------------------
    Q(
        "typical_day.yesterday",
        "Could you walk me through what yesterday looked like for you, from start to finish?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.first_hour",
        "How do you usually spend the first hour of your workday?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.time_split",
        "How is your week usually divided between meetings, focused work and everything else?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.energy",
        "Which parts of your work give you energy, and which ones wear you down?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.outsider_surprise",
        "What about the everyday reality of this work would surprise someone from outside the "
        "field?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.collaborators",
        "Who do you work with most closely in a normal week, and what does that collaboration "
        "look like?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.seasons",
        "How does your workload rise and fall over the course of a year?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.hardest_problems",
        "What kind of problem lands on your desk that takes the most careful thought?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.recent_project",
        "Could you tell me about a recent piece of work you were proud of and the part you played?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.unseen_work",
        "What part of your work goes unnoticed by people outside your team?",
        "typical_day",
        "I",
    ),
    Q(
        "typical_day.early_vs_now",
        "How did your days in your first year differ from the ones you have now?",
        "typical_day",
        "I",
        (NEAR_PEER,),
    ),
    # --- Career path -----------------------------------------------------------------------
    Q(
        "path.first_foothold",
        "How did you find your way into your first role in this field?",
        "path",
        "I",
        (NEAR_PEER,),
    ),
    Q(
        "path.turning_point",
        "What was the moment or experience that pulled you toward this line of work?",
        "path",
        "I",
    ),
    Q(
        "path.detours",
        "Which detours or sideways moves in your career turned out to matter most?",
        "path",
        "I",
        (MID, SENIOR),
    ),
    Q(
        "path.crossroads",
        "At your biggest career crossroads, how did you weigh the options in front of you?",
        "path",
        "I",
    ),
    Q(
        "path.chance",
        "Which parts of your path happened by chance rather than by plan?",
        "path",
        "I",
    ),
    Q(
        "path.carried_over",
        "What did you bring from earlier work or study that proved useful here, and what did "
        "you have to relearn?",
        "path",
        "I",
        (MID,),
    ),
    Q(
        "path.formal_vs_informal",
        "How much of what you use daily came from formal training, and how much did you pick up "
        "along the way?",
        "path",
        "I",
    ),
    Q(
        "path.why_stay",
        "What has kept you in this field when other directions looked tempting?",
        "path",
        "I",
        (MID, SENIOR),
    ),
    Q(
        "path.do_differently",
        "Knowing what you know now, which early choice would you make differently?",
        "path",
        "I",
    ),
    Q(
        "path.success_shift",
        "How has your idea of what success means in this work shifted over the years?",
        "path",
        "I",
        (SENIOR,),
    ),
    Q(
        "path.heading_next",
        "Where would you like your own work to go over the next few years?",
        "path",
        "I",
    ),
    # --- Skills and qualifications ---------------------------------------------------------
    Q(
        "skills.thrive",
        "What separates the people who thrive in this work from those who just get by?",
        "skills",
        "I",
    ),
    Q(
        "skills.underrated",
        "Which skill gets too little attention in this field, even though everyone ends up "
        "needing it?",
        "skills",
        "I",
    ),
    Q(
        "skills.learned_after",
        "What ability did you have to build only after you started, because no course had "
        "prepared you for it?",
        "skills",
        "I",
    ),
    Q(
        "skills.credentials",
        "How much weight do certifications or advanced degrees carry in your corner of the field?",
        "skills",
        "I",
    ),
    Q(
        "skills.judgment_vs_depth",
        "How do technical depth and good judgment compare in importance for doing well here?",
        "skills",
        "I",
    ),
    Q(
        "skills.people_skills",
        "Which people skills matter most when a project gets tense or falls behind?",
        "skills",
        "I",
    ),
    Q(
        "skills.newcomer_struggles",
        "Where do newcomers to this work tend to struggle during their first months?",
        "skills",
        "I",
        (NEAR_PEER, MID),
    ),
    Q(
        "skills.show_without_title",
        "How can someone without direct experience show that they have the skills this work needs?",
        "skills",
        "A",
    ),
    Q(
        "skills.practice_project",
        "What small project could I take on by myself to practice the core skills of this work?",
        "skills",
        "S",
    ),
    Q(
        "skills.taste_test",
        "Which task could I try at home to find out whether I'd enjoy this kind of work day to "
        "day?",
        "skills",
        "S",
    ),
    Q(
        "skills.keep_sharp",
        "How do you keep your skills sharp while the daily work keeps you busy?",
        "skills",
        "R",
        (MID, SENIOR),
    ),
    # --- Trends and the future -------------------------------------------------------------
    Q(
        "trends.reshape",
        "What shifts do you expect to reshape this field before the end of the decade?",
        "trends",
        "T",
    ),
    Q(
        "trends.technology",
        "How are new tools such as AI changing the tasks that people in your kind of work do?",
        "trends",
        "T",
    ),
    Q(
        "trends.since_you_started",
        "How has this field changed since you entered it, and what has stayed stubbornly the same?",
        "trends",
        "T",
        (SENIOR,),
    ),
    Q(
        "trends.rising_skills",
        "Which abilities do you expect to count for more in this field a few years from now?",
        "trends",
        "T",
    ),
    Q(
        "trends.misread",
        "What do people outside the field get wrong about where it is going?",
        "trends",
        "T",
    ),
    Q(
        "trends.worries",
        "What concerns you about the direction this industry is taking?",
        "trends",
        "T",
    ),
    Q(
        "trends.excitement",
        "Which developments in your area excite you most at the moment?",
        "trends",
        "T",
    ),
    Q(
        "trends.entry_route",
        "How has the route into this field changed since you made your own start?",
        "trends",
        "T",
        (NEAR_PEER,),
    ),
    Q(
        "trends.outside_forces",
        "Which outside forces, such as regulation, funding or customer habits, put the most "
        "pressure on your work?",
        "trends",
        "T",
    ),
    Q(
        "trends.new_niches",
        "Where do you see new specialties or niches forming within this field?",
        "trends",
        "T",
    ),
    Q(
        "trends.signals",
        "Which signals do you watch to sense where the field is heading?",
        "trends",
        "R",
    ),
    # --- The organization and its culture --------------------------------------------------
    Q(
        "organization.unwritten_rules",
        "What unwritten rules would a newcomer here need to learn in the first month?",
        "organization",
        "I",
    ),
    Q(
        "organization.disagreements",
        "When your team disagrees about a direction, how does it usually get settled?",
        "organization",
        "I",
    ),
    Q(
        "organization.stay_or_leave",
        "What keeps people here for years, and what tends to make them move on?",
        "organization",
        "I",
    ),
    Q(
        "organization.inside_vs_outside",
        "How does daily life inside the organization differ from the way it presents itself to "
        "the public?",
        "organization",
        "I",
    ),
    Q(
        "organization.team_in_whole",
        "How does your team's work connect with the rest of the organization?",
        "organization",
        "I",
    ),
    Q(
        "organization.feedback",
        "How do people here find out how their work is landing, and how often?",
        "organization",
        "I",
    ),
    Q(
        "organization.noticed",
        "What kinds of contributions get noticed and respected around here?",
        "organization",
        "I",
    ),
    Q(
        "organization.growth",
        "How do people here take on bigger responsibilities as they grow?",
        "organization",
        "I",
        (MID,),
    ),
    Q(
        "organization.recent_change",
        "What has changed most in the organization since you joined, and how did people take it?",
        "organization",
        "I",
        (MID, SENIOR),
    ),
    Q(
        "organization.compared",
        "How does working here compare with similar places you know from the inside?",
        "organization",
        "I",
        (MID, SENIOR),
    ),
    Q(
        "organization.where_together",
        "How does your team balance time together in person with remote work, and how does that "
        "shape the way you collaborate?",
        "organization",
        "I",
    ),
    # --- How my background fits ------------------------------------------------------------
    Q(
        "fit.carries_over",
        "From what I've told you about my background, which experience would carry over best?",
        "fit",
        "A",
    ),
    Q(
        "fit.biggest_gap",
        "Where do you see the widest gap between my background and what this work demands?",
        "fit",
        "A",
    ),
    Q(
        "fit.doubts",
        "What doubts might people in your field have about someone with my background, and how "
        "could I answer them?",
        "fit",
        "A",
    ),
    Q(
        "fit.explain_switch",
        "How would you suggest I explain my move from my current field to people in this one?",
        "fit",
        "A",
    ),
    Q(
        "fit.natural_corner",
        "Which corner of this field seems the most natural match for someone with my interests?",
        "fit",
        "A",
    ),
    Q(
        "fit.temperament",
        "What kind of temperament suits this work, and where might mine run into friction?",
        "fit",
        "A",
    ),
    Q(
        "fit.realistic_start",
        "With my current education and experience, where would someone like me realistically "
        "begin in this field?",
        "fit",
        "A",
        (NEAR_PEER,),
    ),
    Q(
        "fit.neighboring_fields",
        "Which neighboring fields might suit my background even better than this one?",
        "fit",
        "A",
    ),
    Q(
        "fit.close_the_gap",
        "What could I do over the next few months to bring my background closer to what this "
        "work needs?",
        "fit",
        "S",
    ),
    # --- Résumé feedback (later in the conversation) ---------------------------------------
    Q(
        "resume.first_glance",
        "If I showed you my résumé now, what would you notice first, and what would you hope to "
        "see instead?",
        "resume",
        "A",
    ),
    Q(
        "resume.thin_spots",
        "Looking at my résumé, which experience reads as thin for this field, and how could I "
        "strengthen it?",
        "resume",
        "A",
    ),
    Q(
        "resume.translate",
        "How could I describe my past work on my résumé so that people in your field recognize "
        "its value?",
        "resume",
        "A",
    ),
    Q(
        "resume.trim",
        "What on my résumé would you cut or shorten for readers in this field?",
        "resume",
        "A",
    ),
    Q(
        "resume.catch_eye",
        "Which accomplishments on my résumé would catch the eye of someone in your line of work?",
        "resume",
        "A",
    ),
    Q(
        "resume.add_project",
        "What project or experience would do the most to strengthen my résumé for this kind of "
        "work?",
        "resume",
        "S",
    ),
    # --- Advice ----------------------------------------------------------------------------
    Q(
        "advice.first_moves",
        "What would your first three moves be if you were breaking into this field today?",
        "advice",
        "A",
    ),
    Q(
        "advice.avoidable_mistakes",
        "Which common mistakes do newcomers to this field make that I could avoid?",
        "advice",
        "A",
    ),
    Q(
        "advice.changer",
        "What would you tell someone moving into this field after years in a very different one?",
        "advice",
        "A",
    ),
    Q(
        "advice.stand_out",
        "What makes an outsider stand out in a good way to people in your field?",
        "advice",
        "A",
    ),
    Q(
        "advice.younger_self",
        "What would you tell your younger self on the first day in this field?",
        "advice",
        "A",
    ),
    Q(
        "advice.relationships",
        "How would you suggest I build relationships in this field without coming across as pushy?",
        "advice",
        "A",
    ),
    Q(
        "advice.no_inside_contact",
        "How do people without an inside connection usually find their way into this field?",
        "advice",
        "A",
    ),
    Q(
        "advice.first_year_habits",
        "What helped you most in your first year that I could start doing already?",
        "advice",
        "A",
        (NEAR_PEER,),
    ),
    Q(
        "advice.setbacks",
        "How did you deal with setbacks early on, and what would you suggest I do with mine?",
        "advice",
        "A",
    ),
    Q(
        "advice.broad_or_deep",
        "How should I weigh specializing early against staying broad for a while?",
        "advice",
        "A",
        (MID, SENIOR),
    ),
    Q(
        "advice.test_before_commit",
        "How could I test my interest in this work before committing to a degree or a career "
        "change?",
        "advice",
        "S",
    ),
    Q(
        "advice.next_month",
        "What one thing would you have me try in the next month to move forward?",
        "advice",
        "S",
    ),
    Q(
        "advice.side_projects",
        "Which volunteer work or side projects would build the most relevant experience for "
        "this field?",
        "advice",
        "S",
    ),
    Q(
        "advice.keep_posted",
        "How would you like me to keep you posted on what I do with your advice?",
        "advice",
        "",
    ),
    # --- What to read or learn -------------------------------------------------------------
    Q(
        "resources.reading",
        "Which publications, newsletters or blogs do people in your field genuinely read?",
        "resources",
        "R",
    ),
    Q(
        "resources.associations",
        "Which professional associations or gatherings have been worth your time, and why?",
        "resources",
        "R",
    ),
    Q(
        "resources.twenty_hours",
        "If I had twenty hours to learn the basics, where would you point me?",
        "resources",
        "R",
    ),
    Q(
        "resources.tools_to_learn",
        "Which tools or methods would be worth learning before I go any further?",
        "resources",
        "R",
    ),
    Q(
        "resources.admired_voices",
        "Whose work or writing in this field do you admire and keep learning from?",
        "resources",
        "R",
    ),
    Q(
        "resources.formative",
        "What book, talk or course changed how you think about your work?",
        "resources",
        "R",
    ),
    Q(
        "resources.online_spaces",
        "Where do people in this field gather online to trade ideas and questions?",
        "resources",
        "R",
    ),
    Q(
        "resources.portfolio_piece",
        "What hands-on exercise or portfolio piece would teach me the most about this work?",
        "resources",
        "S",
    ),
    Q(
        "resources.skip",
        "Which popular advice about getting into this field would you tell me to ignore?",
        "resources",
        "R",
    ),
    Q(
        "resources.trusted_sources",
        "How do you keep up with changes in the field, and which sources do you trust most?",
        "resources",
        "R",
        (MID, SENIOR),
    ),
    # --- Other people to talk to -----------------------------------------------------------
    Q(
        "referrals.different_view",
        "Who else would be worth speaking with to hear a different view of this field?",
        "referrals",
        "R",
    ),
    Q(
        "referrals.few_years_in",
        "Who a few years into this work could tell me what the early stage is like today?",
        "referrals",
        "R",
        (MID, SENIOR),
    ),
    Q(
        "referrals.longer_view",
        "Who more senior in the field could give me the longer view?",
        "referrals",
        "R",
        (NEAR_PEER,),
    ),
    Q(
        "referrals.neighboring",
        "Which people in neighboring kinds of work would help me see this field from another "
        "angle?",
        "referrals",
        "R",
    ),
    Q(
        "referrals.other_organizations",
        "Which other organizations would be worth learning about, and whom there should I try to "
        "talk with?",
        "referrals",
        "R",
    ),
    Q(
        "referrals.mention_you",
        "When I contact the people you've named, how would you like me to mention our "
        "conversation?",
        "referrals",
        "R",
    ),
    Q(
        "referrals.where_to_meet",
        "Where could I meet more people doing this work in a relaxed, low-pressure setting?",
        "referrals",
        "R",
    ),
)

del Q
