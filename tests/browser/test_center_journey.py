"""A career center in a real browser, on a server-mode coffeechat: a center admin makes a
cohort and invites a coach, an alumni volunteer and a seeker by link; each signs up through
their link; the admin approves the volunteer, who fills in a profile; the seeker shares their
progress with the coach and asks the volunteer for a conversation; the volunteer accepts and
both see each other's email; the coach sees the change as figures only, never the message;
the admin sees it in the cohort's figures.

Each person has their own browser context (their own cookies), at a desktop width and at a
phone's 375 px. Only the first admin is made on the command line (`coffeechat center-admin`),
as a center does. Screenshots, axe-core, console errors and sideways scrolling are checked as
in the other journeys (tests/browser/conftest.py).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    SERVER_START_SECONDS,
    BrowserSession,
    Server,
    close_sessions,
    new_session,
)
from tests.test_cli import command_env, free_port

PASSWORD = "a long and unusual passphrase 42"
MESSAGE_MARK = "Zebrafinch"  # a word of the seeker's message the coach and admin must not see
SERVER_ENV = {
    "COFFEECHAT_MODE": "server",
    "COFFEECHAT_SECRET_KEY": "s" * 64,
    "COFFEECHAT_ALLOWED_HOSTS": "127.0.0.1",
    "COFFEECHAT_HTTPS": "false",
}
VIEWPORTS = [(1280, 800), (375, 812)]


@pytest.fixture
def center_server(tmp_path):
    """A real `coffeechat serve` in server mode (SQLite in its own folder), always stopped."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    port = free_port()
    env = command_env(data_dir, **SERVER_ENV)
    err_path = tmp_path / "stderr.txt"
    with (tmp_path / "stdout.txt").open("w") as out, err_path.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "coffeechat", "serve", "--no-browser", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline and proc.poll() is None:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(base + "/accounts/login/", timeout=5) as response,
            ):
                if response.status == 200:
                    break
            time.sleep(0.2)
        else:
            pytest.fail(f"coffeechat serve did not answer:\n{err_path.read_text()}")
        yield Server(base, "", data_dir, err_path), env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def people(request, chromium, center_server):
    """people(name, width, height) -> a BrowserSession of its own for that person."""
    server, _ = center_server
    opened = []

    def open_(name: str, width: int, height: int) -> BrowserSession:
        artifacts = ARTIFACTS / f"center-{name}" / str(width)
        context, session = new_session(chromium, server, artifacts, width, height)
        opened.append((context, session))
        return session

    yield open_
    close_sessions(request, opened)


def sign_up(s: BrowserSession, url: str, username: str, button: str) -> None:
    s.page.goto(url)
    s.page.fill("#id_username", username)
    s.page.fill("#id_email", f"{username}@example.edu")
    s.page.fill("#id_password1", PASSWORD)
    s.page.fill("#id_password2", PASSWORD)
    s.page.get_by_role("button", name=button).click()


