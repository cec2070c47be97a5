"""A seeker's whole journey through the six steps, in a real browser, from an empty database.

The same journey runs at a desktop width and at a phone's 375 × 812. It uses the pages as a
person does: links, forms, buttons and the keyboard; no URL is typed after the login link.
Adding the organization and the contact, and editing, saving and sending the request, are done
with the keyboard alone (Tab, typing, Space, Enter); every control reached that way must show
where the focus is. Each step leaves a screenshot; axe-core checks each main page; a console
error anywhere fails the journey.

Playwright is imported inside the functions: without it this module is still collected (and
skipped by conftest.py with one line), and the rest of the suite never needs it.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

FIELD = "Urban transit planning"
ORGANIZATION = "Harborview Transit Authority"
SEEKER = "Marisol Quintero"
SCHOOL = "Harborview State University"
CONTACT = "Dana Okafor"  # added with the keyboard: an alum and a near-peer, asked first
MENTIONED = "Lena Whitfield"  # a person Dana mentions during the conversation
# Typed at the very start of the draft. (At the end, after the sign-off, as a "P.S.", the
# checker does not see it: text after the sign-off is stripped before checking.)
JOB_ASK = "Are you hiring? I would love a job on your team.\n\n"
NOTE_1 = "Ridership data drives every service change; learn SQL and GTFS first."
NOTE_2 = "Apply to the summer fellowship? No: she says shadow a planner for a day instead."
NOTE_GENERAL = "Board meetings are public and streamed; the minutes show how cuts are argued."
TAKEAWAY = "Take the open GTFS course before talking to more planners"
PROMISE = "Send the bike-share ridership article"

# A LinkedIn Connections.csv as LinkedIn exports it (its preamble included); made-up people.
CONNECTIONS_CSV = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are \
missing. You will only see email addresses for connections who have allowed their connections \
to see or download their email address."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Priya,Castellanos,,priya.castellanos@example.com,Harborview Transit Authority,\
Senior Service Planner,05 Mar 2024
Marcus,Lindqvist,,marcus.lindqvist@example.com,Harborview Transit Authority,\
Director of Planning,17 Jan 2023
Aiyana,Brightwater,,aiyana.brightwater@example.com,Northgate Rail Partners,Data Analyst,\
30 Nov 2022
"""

VIEWPORTS = [(1280, 800), (375, 812)]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=["desktop-1280", "phone-375"])
def test_journey_from_an_empty_database(open_session, tmp_path, width, height):
    s = open_session(width, height)
    today_starts_empty(s)
    add_a_field(s)
    add_an_organization_with_the_keyboard(s)
    import_linkedin_connections(s, tmp_path)
    add_a_contact_with_the_keyboard(s)
    pick_who_to_ask_and_plan_the_conversation(s)
    build_the_agenda(s)
    fill_in_the_profile(s)
    draft_and_check_the_request(s)
    mark_the_request_sent(s)
    schedule_the_conversation(s)
    run_live_mode_with_a_reload(s)
    keep_a_note_saved_while_the_page_reloads(s)
    add_a_person_they_mentioned(s)
    record_takeaways_and_draft_the_thank_you(s)
    send_the_thank_you_and_watch_today_change(s)
    s.assert_no_problems()


# --- the steps -------------------------------------------------------------------------------


def follow(page, navigation: str, link: str) -> None:
    """Follow a link in one of the navigation bars ("The six steps", "People", ...)."""
    page.get_by_role("navigation", name=navigation).get_by_role("link", name=link).click()


