"""Pages of step 1: career fields, their open questions, organizations, news and links."""

from django.conf import settings
from django.contrib import messages

from coffeechat.core.crud import Column, Entity, Related, register
from coffeechat.research import forms
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
    with_advocacy,
)

fields = register(
    Entity(
        model=CareerField,
        form_class=forms.CareerFieldForm,
        namespace="research",
        slug="fields",
        description="Career fields you are learning about, and what you still want to know.",
        columns=[
            Column("Field", "name", link=True),
            Column("Status", "status"),
            Column("Industry", "industry"),
        ],
        search_fields=("name", "industry", "notes"),
        filters=("status",),
        related=[
            Related(
                "Open questions",
                "research:openquestion",
                "field",
                [Column("Question", "text", link=True)],
            ),
            Related(
                "Organizations",
                "research:organization",
                "fields",
                [Column("Organization", "name", link=True), Column("Motivation", "motivation")],
            ),
            Related(
                "Conversations",
                "conversations:conversation",
                "field",
                [Column("Conversation", "contact", link=True), Column("Status", "status")],
                select_related=("contact",),
            ),
            Related(
                "Links",
                "research:researchlink",
                "field",
                [Column("Link", "title", link=True), Column("URL", "url")],
            ),
        ],
    )
)

open_questions = register(
    Entity(
        model=OpenQuestion,
        form_class=forms.OpenQuestionForm,
        namespace="research",
        slug="open-questions",
        columns=[Column("Question", "text", link=True), Column("Field", "field")],
        list_select_related=("field",),
        search_fields=("text",),
        parents=("field",),
    )
)


def focus_notice(request) -> str:
    """The warning shown when more organizations are in focus than a seeker can work on."""
    count = Organization.objects.owned_by(request.user).filter(in_focus=True).count()
    limit = settings.FOCUS_LIMIT
    if count <= limit:
        return ""
    return (
        f"{count} organizations are in focus; work on at most {limit} at a time, so each gets "
        "real attention. Take some out of focus until you hear back."
    )


def warn_about_focus(request, organization) -> None:
    notice = focus_notice(request)
    if notice and getattr(organization, "in_focus", False):
        messages.warning(request, notice)


organizations = register(
    Entity(
        model=Organization,
        form_class=forms.OrganizationForm,
        namespace="research",
        slug="organizations",
        description=(
            "Your target list (LAMP): ranked by motivation, then relevant postings, then "
            "whether you know someone there who could advocate for you."
        ),
        columns=[
            Column("Organization", "name", link=True),
            Column("Motivation", "motivation"),
            Column("Posting", "posting"),
            Column("Advocacy", "advocacy"),
            Column("In focus", "in_focus"),
            Column("Fields", "fields"),
        ],
        list_annotate=with_advocacy,
        list_notice=focus_notice,
        after_save=warn_about_focus,
        numbered=True,
        list_prefetch_related=("fields",),
        search_fields=("name", "industry", "location", "notes"),
        related=[
            Related(
                "People",
                "people:contact",
                "organization",
                [
                    Column("Name", "name", link=True),
                    Column("Title", "title"),
                    Column("Source", "source"),
                ],
            ),
            Related(
                "News",
                "research:newsitem",
                "organization",
                [Column("Title", "title", link=True), Column("Date", "published_on")],
            ),
            Related(
                "Conversations",
                "conversations:conversation",
                "organization",
                [Column("Conversation", "contact", link=True), Column("Status", "status")],
                select_related=("contact",),
            ),
            Related(
                "Job leads",
                "followup:joblead",
                "organization",
                [Column("Role", "role", link=True), Column("Status", "status")],
            ),
            Related(
                "Links",
                "research:researchlink",
                "organization",
                [Column("Link", "title", link=True), Column("URL", "url")],
            ),
        ],
    )
)

news = register(
    Entity(
        model=NewsItem,
        form_class=forms.NewsItemForm,
        namespace="research",
        slug="news",
        columns=[
            Column("Title", "title", link=True),
            Column("Organization", "organization"),
            Column("Date", "published_on"),
        ],
        list_select_related=("organization",),
        search_fields=("title", "summary", "organization__name"),
        parents=("organization",),
    )
)

links = register(
    Entity(
        model=ResearchLink,
        form_class=forms.ResearchLinkForm,
        namespace="research",
        slug="links",
        columns=[
            Column("Title", "title", link=True),
            Column("Field", "field"),
            Column("Organization", "organization"),
        ],
        list_select_related=("field", "organization"),
        search_fields=("title", "url"),
        parents=("field", "organization"),
    )
)

ENTITIES = [fields, open_questions, organizations, news, links]
