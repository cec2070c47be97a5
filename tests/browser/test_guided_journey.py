"""A newcomer guided by the product alone, in a real browser, from an empty account.

From Today, each step of "Start here" names the next thing to do and one button for it; the
journey presses only that button (and the form's own Save), comes back to Today, and checks
the step is ticked and the next one offered, until the first request is sent and the list
makes way for "Waiting for a reply". Then the meeting's time passes: Today asks how it went,
the conversation's next step leads to the write-up, the write-up to the thank-you, and "I sent
it" to keeping in touch. Every next-step button on the way is asserted by its words.

Runs at 1280 px and at a phone's 375 px; screenshots, axe-core and the console are checked as
in test_journey.py (conftest.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

SEEKER = "Tomás Herrera"
ROLE = "a second-year public health student"
FIELD = "Health data analytics"
QUESTIONS = "What does a typical week look like?\nWhich skills did you use in your first year?"
ORGANIZATION = "Riverside Community Health"
CONTACT = "Imani Clarke"
CONNECTIONS_CSV = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Imani,Clarke,,imani.clarke@example.com,Riverside Community Health,Data Analyst,12 Feb 2025
Bruno,Esposito,,bruno.esposito@example.com,Riverside Community Health,Vice President,03 Jun 2021
"""
TAKEAWAY = "Learn SQL window functions before applying anywhere"

VIEWPORTS = [(1280, 800), (375, 812)]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=["desktop-1280", "phone-375"])
def test_guided_from_an_empty_account_to_a_sent_request_and_a_sent_thank_you(
    open_session, tmp_path, width, height
):
    s = open_session(width, height)
    the_checklist_leads_to_the_first_request(s, tmp_path)
    waiting_shows_the_dates(s)
    a_past_meeting_leads_to_the_thank_you(s)
    s.assert_no_problems()


# --- helpers ---------------------------------------------------------------------------------


def to_today(s):
    from playwright.sync_api import expect

    s.page.get_by_role("navigation", name="The six steps").get_by_role("link", name="Today").click()
    expect(s.page).to_have_title(re.compile(r"^Today"))


def next_step(s, title: str, button: str):
    """Today's checklist offers `title` as the next step with `button`: press it."""
    from playwright.sync_api import expect

    current = s.page.locator("section.welcome ol.checklist > li.next")
    expect(current).to_have_count(1)
    expect(current.locator("strong").first).to_have_text(title)
    primary = current.locator("a.primary")
    expect(primary).to_have_text(button)
    primary.click()


def done_steps(s) -> list[str]:
    done = s.page.locator("section.welcome ol.checklist > li.done strong")
    return [text.strip() for text in done.all_inner_texts()]


def conversation_next_step(s, title: str, button: str):
    """The conversation or person page shows one next step, `title`, with `button` first."""
    from playwright.sync_api import expect

    section = s.page.get_by_role("region", name=re.compile(r"^Next step"))
    expect(section.get_by_role("heading")).to_have_text(f"Next step · {title}")
    expect(section.locator("a.primary")).to_have_text(button)
    return section.locator("a.primary")


# --- the journey -----------------------------------------------------------------------------