def today_starts_empty(s):
    from playwright.sync_api import expect

    page = s.page
    expect(page).to_have_title(re.compile(r"^Today"))
    expect(page.get_by_role("heading", name="Start here: your first request")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No drafts.")
    s.shot("today-empty")
    s.check_accessibility("Today, empty")


def add_a_field(s):
    from playwright.sync_api import expect

    page = s.page
    page.get_by_role("link", name="Add a career field").click()
    expect(page.get_by_role("heading", name="New career field")).to_be_visible()
    s.check_accessibility("New career field form")
    page.get_by_label("Name").fill(FIELD)
    page.get_by_label("Industry").fill("Public transportation")
    page.get_by_label("Why interested").fill("Cities that move people well.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name=FIELD)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"Saved career field “{FIELD}”")
    s.shot("field-added")


def add_an_organization_with_the_keyboard(s):
    """Step 1 with the keyboard alone: to the organizations, a new one, every field, Save."""
    from playwright.sync_api import expect

    page = s.page
    s.tab_to("nav.steps a[href$='/research/organizations/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Organizations")).to_be_visible()
    s.check_accessibility("Organizations, empty")
    s.tab_to("main a[href$='/research/organizations/new/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New organization")).to_be_visible()
    s.tab_and_type("#id_name", ORGANIZATION)
    s.tab_and_type("#id_location", "Harborview")
    s.tab_to("#id_fields_0")  # the career field just added
    page.keyboard.press("Space")
    s.tab_and_choose("#id_motivation", "3", "3")
    s.tab_and_choose("#id_posting", "2", "2")
    s.tab_to("#id_in_focus")
    page.keyboard.press("Space")
    expect(page.locator("#id_fields_0")).to_be_checked()
    expect(page.locator("#id_in_focus")).to_be_checked()
    s.check_accessibility("New organization form, filled in")
    s.shot("organization-form-by-keyboard")
    s.tab_to("form.form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=ORGANIZATION)).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("3 · dream employer")
    expect(main).to_contain_text(FIELD)
    s.shot("organization-added")
    s.check_accessibility("Organization page")


def import_linkedin_connections(s, tmp_path):
    from playwright.sync_api import expect

    page = s.page
    upload = tmp_path / "Connections.csv"
    upload.write_text(CONNECTIONS_CSV, encoding="utf-8")
    follow(page, "The six steps", "People")
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    follow(page, "People", "Import")
    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    s.check_accessibility("Import upload form")
    page.get_by_label("Contact file").set_input_files(upload)
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Preview of Connections.csv")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text(re.compile(r"Read as linkedin", re.IGNORECASE))
    expect(main.locator(".summary li").first).to_have_text(re.compile(r"^3 new contacts"))
    expect(main).to_contain_text("Marcus Lindqvist")
    s.shot("import-preview")
    s.check_accessibility("Import preview")
    page.get_by_role("button", name=re.compile(r"^Import 3 new")).click()
    expect(page.get_by_role("heading", name="Connections.csv")).to_be_visible()
    expect(main.locator(".summary li").first).to_have_text("3 created")
    s.shot("import-done")
    page.get_by_role("link", name="See your contacts").click()
    expect(page.get_by_role("link", name="Priya Castellanos")).to_be_visible()
    expect(page.get_by_role("link", name="Aiyana Brightwater")).to_be_visible()
    s.check_accessibility("Contacts list")


def add_a_contact_with_the_keyboard(s):
    """Step 2 with the keyboard alone: a new contact at the organization, an alum, a near-peer."""
    from playwright.sync_api import expect

    page = s.page
    s.tab_to("main a[href$='/people/contacts/new/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New contact")).to_be_visible()
    first, last = CONTACT.split()
    s.tab_and_type("#id_first_name", first)
    s.tab_and_type("#id_last_name", last)
    s.tab_and_type("#id_title", "Transit Data Analyst")
    s.tab_to("#id_organization")
    page.keyboard.type("Harborview")
    expect(page.locator("#id_organization option:checked")).to_have_text(ORGANIZATION)
    s.tab_and_type("#id_email", "dana.okafor@example.com")
    s.tab_and_choose("#id_source", "alum", "alumni")
    s.tab_and_type("#id_source_detail", "Same planning program, three years ahead")
    s.tab_and_choose("#id_tier", "near", "near_peer")
    s.check_accessibility("New contact form, filled in")
    s.shot("contact-form-by-keyboard")
    s.tab_to("form.form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=CONTACT)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Near-peer")
    s.shot("contact-added")
    s.check_accessibility("Contact page")


