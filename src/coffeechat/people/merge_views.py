"""Pages for finding contacts entered twice and merging them into one.

Both contacts of a merge are reached through Contact.get_for_user, so another user's
contact is a 404 whichever side of the merge it is on. GET only shows; POST merges.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst

from coffeechat.core.ids import parse_id
from coffeechat.core.views import owned_object, require_methods
from coffeechat.people.duplicates import exact_duplicate_groups, likely_duplicate_pairs
from coffeechat.people.merging import (
    CHOICES,
    JOINED_FIELDS,
    KEEP,
    OTHER,
    is_empty,
    joined_text,
    merge_contacts,
    merge_fields,
)
from coffeechat.people.models import Contact

MAX_GROUPS_SHOWN = 200
# The kinds a seeker checks first; any other model pointing at contacts follows.
_COUNT_ORDER = {
    label: position
    for position, label in enumerate(
        (
            "people.interaction",
            "outreach.message",
            "conversations.conversation",
            "followup.task",
            "followup.joblead",
            "prepare.pitch",
        )
    )
}
SELF_MERGE_MESSAGE = "A contact cannot be merged with itself. Pick two different contacts."


@require_methods("GET")
def duplicates(request: HttpRequest) -> HttpResponse:
    groups = exact_duplicate_groups(request.user)
    context = {
        "groups": groups[:MAX_GROUPS_SHOWN],
        "group_count": len(groups),
        "pairs": likely_duplicate_pairs(request.user),
    }
    return render(request, "people/duplicates.html", context)


@owned_object(Contact, "GET", "POST")
def merge(request: HttpRequest, keep: Contact) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    other_id = (source.get("with") or request.GET.get("with") or "").strip()
    if not other_id:
        messages.info(request, f"Pick the contact to merge with “{keep}” from this list.")
        return redirect("people:duplicates")
    if parse_id(other_id) is None:
        raise Http404("No such contact.")
    other = Contact.get_for_user(request.user, parse_id(other_id))
    if other.pk == keep.pk:
        messages.error(request, SELF_MERGE_MESSAGE)
        return redirect(keep.get_absolute_url())

    if request.method == "POST":
        choices = {
            field.name: request.POST[field.name]
            for field in merge_fields()
            if request.POST.get(field.name) in CHOICES
        }
        other_name = str(other)
        try:
            kept = merge_contacts(keep, other, choices)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect(f"{reverse('people:contact_merge', args=[keep.pk])}?with={other.pk}")
        messages.success(
            request,
            f"Merged “{other_name}” into “{kept}”: everything linked to either is now here.",
        )
        return redirect(kept.get_absolute_url())

    context = {
        "keep": keep,
        "other": other,
        "rows": _comparison_rows(keep, other),
        "keep_tags": list(keep.tags.all()),
        "other_tags": list(other.tags.all()),
        "counts": _related_counts(keep, other),
    }
    return render(request, "people/contact_merge.html", context)


def _shown(contact: Contact, field) -> object:
    """A field's value as a person reads it (the label of a choice, the name of a relation)."""
    if field.is_relation:
        return getattr(contact, field.name)
    if field.choices:
        return getattr(contact, f"get_{field.name}_display")()
    return getattr(contact, field.attname)


def _comparison_rows(keep: Contact, other: Contact) -> list[dict]:
    """One row per field either contact has filled in; a choice where they differ."""
    rows = []
    for field in merge_fields():
        kept_raw, other_raw = getattr(keep, field.attname), getattr(other, field.attname)
        if is_empty(kept_raw) and is_empty(other_raw):
            continue
        joined = field.name in JOINED_FIELDS
        differs = kept_raw != other_raw
        rows.append(
            {
                "name": field.name,
                "label": capfirst(field.verbose_name),
                "keep_value": _shown(keep, field),
                "other_value": _shown(other, field),
                "long": joined,
                "choose": differs and not joined,
                "both_kept": joined
                and joined_text(kept_raw, other_raw) not in (kept_raw, other_raw),
                "default": OTHER if is_empty(kept_raw) and not is_empty(other_raw) else KEEP,
            }
        )
    return rows


def _related_counts(keep: Contact, other: Contact) -> list[dict]:
    """How many rows of each kind point at each contact: all of them end up on the kept one."""
    counts = []
    pks = [keep.pk, other.pk]
    relations = sorted(
        (r for r in Contact._meta.related_objects if not r.many_to_many),
        key=lambda r: _COUNT_ORDER.get(r.related_model._meta.label_lower, len(_COUNT_ORDER)),
    )
    for relation in relations:
        model, fk = relation.related_model, relation.field.name
        rows = model._base_manager.filter(**{f"{fk}__in": pks})
        if model is Contact:
            rows = rows.exclude(pk__in=pks)
            label = "People they referred"
        else:
            label = capfirst(model._meta.verbose_name_plural)
        found = dict(rows.order_by().values(fk).annotate(n=Count("pk")).values_list(fk, "n"))
        counts.append(
            {"label": label, "keep": found.get(keep.pk, 0), "other": found.get(other.pk, 0)}
        )
    return counts
