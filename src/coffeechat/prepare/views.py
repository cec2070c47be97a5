"""Pages of step 3: the seeker's profile, the elevator pitch, the question bank, documents."""

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from coffeechat.accounts.clock import get_profile
from coffeechat.core.crud import Column, Entity, register
from coffeechat.core.views import owned_object, require_methods
from coffeechat.lib import drafting
from coffeechat.lib import pitch as pitch_rules
from coffeechat.lib.drafting import phrases
from coffeechat.lib.etiquette import check_question
from coffeechat.prepare import documents as document_files
from coffeechat.prepare import forms
from coffeechat.prepare.models import Document, Pitch, Question

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
        form_context=lambda request, pitch, form: pitch_preview(
            [_shown(form, name) for name in PITCH_PARTS], _shown(form, "text")
        ),
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

documents = register(
    Entity(
        model=Document,
        form_class=forms.DocumentForm,
        namespace="prepare",
        slug="documents",
        description="Your résumé versions and other files you may send after a conversation.",
        columns=[
            Column("Title", "title", link=True),
            Column("Kind", "kind"),
            Column("File", "original_name"),
            Column("Uploaded", "created_at"),
        ],
        search_fields=("title", "original_name", "notes"),
        filters=("kind",),
        hidden_fields=("stored_name", "sha256", "content_type"),
    )
)

ENTITIES = [pitches, questions, documents]


@owned_object(Document, "GET", "HEAD")
def document_download(request: HttpRequest, document: Document) -> HttpResponse:
    """The file exactly as uploaded, always as an attachment under the user's own file name."""
    try:
        data = document_files.read(document.stored_name)  # at most the upload limit
    except FileNotFoundError:
        raise Http404("The file of this document is missing from the upload folder.") from None
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_methods("GET", "POST")
def profile(request: HttpRequest) -> HttpResponse:
    instance = get_profile(request.user)
    form = forms.SeekerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved your profile.")
        return redirect("prepare:profile")
    preview = _profile_preview(request.user, form.data if form.is_bound else None, instance)
    return render(request, "prepare/profile.html", {"form": form, **preview})


@require_methods("POST")
def profile_preview(request: HttpRequest) -> HttpResponse:
    """How drafts will introduce and sign for the seeker, from the profile being typed."""
    preview = _profile_preview(request.user, request.POST, get_profile(request.user))
    return render(request, "prepare/_profile_preview.html", preview)


def _profile_preview(user, data, profile) -> dict:
    def typed(name: str) -> str:
        return data.get(name, "") if data is not None else getattr(profile, name)

    writer = drafting.Writer(
        name=typed("display_name"),
        role=typed("current_role"),
        school=typed("school"),
        exploring=general_pitch_exploring(user),
        signature=typed("signature"),
    )
    return {"introduction": drafting.about_me(writer), "signed": drafting.signature(writer)}


def general_pitch_exploring(user) -> str:
    pitch = (
        Pitch.objects.owned_by(user)
        .filter(contact__isnull=True)
        .exclude(what_i_am_exploring="")
        .first()
    )
    return pitch.what_i_am_exploring if pitch else ""


@require_methods("POST")
def pitch_timing(request: HttpRequest) -> HttpResponse:
    """The pitch being typed as it will be said, its speaking time, and what the written
    requests will take from it (an HTMX partial)."""
    parts = [request.POST.get(name, "") for name in PITCH_PARTS]
    preview = pitch_preview(parts, request.POST.get("text", ""))
    return render(request, "prepare/_pitch_timing.html", preview)


def pitch_preview(parts, text: str) -> dict:
    text = text.strip()
    assembled = pitch_rules.assemble(parts)
    exploring = parts[PITCH_PARTS.index("what_i_am_exploring")]
    topic = phrases.topic(exploring)
    return {
        "timing": pitch_rules.timing(text or assembled),
        "assembled": "" if text else assembled,
        "in_requests": f"I'm exploring {topic}." if topic else "",
        "exploring_unread": bool(exploring.strip()) and not topic,
    }


PITCH_PARTS = pitch_rules.PARTS


def _shown(form, name: str) -> str:
    """A field's value as the form shows it: what was posted, or what it starts with."""
    if form.is_bound:
        return form.data.get(name, "")
    return form.initial.get(name, "") or getattr(form.instance, name, "") or ""
