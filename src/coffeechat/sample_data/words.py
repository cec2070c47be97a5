"""The made-up vocabulary sample data is drawn from: names, employers, fields and what people say.

Every person and organization here is invented; addresses use example.com and example.org.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Ada", "Amara", "Ana", "Ben", "Carmen", "Chen", "Dara", "Diego", "Elena", "Emeka",
    "Fatima", "Grace", "Hana", "Ibrahim", "Ines", "Jonas", "Julia", "Kenji", "Lea", "Liam",
    "Lucia", "Maya", "Mateo", "Mei", "Nia", "Noah", "Olga", "Omar", "Priya", "Rafael",
    "Rosa", "Sam", "Sara", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe", "José", "Zoë",
    "Björn", "Søren", "Łukasz", "Thảo", "Chloé", "Aiko", "Kwame", "Ngozi", "Mihai",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Adeyemi", "Becker", "Bianchi", "Chen", "Costa", "Dubois", "Eriksen", "Fischer",
    "Garcia", "Gupta", "Haddad", "Ito", "Jensen", "Kim", "Kowalski", "Larsen", "Lopez",
    "Mbeki", "Meyer", "Moreau", "Nakamura", "Novak", "Okafor", "Olsen", "Patel", "Petrov",
    "Quinn", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Tanaka", "Tran", "Umar", "Vargas",
    "Wagner", "Weber", "Yilmaz", "Zhang", "Núñez", "O'Brien", "Nguyễn", "Ångström", "Kjær",
    "Wiśniewski", "Álvarez", "Mensah", "Popescu",
)  # fmt: skip
ORG_WORDS = (
    "Acme", "Blue", "Cedar", "Delta", "Echo", "Fern", "Granite", "Harbor", "Iris", "Juniper",
    "Kite", "Lumen", "Maple", "North", "Orchid", "Pine", "Quarry", "River", "Summit", "Tidal",
)  # fmt: skip
ORG_KINDS = (
    "Analytics", "Labs", "Partners", "Health", "Foundation", "Studio", "Systems", "Capital",
    "Works", "Institute", "Collective", "Group",
)  # fmt: skip
LEGAL_SUFFIXES = ("", "", "", " LLC", " Inc.", " GmbH", " Ltd")
INDUSTRIES = (
    "Health care", "Technology", "Public sector", "Consulting", "Finance", "Education",
    "Non-profit", "Transport", "Energy", "Media",
)  # fmt: skip
CITIES = (
    "Chicago, IL", "Austin, TX", "Toronto, ON", "Berlin", "Lisbon", "Boston, MA", "Seattle, WA",
    "London", "Kraków", "Remote", "Denver, CO", "São Paulo",
)  # fmt: skip
TITLES = (
    "Data Analyst", "Senior Data Analyst", "Software Engineer", "Product Manager",
    "UX Researcher", "Consultant", "Policy Advisor", "Program Officer", "Marketing Lead",
    "Financial Analyst", "Research Scientist", "Director of Operations", "Associate",
    "Senior Associate", "Nurse Practitioner", "Analytics Manager", "Editor", "Economist",
)  # fmt: skip
DEPARTMENTS = ("", "", "Analytics", "Research", "Strategy", "Operations", "Product", "Policy")
TAGS = (
    "economics alum", "warm intro", "data", "policy", "ux", "met at career fair", "mentor",
    "near-peer", "hiring team", "remote-friendly", "speaker", "book club", "follow later",
    "international", "first-gen", "career changer", "startup", "public sector", "health",
    "finance", "nonprofit", "consulting", "research", "bootcamp grad", "grad school",
    "newsletter", "volunteer", "alumni board", "conference", "slack community",
)  # fmt: skip

# Ten career fields, each with the questions a seeker would want answered about it.
FIELDS = (
    ("Data analytics", "Technology", (
        "How much SQL versus statistics does a first analyst job use?",
        "Do analysts at small firms get real mentoring?",
        "Is a master's degree expected for promotion?",
        "What does a junior analyst's portfolio look like?",
        "How do analysts move into data science later?",
    )),
    ("UX research", "Technology", (
        "How do researchers show their impact to product teams?",
        "Can someone from economics move in without a design portfolio?",
        "How much of the week is interviews versus synthesis?",
        "Are research teams cut first in a downturn?",
        "Which methods should I learn before applying?",
    )),
    ("Public policy analysis", "Public sector", (
        "How political is the work day to day?",
        "Do think tanks hire bachelor's graduates as research assistants?",
        "Is a policy master's worth it, or experience first?",
        "How long does a report take from question to publication?",
        "What quantitative skills matter most?",
    )),
    ("Health care administration", "Health care", (
        "Which entry roles lead to operations management?",
        "How much clinical knowledge is expected?",
        "What do hospital administrators wish they had learned earlier?",
        "Are fellowships the usual way in?",
        "How stable is the work across hospital systems?",
    )),
    ("Management consulting", "Consulting", (
        "What are the hours like in the first two years?",
        "How do people leave consulting, and where to?",
        "Do boutique firms train new analysts well?",
        "How much travel is normal now?",
        "What makes a case interview answer stand out?",
    )),
    ("Impact investing", "Finance", (
        "How is social impact actually measured?",
        "Do funds hire straight from undergraduate programs?",
        "How do returns compare with conventional funds?",
        "Which skills carry over from banking?",
        "What does diligence on a small enterprise look like?",
    )),
    ("Education technology", "Education", (
        "Do teachers' views shape the products?",
        "How do companies know students learned anything?",
        "Is classroom experience expected for product roles?",
        "How seasonal is the work?",
        "Which roles work most closely with schools?",
    )),
    ("Urban mobility", "Transport", (
        "How do planners and engineers split the work?",
        "Is the field growing outside large cities?",
        "How much of the job is public engagement?",
        "Which data sources do mobility analysts rely on?",
        "Do private operators and cities hire the same profiles?",
    )),
    ("Climate and energy policy", "Energy", (
        "Where do economists fit on an energy team?",
        "How technical do policy roles get?",
        "Which organizations train juniors well?",
        "How do people handle slow progress?",
        "Is modelling experience a must?",
    )),
    ("Science journalism", "Media", (
        "How do freelancers find steady work?",
        "Do editors value a research background?",
        "How is the field changing with newsletters?",
        "What does a first assignment usually look like?",
        "How do writers check numbers they cannot reproduce?",
    )),
)  # fmt: skip

TAKEAWAYS = (
    ("typical_day", "Mornings are for stakeholder questions, afternoons for deep analysis work."),
    ("typical_day", "About a third of the week goes to meetings; the rest is heads-down work."),
    ("skills", "SQL every day; statistics mostly to explain why a number moved."),
    ("skills", "Writing clearly matters more than any single tool."),
    ("skills", "Learn one visualization tool well rather than three badly."),
    ("future", "The team expects to double its analysts over the next two years."),
    ("future", "Automation takes the routine reports; judgement is what stays valuable."),
    ("path", "Started in customer support, moved to analytics after a year of side projects."),
    ("path", "A master's helped with promotion but was not needed to get in."),
    ("advice", "Bring a small project that answers a real question, not a tutorial copy."),
    ("advice", "Ask juniors about their first ninety days; they remember the details."),
    ("advice", "Read the annual report before talking to anyone at the organization."),
    ("culture", "People eat lunch together and questions are welcome in the team channel."),
    ("culture", "Remote-first: decisions are written down, which helps newcomers."),
    ("fit", "My economics coursework is a better fit than I assumed."),
    ("fit", "The pace would suit me; the on-call rotation would not."),
    ("resources", "Recommended a free course on experiment design and a monthly meetup."),
    ("resources", "Pointed me to the association's salary survey and its job board."),
    ("other", "Offered to look at my résumé once I have a project to show."),
)
AGENDA_NOTES = (
    "Said the first month is mostly learning the data model and who owns what.",
    "Described a project on appointment no-shows that changed a clinic's scheduling.",
    "Recommended talking to someone on the product side as well.",
    "Their path went through two short contracts before a permanent role.",
    "Thinks bootcamps help only with a portfolio behind them.",
    "The hardest part is saying no to requests that do not matter.",
    "Promotion depends on owning a problem end to end, not on tenure.",
    "They hire interns each spring; postings go up in January.",
    "Suggested reading the team's public engineering blog before applying.",
    "Enjoys the variety; dislikes quarterly reporting crunches.",
)
INTERACTION_NOTES = (
    "Quick chat after the panel; they suggested writing in a month.",
    "Liked my post about the survey project and sent an article.",
    "Saw them at the alumni breakfast; they remembered our call.",
    "Sent a short update on the course I started after our talk.",
    "Called to ask a follow-up question about internships.",
    "Shared the meetup schedule they mentioned.",
    "Thanked them again after the referral turned into a call.",
)
MESSAGE_SUBJECTS = (
    "Twenty minutes of advice?",
    "A question about your path into {field}",
    "Following up on my note",
    "Thank you for your time",
    "A quick update after our conversation",
    "Re: Twenty minutes of advice?",
)
MESSAGE_BODIES = (
    "I am a third-year economics student exploring {field}. Would you have twenty minutes in "
    "the next few weeks to share how you got started? I am not asking about jobs, only for "
    "your advice.",
    "I wrote last week and know inboxes fill up quickly. If a short call is not possible, "
    "no problem at all.",
    "Thank you for the conversation today. Your advice on {field} gave me a clear next step, "
    "and I have already signed up for the course you mentioned.",
    "I followed your suggestion and finished a small project on public transit data; it "
    "taught me more than any tutorial. Thank you again for pointing me there.",
    "Happy to talk. Thursday afternoon works for me; send a calendar invite.",
)
TASK_TITLES = (
    ("thank_you", "Send a thank-you to {name}"),
    ("follow_up", "Follow up once with {name}"),
    ("promise", "Send {name} the article on {field}"),
    ("send_resume", "Send my résumé to {name}"),
    ("keep_in_touch", "Share an update with {name}"),
    ("prepare", "Read {org}'s annual report before the call"),
    ("other", "Update the notes on {org}"),
)
JOB_ROLES = (
    "Junior Data Analyst", "Research Assistant", "Associate Consultant", "UX Research Intern",
    "Policy Fellow", "Operations Analyst", "Program Coordinator", "Analytics Intern",
)  # fmt: skip
NEWS_TITLES = (
    "Opens an office in {city}",
    "Publishes its annual impact report",
    "Announces a graduate program for analysts",
    "Wins a contract with the city",
    "Launches a research partnership with a university",
)