def invite(admin: BrowserSession, part: str, cohort: str | None) -> str:
    page = admin.page
    page.goto(admin.server.base + "/center/admin/invitations/new/")
    page.select_option("#id_role", label=part)
    if cohort:
        page.select_option("#id_cohort", label=cohort)
    page.get_by_role("button", name="Make the invitation").click()
    link = page.input_value("#invitation-link")
    assert "/center/join/" in link
    return link


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=["desktop-1280", "phone-375"])
def test_a_seeker_asks_a_volunteer_and_the_center_sees_figures_only(
    people, center_server, width, height
):
    from playwright.sync_api import expect

    server, env = center_server
    base = server.base
    admin, coach, volunteer, seeker = (
        people(name, width, height) for name in ("admin", "coach", "volunteer", "seeker")
    )

    # The first admin: an account made on the sign-up page, named admin on the command line.
    sign_up(admin, base + "/accounts/signup/", "ines", "Create account")
    made = subprocess.run(
        [sys.executable, "-m", "coffeechat", "center-admin", "ines"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    admin.page.goto(base + "/")
    expect(admin.page.get_by_role("navigation", name="Career center")).to_be_visible()
    admin.shot("admin-home")
    admin.check_accessibility("the center's page")

    admin.page.get_by_role("link", name="New cohort").first.click()
    admin.page.fill("#id_name", "Economics 2027")
    admin.page.get_by_role("button", name="Save").click()
    expect(admin.page.get_by_role("heading", name="Economics 2027")).to_be_visible()
    coach_link = invite(admin, "Coach", "Economics 2027")
    volunteer_link = invite(admin, "Alumni volunteer", None)
    seeker_link = invite(admin, "Seeker", "Economics 2027")
    admin.shot("invitation-link")

    # The coach and the volunteer join through their links.
    sign_up(coach, coach_link, "coach_rosa", "Create account and join")
    expect(coach.page.get_by_role("heading", name="Your seekers")).to_be_visible()
    coach.shot("coach-joined")
    sign_up(volunteer, volunteer_link, "alum_omar", "Create account and join")
    expect(volunteer.page.get_by_text("approve", exact=False).first).to_be_visible()
    volunteer.shot("volunteer-pending")

    admin.page.goto(base + "/center/admin/")
    admin.page.get_by_role("button", name="Approve").click()
    admin.shot("volunteer-approved")

    volunteer.page.goto(base + "/")
    volunteer.page.fill("#id_display_name", "Omar Haddad")
    volunteer.page.fill("#id_field", "Economic consulting")
    volunteer.page.fill("#id_organization", "Northwind Analytics")
    volunteer.page.fill("#id_title", "Senior analyst")
    volunteer.page.fill("#id_email", "omar@alumni.example.org")
    volunteer.page.get_by_role("button", name="Save and appear in the directory").click()
    volunteer.shot("volunteer-profile")
    volunteer.check_accessibility("the volunteer's profile")

    # The seeker joins, says who they are, shares progress with the coach, asks the volunteer.
    sign_up(seeker, seeker_link, "mira", "Create account and join")
    seeker.page.goto(base + "/prepare/profile/")
    seeker.page.fill("#id_display_name", "Mira Chen")
    seeker.page.fill("#id_current_role", "a third-year economics student")
    seeker.page.get_by_role("button", name="Save").first.click()
    seeker.page.goto(base + "/center/sharing/")
    seeker.page.get_by_role("button", name="Start sharing").click()
    expect(seeker.page.get_by_text("You now share with coach_rosa.")).to_be_visible()
    seeker.shot("sharing")
    seeker.check_accessibility("sharing with a coach")

    seeker.page.get_by_role("link", name="Alumni").click()
    expect(seeker.page.get_by_text("Omar Haddad").first).to_be_visible()
    assert "omar@alumni.example.org" not in seeker.page.content()
    seeker.shot("directory")
    seeker.check_accessibility("the volunteer directory")
    seeker.page.get_by_role("link", name="Ask Omar Haddad for a conversation").click()
    body = seeker.page.locator("textarea").first
    body.fill(
        "Dear Omar,\n\nI'm Mira, a third-year economics student. I found you in our career "
        f"center's directory of alumni volunteers. I am curious about consulting ({MESSAGE_MARK}"
        " projects especially) and would value 20 minutes of your advice on how you chose "
        "your path. Would a short call next week suit you?\n\nThank you,\nMira Chen"
    )
    send = seeker.page.get_by_role("button", name="Send to Omar Haddad")
    send.click()
    again = seeker.page.get_by_role("button", name="Send it as it is")
    if again.count():
        again.click()
    seeker.shot("request-sent")
    seeker.check_accessibility("the request sent")

    # The volunteer accepts; both see each other's email.
    volunteer.page.goto(base + "/")
    volunteer.page.get_by_text("Mira Chen").first.click()
    expect(volunteer.page.get_by_text(MESSAGE_MARK, exact=False)).to_be_visible()
    volunteer.page.get_by_role("button", name="Accept").click()
    expect(volunteer.page.get_by_text("mira@example.edu").first).to_be_visible()
    volunteer.shot("accepted")
    volunteer.check_accessibility("an accepted request")
    seeker.page.goto(base + "/center/volunteers/requests/")
    expect(seeker.page.get_by_text("omar@alumni.example.org").first).to_be_visible()
    seeker.shot("seeker-sees-acceptance")

    # The coach sees figures, not words.
    coach.page.goto(base + "/")
    row = coach.page.get_by_role("row", name="Mira Chen")
    expect(row).to_contain_text("1 (1 accepted)")
    assert MESSAGE_MARK not in coach.page.content()
    coach.shot("coach-dashboard")
    coach.check_accessibility("the coach's dashboard")
    row.get_by_role("link", name="Mira Chen").click()
    assert MESSAGE_MARK not in coach.page.content()
    coach.shot("coach-seeker")

    # The admin sees it in the cohort's figures.
    admin.page.get_by_role("link", name="Figures").first.click()
    admin.page.get_by_role("link", name="Economics 2027").click()
    facts = admin.page.locator("dl.facts")
    expect(facts).to_contain_text("100% (1 of 1 answered or expired)")
    assert MESSAGE_MARK not in admin.page.content()
    admin.shot("cohort-figures")
    admin.check_accessibility("a cohort's figures")

    for session in (admin, coach, volunteer, seeker):
        session.assert_no_problems()