def the_checklist_leads_to_the_first_request(s, tmp_path):
    from playwright.sync_api import expect

    page = s.page
    expect(page.get_by_role("heading", name="Start here: your first request")).to_be_visible()
    expect(page.get_by_role("button", name="Load the sample story")).to_be_visible()
    expect(page.get_by_role("link", name="Import LinkedIn connections").first).to_be_visible()
    s.shot("start-here")
    s.check_accessibility("Today, an empty account")

    next_step(s, "Say who you are", "Fill in your profile")
    page.get_by_label("Display name").fill(SEEKER)
    page.get_by_label("How you describe yourself").fill(ROLE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    to_today(s)
    assert done_steps(s) == ["Say who you are"]
    # The header greets the seeker by the name they gave.
    expect(page.locator("header")).to_contain_text(SEEKER)

    next_step(s, "Write your pitch", "Write your pitch")
    page.get_by_label("Who I am").fill("I'm a second-year public health student.")
    page.get_by_label("What I am exploring").fill("how analysts use data in community clinics")
    page.get_by_role("button", name="Save", exact=True).click()
    to_today(s)

    next_step(s, "Name a career field and what you want to learn", "Add a career field")
    page.get_by_label("Name").fill(FIELD)
    page.get_by_label("Questions you want answered").fill(QUESTIONS)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("main")).to_contain_text("What does a typical week look like?")
    to_today(s)

    next_step(s, "List an organization", "Add an organization")
    page.get_by_label("Name").fill(ORGANIZATION)
    page.get_by_label("In focus").check()
    page.get_by_role("button", name="Save", exact=True).click()
    to_today(s)

    next_step(s, "Bring in the people you know", "Import LinkedIn connections")
    upload = tmp_path / "Connections.csv"
    upload.write_text(CONNECTIONS_CSV, encoding="utf-8")
    page.get_by_label("Contact file").set_input_files(upload)
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name=re.compile(r"^Import 2 new")).click()
    expect(page.locator("main .summary li").first).to_have_text("2 created")
    to_today(s)
    assert len(done_steps(s)) == 5
    s.shot("five-steps-done")

    next_step(s, "Pick whom to ask", "Who to ask next")
    suggestions = page.locator("ol.suggestions > li")
    # A near-peer before a vice president, each with its reason.
    expect(suggestions.first).to_contain_text(CONTACT)
    expect(page.locator("ol.suggestions")).to_contain_text("Bruno Esposito")
    s.shot("who-to-ask")
    s.check_accessibility("Who to ask next, guided")
    suggestions.first.get_by_role("link", name="Plan a conversation").click()
    page.get_by_role("button", name="Save", exact=True).click()
    # A planned conversation's one next step is the request.
    conversation_next_step(s, "Planned", "Draft the request")
    s.shot("conversation-planned")
    to_today(s)

    next_step(s, "Plan the questions", "Plan the questions")
    page.get_by_role("button", name=re.compile(r"^Suggest a plan")).click()
    expect(page.locator("#plan li.question").first).to_be_visible()
    to_today(s)

    next_step(s, "Draft the request", "Draft the request")
    body = page.locator("#id_body")
    expect(body).to_have_value(re.compile(r"^Dear Imani|^Hi Imani"))
    expect(body).to_have_value(re.compile(f"{SEEKER}$"))
    expect(page.locator("#findings .finding.error")).to_have_count(0)
    s.shot("request-drafted")
    s.check_accessibility("Request drafted from Today")
    page.get_by_role("button", name="Save", exact=True).click()
    to_today(s)

    assert len(done_steps(s)) == 8
    next_step(s, "Send your first request", "Open your draft")
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_role("status")).to_contain_text("Marked as sent")
    s.shot("request-sent")


def waiting_shows_the_dates(s):
    from playwright.sync_api import expect

    page = s.page
    to_today(s)
    expect(page.locator("section.welcome")).to_have_count(0)  # the list made way
    waiting = page.locator("#today-waiting")
    expect(waiting.get_by_role("heading")).to_have_text("Waiting for a reply")
    row = waiting.locator("li", has_text=f"Waiting for {CONTACT}")
    expect(row).to_contain_text("3 business days")
    expect(row).to_contain_text("7 business days")
    s.shot("today-waiting")
    s.check_accessibility("Today, waiting for a reply")
    row.locator("a.primary").click()
    conversation_next_step(s, "Waiting for a reply", "Record their answer")


def a_past_meeting_leads_to_the_thank_you(s):
    from playwright.sync_api import expect

    page = s.page
    # They answered and the meeting took place yesterday: recorded on the edit form.
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    page.locator("main .page-head").get_by_role("link", name="Edit").click()
    page.get_by_label("When").fill(f"{yesterday:%Y-%m-%d}T15:00")
    page.get_by_label("Time zone").fill("UTC")
    page.get_by_role("button", name="Save", exact=True).click()
    conversation_next_step(s, "The meeting time has passed", "How did it go?")

    to_today(s)
    write_up = page.locator("#today-write_up")
    expect(write_up).to_be_visible()
    row = write_up.locator("li", has_text=CONTACT)
    expect(row.locator("a.primary")).to_have_text("How did it go?")
    s.shot("today-how-did-it-go")
    s.check_accessibility("Today, a meeting to write up")
    row.locator("a.primary").click()

    expect(page.get_by_role("heading", name=f"What you learned from {CONTACT.split()[0]}"))
    page.locator("#id_takeaway-0-text").fill(TAKEAWAY)
    page.locator("#id_takeaway-0-will_act_on").check()
    page.get_by_role("button", name="Save and write the thank-you").click()
    expect(page.locator("#id_kind")).to_have_value("thank_you")
    expect(page.locator("#id_body")).to_have_value(re.compile("SQL window functions"))
    s.shot("thank-you-drafted")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_role("status")).to_contain_text("Marked as sent")

    to_today(s)
    expect(page.locator("#today-write_up")).to_have_count(0)
    expect(page.locator("ul.today-items li", has_text=f"Thank {CONTACT}")).to_have_count(0)
    s.shot("today-after-thanks")
    page.get_by_role("navigation", name="The six steps").get_by_role(
        "link", name="Conversations"
    ).click()
    page.get_by_role("link", name=CONTACT).first.click()
    conversation_next_step(s, "Thanked", "Draft an update")
    s.shot("conversation-thanked")
    s.check_accessibility("Conversation, thanked")