def pick_who_to_ask_and_plan_the_conversation(s):
    from playwright.sync_api import expect

    page = s.page
    follow(page, "People", "Who to ask next")
    expect(page.get_by_role("heading", name="Who to ask next")).to_be_visible()
    suggestions = page.locator("ol.suggestions > li")
    expect(suggestions.first).to_contain_text(CONTACT)  # warm and a near-peer: first
    expect(suggestions.first).to_contain_text(f"{ORGANIZATION} is #1 on your list")
    # Two per focus organization at a time, then the warm contacts elsewhere and the rest.
    focus = page.locator(
        "section", has=page.get_by_role("heading", name="At your focus organizations")
    )
    expect(focus.locator("ol.suggestions > li")).to_have_count(2)
    expect(page.locator("main")).to_contain_text("Aiyana Brightwater")
    s.shot("who-to-ask-next")
    s.check_accessibility("Who to ask next")
    suggestions.first.get_by_role("link", name="Plan a conversation").click()
    expect(page.get_by_role("heading", name="New conversation")).to_be_visible()
    expect(page.locator("#id_contact option:checked")).to_have_text(re.compile(CONTACT))
    expect(page.locator("#id_organization option:checked")).to_have_text(ORGANIZATION)
    page.get_by_label("Career field").select_option(label=FIELD)
    page.get_by_label("Agreed minutes").fill("20")
    page.get_by_label("Goals").fill("How service planners use ridership data.")
    s.check_accessibility("New conversation form")
    page.get_by_role("button", name="Save", exact=True).click()
    next_step = page.get_by_role("region", name=re.compile(r"^Next step"))
    expect(next_step.locator("a.primary")).to_have_text("Draft the request")
    expect(page.locator("main")).to_contain_text("Planned")
    s.shot("conversation-planned")
    s.check_accessibility("Conversation page")


def build_the_agenda(s):
    from playwright.sync_api import expect

    page = s.page
    page.get_by_role("link", name="Plan the questions").first.click()
    expect(page.get_by_role("heading", name="Plan for 20 minutes")).to_be_visible()
    expect(page.locator("#plan")).to_contain_text("No questions yet.")
    page.get_by_role("button", name="Suggest a plan for Dana").click()
    expect(page.get_by_role("status").filter(has_text="suggested questions")).to_be_visible()
    expect(page.locator("#plan li.question").first).to_be_visible()
    expect(page.locator("#plan")).to_contain_text(re.compile(r"Fits: \d+ of 20 minutes"))
    assert page.locator("#plan li.question").count() >= 2
    s.shot("agenda-suggested")
    s.check_accessibility("Plan the questions")


def fill_in_the_profile(s):
    """Step 3: who the seeker is, so the drafts can say it (and name the shared school)."""
    from playwright.sync_api import expect

    page = s.page
    follow(page, "The six steps", "Prepare")
    follow(page, "Prepare", "Profile")
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    page.get_by_label("Display name").fill(SEEKER)
    page.get_by_label("School").fill(SCHOOL)
    page.get_by_label("Program").fill("Master of Urban Planning")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_label("School")).to_have_value(SCHOOL)
    s.shot("profile")
    s.check_accessibility("Profile")
    follow(page, "The six steps", "Conversations")
    page.get_by_role("link", name=CONTACT).click()
    expect(page.get_by_role("link", name="Write a message")).to_be_visible()


