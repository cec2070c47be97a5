"""Template helpers for links to people and to messages for them."""

from __future__ import annotations

from django import template

from coffeechat.people.links import draft_url

register = template.Library()


@register.simple_tag(name="draft_url")
def draft_url_tag(contact_id, conversation_id=None, kind: str = "") -> str:
    return draft_url(contact_id, conversation_id, kind)
