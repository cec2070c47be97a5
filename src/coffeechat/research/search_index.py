"""What of step 1 the search box finds: organizations, career fields and news."""

from __future__ import annotations

from coffeechat.research.models import CareerField, NewsItem, Organization
from coffeechat.search.indexing import Indexed, join, register


def organization_text(org: Organization) -> tuple[str, str]:
    return org.name, join(org.industry, org.location, org.departments, org.website, org.notes)


def field_text(field: CareerField) -> tuple[str, str]:
    return field.name, join(field.industry, field.why_interested, field.notes)


def news_text(news: NewsItem) -> tuple[str, str]:
    return news.title, news.summary


def register_search() -> None:
    register(
        Indexed(
            Organization, "organization", "Organizations", 20, organization_text, shown=("name",)
        )
    )
    register(Indexed(CareerField, "careerfield", "Fields", 30, field_text, shown=("name",)))
    register(
        Indexed(
            NewsItem,
            "newsitem",
            "News",
            70,
            news_text,
            select_related=("organization",),  # shown beside the item's title
            shown=("title", "organization__name"),
        )
    )