def draft_and_check_the_request(s):
    """Step 4: the draft, a job ask typed in and flagged as it is typed, removed, then saved
    with the keyboard alone."""
    from playwright.sync_api import expect

    page = s.page
    page.get_by_role("link", name="Write a message").click()
    expect(page.get_by_role("heading", name="New message")).to_be_visible()
    page.get_by_role("button", name="Write the draft").click()
    body = page.locator("#id_body")
    # An alum: the school they share, named first; never a job, and said so.
    expect(body).to_have_value(re.compile(f"I found you through the {SCHOOL} alumni network"))
    expect(body).to_have_value(re.compile("I'm not asking for a job"))
    expect(body).to_have_value(re.compile(f"{SEEKER}$"))
    findings = page.locator("#findings")
    job_finding = findings.locator(".finding.error", has=page.locator("code", has_text="ask.job"))
    expect(job_finding).to_have_count(0)
    s.check_accessibility("Request draft")

    s.tab_to("#id_body")
    page.keyboard.press("Control+Home")
    page.keyboard.type(JOB_ASK)
    expect(job_finding).to_be_visible()  # checked as it is typed: the live etiquette check
    expect(job_finding).to_contain_text("Must fix")
    s.shot("request-with-a-job-ask")
    s.check_accessibility("Request draft with a finding")

    for _ in JOB_ASK:
        page.keyboard.press("Backspace")
    expect(job_finding).to_have_count(0)
    expect(findings.locator(".finding.error")).to_have_count(0)
    expect(body).not_to_have_value(re.compile("hiring"))
    s.shot("request-checked")
    s.tab_to("form.form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="I sent it")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Draft")
    s.check_accessibility("Request, saved")


def mark_the_request_sent(s):
    from playwright.sync_api import expect

    page = s.page
    s.tab_to("button[name=action][value=mark_sent]")  # "I sent it", with the keyboard too
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Marked as sent")
    expect(page.get_by_role("button", name="They replied")).to_be_visible()
    s.shot("request-sent")
    page.locator("main dl.fields").get_by_role("link", name=re.compile(CONTACT)).last.click()
    expect(page.get_by_role("region", name="Follow-up rhythm")).to_contain_text("No answer yet.")
    expect(page.locator("main dl.fields")).to_contain_text("Requested")
    s.shot("conversation-requested")
    s.check_accessibility("Conversation, requested")


def schedule_the_conversation(s):
    from playwright.sync_api import expect

    page = s.page
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    page.locator("main .page-head").get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Edit"))).to_be_visible()
    s.check_accessibility("Edit conversation form")
    page.get_by_label("When").fill(f"{tomorrow:%Y-%m-%d}T10:00")
    page.get_by_label("Time zone").fill("UTC")
    page.get_by_label("Place").fill("Harborview Station café")
    page.get_by_role("button", name="Save", exact=True).click()
    fields = page.locator("main dl.fields")
    expect(fields).to_contain_text("Scheduled")  # a time agreed on schedules it
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    s.shot("conversation-scheduled")

    follow(page, "The six steps", "Today")
    item = page.locator("ul.today-items li", has_text=f"Meet {CONTACT}")
    expect(item).to_be_visible()
    expect(item).to_contain_text("questions planned")
    expect(item.get_by_role("link", name="Prep sheet")).to_be_visible()
    s.shot("today-meeting-tomorrow")
    s.check_accessibility("Today, a meeting coming")
    item.get_by_role("link", name="Prep sheet").click()
    expect(page.get_by_role("heading", name=re.compile(CONTACT))).to_be_visible()
    s.check_accessibility("Prep sheet")
    page.get_by_role("link", name="Back to the conversation").click()


