"""Pages of step 2: the people to ask, how the seeker knows them, and what happened with them."""

from coffeechat.core.crud import Column, Entity, Related, register
from coffeechat.people import forms
from coffeechat.people.models import Contact, Interaction, Tag

contacts = register(
    Entity(
        model=Contact,
        form_class=forms.ContactForm,
        namespace="people",
        slug="contacts",
        description="The people you could ask, and how you know them.",
        columns=[
            Column("Name", "name", link=True),
            Column("Title", "title"),
            Column("Organization", "organization"),
            Column("How you know them", "source"),
            Column("Seniority", "tier"),
            Column("Tags", "tags"),
        ],
        list_select_related=("organization",),
        list_prefetch_related=("tags",),
        search_fields=("first_name", "last_name", "email", "title", "organization__name"),
        filters=("source", "tier"),
        parents=("organization", "referred_by"),
        hidden_fields=("linkedin_key",),
        related=[
            Related(
                "Conversations",
                "conversations:conversation",
                "contact",
                [Column("Conversation", "status", link=True), Column("When", "scheduled_at")],
            ),
            Related(
                "Messages",
                "outreach:message",
                "contact",
                [
                    Column("Message", "kind", link=True),
                    Column("Channel", "channel"),
                    Column("Status", "status"),
                ],
            ),
            Related(
                "Interactions",
                "people:interaction",
                "contact",
                [
                    Column("When", "occurred_at", link=True),
                    Column("Kind", "kind"),
                    Column("Summary", "summary"),
                ],
            ),
            Related(
                "People they led you to",
                "people:contact",
                "referred_by",
                [Column("Name", "name", link=True), Column("Organization", "organization")],
                select_related=("organization",),
            ),
            Related(
                "Tasks",
                "followup:task",
                "contact",
                [
                    Column("Task", "title", link=True),
                    Column("Due", "due_on"),
                    Column("Done", "done"),
                ],
            ),
        ],
    )
)

interactions = register(
    Entity(
        model=Interaction,
        form_class=forms.InteractionForm,
        namespace="people",
        slug="interactions",
        columns=[
            Column("When", "occurred_at", link=True),
            Column("Person", "contact"),
            Column("Kind", "kind"),
            Column("Direction", "direction"),
            Column("Summary", "summary"),
        ],
        list_select_related=("contact",),
        search_fields=("summary", "contact__first_name", "contact__last_name"),
        filters=("kind",),
        parents=("contact", "conversation"),
    )
)

tags = register(
    Entity(
        model=Tag,
        form_class=forms.TagForm,
        namespace="people",
        slug="tags",
        columns=[Column("Tag", "name", link=True)],
        search_fields=("name",),
        related=[
            Related(
                "People",
                "people:contact",
                "tags",
                [Column("Name", "name", link=True), Column("Organization", "organization")],
                select_related=("organization",),
            )
        ],
    )
)

ENTITIES = [contacts, interactions, tags]
