"""Pages of step 6: tasks (thank-yous, promises, follow-ups) and job leads."""

from coffeechat.core.crud import Column, Entity, register
from coffeechat.followup import forms
from coffeechat.followup.models import JobLead, Task

tasks = register(
    Entity(
        model=Task,
        form_class=forms.TaskForm,
        namespace="followup",
        slug="tasks",
        description="What you promised and what is due.",
        columns=[
            Column("Task", "title", link=True),
            Column("Kind", "kind"),
            Column("Due", "due_on"),
            Column("Done", "done"),
            Column("Person", "contact"),
        ],
        list_select_related=("contact",),
        search_fields=("title", "notes"),
        filters=("kind",),
        parents=("contact", "conversation"),
    )
)

job_leads = register(
    Entity(
        model=JobLead,
        form_class=forms.JobLeadForm,
        namespace="followup",
        slug="job-leads",
        description="Openings you heard about; you never asked for them.",
        columns=[
            Column("Role", "role", link=True),
            Column("Organization", "organization"),
            Column("Status", "status"),
            Column("Heard from", "contact"),
        ],
        list_select_related=("organization", "contact"),
        search_fields=("role", "notes", "organization__name"),
        filters=("status",),
        parents=("organization", "contact", "conversation"),
    )
)

ENTITIES = [tasks, job_leads]