def run_live_mode_with_a_reload(s):
    """Notes typed during the conversation survive a reload, even one before they were sent."""
    from playwright.sync_api import expect

    page = s.page
    page.get_by_role("link", name="Live mode").click()
    expect(page.get_by_role("heading", name=f"Live with {CONTACT}")).to_be_visible()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#clock-message")).to_have_text("")
    questions = page.locator("li.live-question")
    first, second = questions.nth(0), questions.nth(1)
    first.locator("button.pick").click()
    expect(first.locator("button.pick")).to_have_attribute("aria-pressed", "true")

    first.locator("textarea").fill(NOTE_1)
    expect(first.locator(".note-status")).to_contain_text("Saved")
    second.locator("textarea").click()
    page.keyboard.type(NOTE_2)
    s.shot("live-notes")
    s.check_accessibility("Live mode")
    # Reload at once, before the second note's save (600 ms after the last keystroke) is sent.
    page.reload()
    expect(page.get_by_role("heading", name=f"Live with {CONTACT}")).to_be_visible()
    expect(first.locator("textarea")).to_have_value(NOTE_1)  # from the server
    expect(second.locator("textarea")).to_have_value(NOTE_2)  # from the server or the phone
    expect(page.locator("#save-status")).to_have_text("")  # nothing left waiting for the server
    expect(first.locator("button.pick")).to_have_attribute("aria-pressed", "true")
    # The clock kept running: it is kept on the phone too.
    expect(page.get_by_role("button", name="Start", exact=True)).to_be_hidden()
    first.get_by_label("Asked").check()
    expect(first.locator(".note-status")).to_contain_text("Saved")
    s.shot("live-after-reload")


def keep_a_note_saved_while_the_page_reloads(s):
    """A save the server confirms to a page being left, after the next page already read the
    notes, loses nothing: the phone keeps its copy until a page has seen the server's."""
    from playwright.sync_api import expect

    page = s.page
    live_url = page.url
    notes = page.locator("#notes-general")
    held: dict = {}

    def hold_note(route):
        held["note"] = route

    def hold_page(route):
        # The next page is read from the server now, before the held save lands.
        held["page"], held["page_response"] = route, route.fetch()

    def wait_for(key: str) -> None:
        for _ in range(200):
            if key in held:
                return
            page.wait_for_timeout(50)
        raise AssertionError(f"no request to hold for {key!r} within 10 s")

    page.route("**/live/note/", hold_note)
    page.route(live_url, hold_page)
    notes.fill(NOTE_GENERAL)
    wait_for("note")  # sent 600 ms after the typing, held on the way
    page.evaluate(
        """document.body.addEventListener("htmx:afterRequest", (event) => {
             if (event.detail.successful) console.log("note confirmed");
           });
           setTimeout(() => location.reload(), 0);"""
    )
    wait_for("page")
    # The page being left tells when it has the server's confirmation (a locator or evaluate
    # would wait for the navigation to finish instead).
    with page.expect_console_message(lambda message: message.text == "note confirmed"):
        held["note"].continue_()
    held["page"].fulfill(response=held["page_response"])
    page.unroute("**/live/note/", hold_note)
    page.unroute(live_url, hold_page)
    expect(page.get_by_role("heading", name=f"Live with {CONTACT}")).to_be_visible()
    expect(notes).to_have_value(NOTE_GENERAL)  # from the phone
    expect(page.locator("#save-status")).to_have_text("")
    page.reload()
    expect(notes).to_have_value(NOTE_GENERAL)  # from the server

    # A copy kept for a save the server confirmed, when the server's note changed after that
    # save: dropped without a word. A copy never confirmed and older than the server's note:
    # offered, never applied by itself.
    key = page.evaluate(
        "`coffeechat:live:${document.getElementById('live').dataset.conversation}:note:general`"
    )
    updated = int(notes.get_attribute("data-updated"))
    offer = page.get_by_role("button", name=re.compile("Use the unsaved text kept on this phone"))
    earlier = {"text": "An earlier draft", "at": updated - 5000}
    for kept, offered in (({**earlier, "saved": updated - 1000}, 0), (earlier, 1)):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(kept)])
        page.reload()
        expect(notes).to_have_value(NOTE_GENERAL)
        expect(offer).to_have_count(offered)
    page.evaluate("(k) => localStorage.removeItem(k)", key)


