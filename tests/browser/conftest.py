"""Real-browser tests: Playwright drives Debian's Chromium against a real `coffeechat serve`.

Skipped with one line that says how to enable them when /usr/bin/chromium or the playwright
package is missing, so the README's test command passes on any machine. CI sets
CI_BROWSER_TESTS=required, which turns that skip into an error: CI must never skip them quietly.

Each journey gets its own server with an empty data folder. command_env strips DATABASE_URL
(and every COFFEECHAT_/DJANGO_ variable), so on the suite's PostgreSQL pass the server under
test still runs on SQLite in that folder: these tests are about the browser, not the database,
and the PostgreSQL pass covers the database through the other tests.

What a session collects, and the journey fails on at its end:
  - every JavaScript console error and uncaught exception (console "error" messages include
    failed loads such as a 404 or a CSP refusal);
  - every serious or critical axe-core violation on the pages checked;
  - a page wider than the viewport (sideways scrolling on the phone) at any screenshot;
  - a traceback in the server's output.
Screenshots go to test-artifacts/browser/<width>/<nn>-<step>.png, beside axe-report.txt with
every axe finding (minor and moderate ones too, for information).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.test_cli import LINK_RE, command_env, free_port

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE_JS = HERE / "vendor" / "axe.min.js"
FROZEN_COMMAND = HERE.parent / "frozen_command.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HOW_TO_ENABLE = (
    "install Debian's chromium (apt-get install chromium) and the playwright package "
    "(pip install -e '.[browser]') to run them"
)
SKIP_REASON = f"browser tests skipped: {HOW_TO_ENABLE}"
REQUIRED_VARIABLE = "CI_BROWSER_TESTS"  # "required": a missing browser is an error, not a skip
SERVER_START_SECONDS = 60  # a fresh migrate takes a few seconds; a slow CI box gets room
ACTION_TIMEOUT_MS = 10_000  # any one click, fill or expectation; each takes far less here
BAD_IMPACTS = ("serious", "critical")


def browser_missing() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} is missing"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing"
    return ""


def pytest_collection_modifyitems(config, items):
    ours = [item for item in items if HERE in Path(str(item.path)).parents]
    missing = browser_missing() if ours else ""
    if not missing:
        return
    if os.environ.get(REQUIRED_VARIABLE, "").strip().lower() == "required":
        raise pytest.UsageError(f"{REQUIRED_VARIABLE}=required, but {missing}: {HOW_TO_ENABLE}.")
    # One parametrized test: both widths share one location, so -ra prints one line.
    for item in ours:
        item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


# --- the server under test -------------------------------------------------------------------


@dataclass
class Server:
    base: str
    login_link: str
    data_dir: Path
    stderr_path: Path

    def tracebacks(self) -> str:
        text = self.stderr_path.read_text(errors="replace")
        return text if "Traceback" in text else ""


@pytest.fixture
def coffeechat_server(tmp_path):
    """A real `coffeechat serve` on a free port with an empty data folder, on the test's clock;
    always stopped."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    port = free_port()
    out_path, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        # The server runs on the test's frozen clock too, so dates the journey works out
        # ("tomorrow") are the server's.
        now = datetime.now(UTC).isoformat()
        command = ["serve", "--no-browser", "--port", str(port)]
        proc = subprocess.Popen(
            [sys.executable, str(FROZEN_COMMAND), now, *command],
            env=command_env(data_dir),
            cwd=tmp_path,
            stdout=out,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        match = None
        while match is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
            match = LINK_RE.search(out_path.read_text())
        # The link is printed after the socket is bound and the database migrated.
        assert match and int(match.group(1)) == port, (
            f"coffeechat serve printed no login link within {SERVER_START_SECONDS} s "
            f"(exit {proc.poll()}):\n{out_path.read_text()}{err_path.read_text()}"
        )
        yield Server(f"http://127.0.0.1:{port}", match.group(0), data_dir, err_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the module; Playwright is imported only when the tests run."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BrowserSession:
    """A page at one viewport, with what went wrong on it collected as the journey goes."""

    page: object  # playwright.sync_api.Page
    server: Server
    width: int
    artifacts: Path
    step: str = "start"
    shots: int = 0
    console_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    axe_log: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)
    reported: bool = False  # assert_no_problems ran: its failure already lists them

    # Recording --------------------------------------------------------------------------------

    def where(self) -> str:
        """Which step the journey was at: the last screenshot taken names it."""
        return f"after {self.step}" if self.shots else "at the start"

    def on_console(self, message) -> None:
        if message.type == "error":
            url = (message.location or {}).get("url", "") or self.page.url
            self.console_errors.append(f"[{self.where()}] console error: {message.text} ({url})")

    def on_page_error(self, error) -> None:
        self.console_errors.append(f"[{self.where()}] uncaught exception: {error}")

    def shot(self, name: str) -> Path:
        """A full-page screenshot of the step just done: <nn>-<name>.png."""
        self.shots += 1
        self.step = f"{self.shots:02d}-{name}"
        path = self.artifacts / f"{self.step}.png"
        self.page.screenshot(path=path, full_page=True)
        wide, viewport = self.page.evaluate(PAGE_WIDTH)
        if wide > viewport:  # on a phone: sideways scrolling to read the page
            self.layout.append(f"[{self.step}] the page is {wide}px wide in a {viewport}px view")
        return path

    def check_accessibility(self, what: str) -> None:
        """Run axe-core on the page as it is now; serious and critical violations are kept."""
        page = self.page
        # page.evaluate runs outside the page's Content-Security-Policy (script-src 'self'),
        # so the vendored file needs no inline <script> and no change to the CSP.
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(axe_source())
        found = page.evaluate(AXE_RUN)
        path = page.url.removeprefix(self.server.base)
        for rule in found:
            lines = [
                f"{what} ({path}) at {self.width}px: {rule['impact']} {rule['id']} — "
                f"{rule['help']} ({rule['helpUrl']})"
            ]
            lines += [f"    {node['target']}: {node['html']}" for node in rule["nodes"]]
            self.axe_log.append("\n".join(lines))
            if rule["impact"] in BAD_IMPACTS:
                self.violations.append("\n".join(lines))

    # Keyboard ---------------------------------------------------------------------------------

    def tab_to(self, selector: str, limit: int = 150):
        """Press Tab until the element matching `selector` has focus, and check it shows it."""
        page = self.page
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUSED_MATCHES, selector):
                outline = page.evaluate(FOCUS_OUTLINE)
                assert outline, f"{selector} has keyboard focus but no visible focus outline"
                return page.locator(selector)
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(
            f"{selector} was not reached with {limit} presses of Tab on {page.url} "
            f"(focus ended on {focused})"
        )

    def tab_and_type(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def tab_and_choose(self, selector: str, typed: str, expected_value: str) -> None:
        """Focus a <select> with Tab and pick an option by typing its first letters."""
        locator = self.tab_to(selector)
        self.page.keyboard.type(typed)
        assert locator.input_value() == expected_value, (
            f"typing {typed!r} in {selector} chose {locator.input_value()!r}"
        )

    # The end ----------------------------------------------------------------------------------

    def problems(self) -> str:
        parts = []
        if self.console_errors:
            parts.append("JavaScript console errors:\n" + "\n".join(self.console_errors))
        if self.violations:
            parts.append(
                "Accessibility (axe-core) serious or critical violations:\n"
                + "\n".join(self.violations)
            )
        if self.layout:
            parts.append("Pages wider than the viewport:\n" + "\n".join(self.layout))
        traceback = self.server.tracebacks()
        if traceback:
            parts.append("The server logged a traceback:\n" + traceback[-4000:])
        return "\n\n".join(parts)

    def assert_no_problems(self) -> None:
        problems = self.problems()
        self.reported = True
        if problems:
            pytest.fail(f"At {self.width}px:\n{problems}", pytrace=False)


FOCUSED_MATCHES = (
    "(selector) => !!document.activeElement && document.activeElement.matches(selector)"
)
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
FOCUS_OUTLINE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
}"""
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    helpUrl: rule.helpUrl,
    nodes: rule.nodes.map((node) => ({ target: node.target.join(" "), html: node.html })),
  }));
}"""


