from coffeechat.core.admin import register_owned
from coffeechat.research.models import (
    CareerField,
    NewsItem,
    OpenQuestion,
    Organization,
    ResearchLink,
)

register_owned(CareerField, OpenQuestion, Organization, NewsItem, ResearchLink)
