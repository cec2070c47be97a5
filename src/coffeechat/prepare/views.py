"""Pages of step 3: the seeker's profile, the elevator pitch and the question bank."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coffeechat.core.crud import Column, Entity, register
from coffeechat.lib import pitch as pitch_rules
from coffeechat.lib.etiquette import check_question
from coffeechat.prepare import forms
from coffeechat.prepare.models import Pitch, Question
from coffeechat.prepare.profiles import get_profile

pitches = register(
    Entity(
        model=Pitch,
        form_class=forms.PitchForm,
        namespace="prepare",
        slug="pitches",
        description="Your elevator pitch; every change is kept as a new version.",
        columns=[
            Column("Version", "created_at", link=True),
            Column("For", "contact"),
            Column("Pitch", "spoken_text"),
        ],
        list_select_related=("contact",),
        search_fields=("text", "who_i_am", "what_i_am_exploring"),
        parents=("contact",),
        form_context=lambda request, pitch: {
            "timing": pitch_rules.timing(pitch.spoken_text if pitch else "")
        },
        extra_detail_context=lambda request, pitch: {
            "timing": pitch_rules.timing(pitch.spoken_text),
            "versions": Pitch.objects.owned_by(request.user)
            .filter(contact_id=pitch.contact_id)
            .exclude(pk=pitch.pk)
            .order_by("-created_at")[:10],
        },
    )
)

questions = register(
    Entity(
        model=Question,
        form_class=forms.QuestionForm,
        namespace="prepare",
        slug="questions",
        description="Open-ended questions you can draw on for any conversation.",
        columns=[
            Column("Question", "text", link=True),
            Column("Category", "category"),
            Column("TIARA", "tiara"),
            Column("Hidden", "hidden"),
        ],
        search_fields=("text",),
        filters=("category", "tiara"),
        extra_detail_context=lambda request, question: {
            "findings": check_question(question.text),
            "checked": True,
        },
    )
)

ENTITIES = [pitches, questions]


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    instance = get_profile(request.user)
    form = forms.SeekerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved your profile.")
        return redirect("prepare:profile")
    return render(request, "prepare/profile.html", {"form": form})


@require_http_methods(["POST"])
def pitch_timing(request: HttpRequest) -> HttpResponse:
    """Word count and speaking time of the pitch being typed (an HTMX partial)."""
    parts = [request.POST.get(name, "") for name in PITCH_PARTS]
    text = request.POST.get("text", "").strip() or pitch_rules.assemble(parts)
    return render(request, "prepare/_pitch_timing.html", {"timing": pitch_rules.timing(text)})


PITCH_PARTS = (
    "who_i_am",
    "what_i_have_done",
    "what_i_am_exploring",
    "why_this_person",
    "what_i_am_asking",
)