def add_a_person_they_mentioned(s):
    from playwright.sync_api import expect

    page = s.page
    section = page.get_by_role("region", name="Add a person they mentioned")
    first, last = MENTIONED.split()
    section.get_by_label("First name").fill(first)
    section.get_by_label("Last name").fill(last)
    section.get_by_label("Job title").fill("Bike-share operations lead")
    section.get_by_label("Organization").fill("Bayline Mobility Cooperative")
    section.get_by_role("button", name="Add, referred by Dana").click()
    added = page.locator("#people-added")
    expect(added.get_by_role("link", name=MENTIONED)).to_be_visible()
    expect(section.get_by_label("First name")).to_have_value("")
    expect(section.get_by_label("First name")).to_be_focused()
    s.shot("live-person-added")
    s.check_accessibility("Live mode, a person added")
    # The notes are on the server: the conversation's agenda shows the first question asked.
    page.locator("#live .kicker a").first.click()
    agenda = page.locator("section.related", has=page.get_by_role("heading", name="Agenda"))
    expect(agenda.locator("tbody tr").first).to_contain_text("Yes")
    agenda.locator("tbody tr").nth(1).get_by_role("link").click()
    expect(page.locator("main")).to_contain_text(NOTE_2)
    page.go_back()
    agenda.locator("tbody tr").first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text(NOTE_1)
    page.get_by_role("link", name=re.compile(CONTACT)).last.click()
    expect(page.get_by_role("link", name="After the conversation")).to_be_visible()


def record_takeaways_and_draft_the_thank_you(s):
    from playwright.sync_api import expect

    page = s.page
    page.get_by_role("link", name="After the conversation").click()
    expect(page.get_by_role("heading", name="What you learned from Dana")).to_be_visible()
    s.check_accessibility("After the conversation form")
    page.locator("#id_takeaway-0-text").fill(TAKEAWAY)
    page.locator("#id_takeaway-0-will_act_on").check()
    page.locator("#id_takeaway-1-text").fill("Planners spend half their week in community meetings")
    page.locator("#id_promise-0-title").fill(PROMISE)
    due = datetime.now(UTC).date() + timedelta(days=1)
    page.locator("#id_promise-0-due_on").fill(f"{due:%Y-%m-%d}")
    page.get_by_label("How useful was it").select_option("5")
    s.shot("after-the-conversation")
    page.get_by_role("button", name="Save and write the thank-you").click()
    expect(page.get_by_role("status")).to_contain_text("Now thank them")
    expect(page.locator("#id_kind")).to_have_value("thank_you")
    body = page.locator("#id_body")
    # The advice quoted as advice; the promise turned to the person it was made to.
    expect(body).to_have_value(re.compile(r"Your advice, “Take the open GTFS course"))
    expect(body).to_have_value(re.compile("As promised, I'll send you the bike-share"))
    s.shot("thank-you-draft")
    s.check_accessibility("Thank-you draft")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("button", name="I sent it")).to_be_visible()

    follow(page, "The six steps", "Today")
    thank = page.locator("ul.today-items li", has_text=f"Thank {CONTACT}")
    expect(thank).to_be_visible()
    expect(thank.get_by_role("link", name="Open the thank-you draft")).to_be_visible()
    expect(page.locator("ul.today-items li", has_text=PROMISE)).to_be_visible()
    expect(page.locator("ul.today-items li", has_text=f"Meet {CONTACT}")).to_have_count(0)
    drafts = page.locator("section.today-block", has=page.get_by_role("heading", name="Drafts"))
    expect(drafts.get_by_role("link")).to_have_count(1)
    s.shot("today-thank-you-due")
    s.check_accessibility("Today, a thank-you due")


def send_the_thank_you_and_watch_today_change(s):
    from playwright.sync_api import expect

    page = s.page
    drafts = page.locator("section.today-block", has=page.get_by_role("heading", name="Drafts"))
    drafts.get_by_role("link").first.click()
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_role("status")).to_contain_text("Marked as sent")
    s.shot("thank-you-sent")
    follow(page, "The six steps", "Today")
    items = page.locator("ul.today-items li")
    expect(items.filter(has_text=f"Thank {CONTACT}")).to_have_count(0)
    expect(items.filter(has_text=PROMISE)).to_be_visible()  # the promise is still to keep
    expect(page.locator("main")).to_contain_text("No drafts.")
    s.shot("today-after")
    s.check_accessibility("Today, after the thank-you")
