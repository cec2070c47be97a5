from coffeechat.core.forms import OwnedModelForm
from coffeechat.followup.models import JobLead, Task


class TaskForm(OwnedModelForm):
    class Meta:
        model = Task
        fields = ["title", "kind", "due_on", "done", "contact", "conversation", "notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = self.fields["conversation"].queryset.select_related(
            "contact"
        )


class JobLeadForm(OwnedModelForm):
    class Meta:
        model = JobLead
        fields = ["role", "organization", "url", "status", "contact", "conversation", "notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conversation"].queryset = self.fields["conversation"].queryset.select_related(
            "contact"
        )
