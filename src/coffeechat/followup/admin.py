from coffeechat.core.admin import register_owned
from coffeechat.followup.models import JobLead, Task

register_owned(Task, JobLead)
