"""Pages of step 5: conversations, their agendas and their takeaways."""

from coffeechat.conversations import forms
from coffeechat.conversations.models import AgendaItem, Conversation, Takeaway
from coffeechat.conversations.rhythm_context import conversation_rhythm
from coffeechat.core.crud import Column, Entity, Related, register

conversations = register(
    Entity(
        model=Conversation,
        form_class=forms.ConversationForm,
        namespace="conversations",
        slug="conversations",
        description="Every informational interview, from planned to keeping in touch.",
        columns=[
            Column("With", "contact", link=True),
            Column("Organization", "organization"),
            Column("Field", "field"),
            Column("Status", "status"),
            Column("When", "local_start"),
            Column("Minutes", "agreed_minutes"),
        ],
        list_select_related=("contact", "organization", "field"),
        search_fields=(
            "contact__first_name",
            "contact__last_name",
            "goals",
            "notes",
            "organization__name",
        ),
        filters=("status", "medium"),
        parents=("contact", "field", "organization"),
        extra_detail_context=lambda request, conversation: conversation_rhythm(conversation),
        related=[
            Related(
                "Agenda",
                "conversations:agendaitem",
                "conversation",
                [
                    Column("Question", "text", link=True),
                    Column("Minutes", "minutes"),
                    Column("Asked", "asked"),
                ],
            ),
            Related(
                "Takeaways",
                "conversations:takeaway",
                "conversation",
                [Column("Takeaway", "text", link=True), Column("Category", "category")],
            ),
            Related(
                "Messages",
                "outreach:message",
                "conversation",
                [Column("Message", "label", link=True), Column("Status", "status")],
                select_related=("contact",),
            ),
            Related(
                "Tasks",
                "followup:task",
                "conversation",
                [
                    Column("Task", "title", link=True),
                    Column("Due", "due_on"),
                    Column("Done", "done"),
                ],
            ),
            Related(
                "Job leads",
                "followup:joblead",
                "conversation",
                [Column("Role", "role", link=True), Column("Status", "status")],
            ),
        ],
    )
)

agenda_items = register(
    Entity(
        model=AgendaItem,
        form_class=forms.AgendaItemForm,
        namespace="conversations",
        slug="agenda",
        columns=[
            Column("Question", "text", link=True),
            Column("Conversation", "conversation"),
            Column("Minutes", "minutes"),
            Column("Asked", "asked"),
        ],
        list_select_related=("conversation__contact",),
        search_fields=("text", "notes"),
        parents=("conversation", "question"),
    )
)

takeaways = register(
    Entity(
        model=Takeaway,
        form_class=forms.TakeawayForm,
        namespace="conversations",
        slug="takeaways",
        columns=[
            Column("Takeaway", "text", link=True),
            Column("Category", "category"),
            Column("Conversation", "conversation"),
        ],
        list_select_related=("conversation__contact",),
        search_fields=("text",),
        filters=("category",),
        parents=("conversation",),
    )
)

ENTITIES = [conversations, agenda_items, takeaways]
