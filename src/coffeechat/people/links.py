"""The one place that builds links to a message draft to a person, for pages, Today and the CLI.

Writing to someone is what every step leads to, so the link lives with the people; the page it
opens is outreach's, reached by its URL name."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse


def draft_url(
    contact_id: int,
    conversation_id: int | None = None,
    kind: str = "",
    *,
    about: int | None = None,
) -> str:
    """The message form for this person; with a kind, pre-filled with that kind of draft.

    `about` is the person the message is about: for an "introduction" draft, the contact the
    reader (`contact_id`, the one who knows them) would introduce the seeker to."""
    params: dict[str, object] = {"contact": contact_id}
    if conversation_id:
        params["conversation"] = conversation_id
    if kind:
        params.update(kind=kind, draft=1)
    if about:
        params["about"] = about
    return f"{reverse('outreach:message_create')}?{urlencode(params)}"