@functools.cache
def axe_source() -> str:
    assert AXE_JS.is_file(), f"{AXE_JS} is missing; see tests/browser/vendor/README.md"
    return AXE_JS.read_text(encoding="utf-8")


def new_session(chromium, server: Server, artifacts: Path, width: int, height: int):
    """A fresh browser context at one viewport, its page watched for console errors; returns
    (context, session). Screenshots go to `artifacts`, emptied first."""
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    phone = width < 640
    context = chromium.new_context(
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
        locale="en-US",
        timezone_id="UTC",
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    session = BrowserSession(page, server, width, artifacts)
    page.on("console", session.on_console)
    page.on("pageerror", session.on_page_error)
    return context, session


def close_sessions(request, opened) -> None:
    """After a test: a screenshot of a failure, the axe report, every context closed."""
    for context, session in opened:
        if getattr(request.node, "browser_call_failed", False) and not session.reported:
            with contextlib.suppress(Exception):
                session.shot("failure")
            problems = session.problems()
            if problems:
                print(f"\nCollected before the failure at {session.width}px:\n{problems}")
        if session.axe_log:
            report = "\n\n".join(session.axe_log) + "\n"
        else:
            report = "No axe-core violations of any impact.\n"
        (session.artifacts / "axe-report.txt").write_text(report, encoding="utf-8")
        with contextlib.suppress(Exception):
            context.close()


@pytest.fixture
def open_session(request, chromium, coffeechat_server):
    """open_session(width, height) -> a logged-in BrowserSession; its context is closed after."""
    opened: list[tuple[object, BrowserSession]] = []

    def open_(width: int, height: int) -> BrowserSession:
        context, session = new_session(
            chromium, coffeechat_server, ARTIFACTS / str(width), width, height
        )
        opened.append((context, session))
        page = session.page
        page.goto(coffeechat_server.login_link)
        assert page.url.rstrip("/") == coffeechat_server.base, (
            f"the one-time login link led to {page.url}"
        )
        return session

    yield open_
    close_sessions(request, opened)
