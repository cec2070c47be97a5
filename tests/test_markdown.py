"""Notes are Markdown rendered, then sanitized: formatting survives, active content never does."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.lib.markdown import ALLOWED_TAGS, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="#" hx-get="/accounts/logout/" hx-trigger="load">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<iframe src=https://example.com></iframe>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="vbscript:msgbox(1)">x</a>',
    "![x](https://example.com/x.png)",
    "<style>body{display:none}</style>",
    "<form action=/accounts/logout/><button>go</button></form>",
]


def _is_safe(html: str) -> bool:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if tag.name not in ALLOWED_TAGS:
            return False
        for attribute, value in tag.attrs.items():
            if attribute.startswith(("on", "hx-", "data-")) or attribute in ("style", "src"):
                return False
            if attribute == "href" and not str(value).startswith(
                ("http:", "https:", "mailto:", "tel:")
            ):
                return False
    return True


@pytest.mark.parametrize("payload", PAYLOADS)
def test_active_content_is_removed(payload):
    html = render_markdown(payload)
    assert _is_safe(html), html
    assert "<script" not in html.lower()


def test_formatting_survives():
    html = render_markdown("## Path\n\n- **SQL** first\n- read [the survey](https://example.com/s)")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h2.text == "Path"
    assert soup.strong.text == "SQL"
    link = soup.a
    assert link["href"] == "https://example.com/s"
    assert "noopener" in link["rel"] and "nofollow" in link["rel"]


def test_raw_html_is_shown_as_text_not_dropped():
    html = render_markdown("Use <b>tags</b> carefully")
    assert "&lt;b&gt;tags&lt;/b&gt;" in html


def test_empty_notes_render_nothing():
    assert render_markdown("") == ""
    assert render_markdown("  \n ") == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' :()[]!#*-_`aehijlnoprstvx\n")), max_size=80))
def test_any_text_renders_safe_html(text):
    assert _is_safe(render_markdown(text))


def test_notes_show_formatted_on_detail_pages(seeker_client, seeker):
    from tests.factories import make_organization

    org = make_organization(seeker, notes="**Hiring** in spring <script>alert(1)</script>")
    html = seeker_client.get(org.get_absolute_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    prose = soup.select_one(".prose")
    assert prose.strong.text == "Hiring"
    assert prose.find("script") is None


def test_links_into_the_app_are_dropped():
    html = render_markdown("[log out](/accounts/logout/) and [nothing]()")
    assert "href" not in html
