"""The Today home page: the seeker's day in groups, tasks ticked off in place, drafts waiting,
and, until the first request is sent, the steps to get there."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.center.navigation import home_of
from coffeechat.conversations import lifecycle
from coffeechat.core.views import owned_object, require_methods
from coffeechat.followup.models import Task
from coffeechat.outreach.models import Message
from coffeechat.today.items import kept_today_groups
from coffeechat.today.onboarding import checklist


@require_methods("GET")
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    home = home_of(user)  # a coach, volunteer or center admin starts at their own page
    if home is not None:
        return redirect(home)
    drafts = (
        Message.objects.owned_by(user)
        .filter(status=Message.Status.DRAFT)
        .select_related("contact")
        .order_by("-updated_at")[:10]
    )
    context = {
        "groups": kept_today_groups(user),
        "drafts": drafts,
        "onboarding": checklist(user),
    }
    return render(request, "today/today.html", context)


@owned_object(Task, "POST")
def task_done(request: HttpRequest, task: Task) -> HttpResponse:
    """Tick a task off from Today: in place with HTMX, else back to Today."""
    lifecycle.task_done(task)
    if request.htmx:
        return render(request, "today/_task_done.html", {"task": task})
    messages.success(request, f"Done: {task.title}")
    return redirect("today:today")
