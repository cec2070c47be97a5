"""Review by a coach, both sides: the seeker asks and decides, the coach comments and
suggests. Rows come from coffeechat.center.access; statuses change in center.reviews."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coffeechat.center import access, reviews
from coffeechat.center.coaching_forms import AnswerReviewForm, AskReviewForm, coach_name
from coffeechat.center.models import Review, Role
from coffeechat.conversations.models import Conversation
from coffeechat.core.ids import parse_id
from coffeechat.core.views import require_methods, rows_first
from coffeechat.lib.text_diff import changed_words, word_diff
from coffeechat.outreach.models import Message
from coffeechat.prepare.models import Pitch

# What can be reviewed, by the query parameter that names it.
REVIEWABLE = {"message": Message, "pitch": Pitch, "conversation": Conversation}


def _row_to_review(request: HttpRequest):
    """The seeker's own draft, pitch or conversation named in the query, or a 404."""
    for name, model in REVIEWABLE.items():
        if name in request.GET:
            pk = parse_id(request.GET[name])
            if pk is None:
                break
            return name, model.get_for_user(request.user, pk)
    raise Http404("Choose a draft, a pitch or a conversation plan to have reviewed.")


@require_methods("GET", "POST")
def review_ask(request: HttpRequest) -> HttpResponse:
    access.require_role(request.user, Role.SEEKER)
    name, row = _row_to_review(request)
    shares = access.shares_given(request.user)
    try:
        preview = reviews.snapshot(row)
    except reviews.ReviewError as refusal:
        messages.error(request, str(refusal))
        return redirect(row.get_absolute_url())
    form = AskReviewForm(request.POST or None, shares=shares)
    if request.method == "POST" and form.is_valid():
        try:
            review = reviews.ask(form.cleaned_data["share"], row, form.cleaned_data["question"])
        except reviews.ReviewError as refusal:
            form.add_error(None, str(refusal))
        else:
            coach = coach_name(review.coach)
            messages.success(request, f"Sent to {coach}. You will get an email when they reply.")
            return redirect("center:review_detail", review.pk)
    context = {"form": form, "preview": preview, "row": row, "has_shares": shares.exists()}
    return render(request, "center/reviews/ask.html", context)


@require_methods("GET")
def review_list(request: HttpRequest) -> HttpResponse:
    access.require_role(request.user, Role.SEEKER)
    rows = access.reviews_for_seeker(request.user).order_by("-created_at")[:200]
    return render(request, "center/reviews/list.html", {"reviews": rows})


@rows_first("GET", "POST", review_id=access.review_for_seeker)
def review_detail(request: HttpRequest, review: Review) -> HttpResponse:
    if request.method == "POST":
        action = {"accept": reviews.accept, "keep": reviews.keep, "withdraw": reviews.withdraw}
        move = action.get(request.POST.get("action", ""))
        if move is None:
            messages.error(request, "Choose to accept the suggestion, keep your text or withdraw.")
        else:
            try:
                move(review)
            except reviews.ReviewError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, _done_sentence(review))
        return redirect("center:review_detail", review.pk)
    return render(request, "center/reviews/detail.html", _detail_context(review, seeker=True))


def _done_sentence(review: Review) -> str:
    return {
        Review.Status.ACCEPTED: "The suggestion is in your text now.",
        Review.Status.KEPT: "You kept your own text.",
        Review.Status.WITHDRAWN: "Withdrawn: your coach no longer sees this request.",
    }.get(review.status, "Saved.")


def _detail_context(review: Review, *, seeker: bool) -> dict:
    pieces = word_diff(review.original, review.suggestion) if review.suggestion else []
    current = reviews.current_text(review) if seeker else None
    return {
        "review": review,
        "pieces": pieces,
        "changed": changed_words(pieces) if pieces else None,
        "changed_since": current is not None and current.strip() != review.original.strip(),
        "seeker_view": seeker,
    }


# ---------------------------------------------------------------- the coach's side


@require_methods("GET")
def coach_reviews(request: HttpRequest) -> HttpResponse:
    access.require_role(request.user, Role.COACH)
    rows = access.reviews_for_coach(request.user)
    waiting = [review for review in rows if review.status == Review.Status.OPEN]
    done = [review for review in rows if review.status != Review.Status.OPEN][:50]
    return render(request, "center/reviews/coach_list.html", {"waiting": waiting, "done": done})


@rows_first("GET", "POST", review_id=access.review_for_coach)
def coach_review(request: HttpRequest, review: Review) -> HttpResponse:
    initial = {"comment": review.comment, "suggestion": review.suggestion or review.original}
    form = AnswerReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.answer(review, form.cleaned_data["comment"], form.cleaned_data["suggestion"])
        except reviews.ReviewError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Sent. The seeker gets an email saying you replied.")
            return redirect("center:coach_reviews")
    context = {**_detail_context(review, seeker=False), "form": form}
    return render(request, "center/reviews/coach_review.html", context)
