"""List, detail, create, edit and delete pages for an owned model, described declaratively.

Each domain app describes its models as Entity objects; the views here stay thin and always
reach rows through the model's owner-scoped helper, so another user's row is a 404.
URL keyword arguments are named `<model_name>_id`; the stranger test relies on that.

A page may show what apps above its own know about the object (a person's page shows how
quickly they answered requests): those apps add it with `extend_detail`, by entity name, so
the app that owns the page never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst

from coffeechat.core.display import display
from coffeechat.core.forms import OwnedModelForm
from coffeechat.core.ids import parse_id
from coffeechat.core.models import OwnedModel
from coffeechat.core.timezones import in_own_zone
from coffeechat.core.views import owned_object, require_methods

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    label: str
    attr: str  # dotted path from the row, or a method name without arguments
    link: bool = False


@dataclass(frozen=True)
class Related:
    """A section of a detail page listing rows that point at the object."""

    title: str
    entity_name: str  # "namespace:model_name" of the related entity
    fk: str  # the related model's field that points at the object
    columns: Sequence[Column]
    select_related: tuple[str, ...] = ()


@dataclass
class Entity:
    model: type[OwnedModel]
    form_class: type[OwnedModelForm]
    namespace: str
    slug: str
    columns: Sequence[Column]
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple[str, ...] = ()
    search_fields: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()  # choice fields offered as filters on the list
    parents: tuple[str, ...] = ()  # foreign keys that ?name=<id> pre-fills on "new"
    related: Sequence[Related] = ()
    hidden_fields: tuple[str, ...] = ()  # left out of the detail page's field table
    # Field name -> attribute of the object that the detail page shows instead of the field's
    # value (a value with a note, e.g. a seniority inferred from the job title).
    shown_as: dict[str, str] = field(default_factory=dict)
    extra_detail_context: Callable[[HttpRequest, Model], dict] | None = None
    list_annotate: Callable[[QuerySet], QuerySet] | None = None  # e.g. derived columns
    list_notice: Callable[[HttpRequest], str] | None = None  # a warning above the list
    after_save: Callable[[HttpRequest, Model], None] | None = None
    numbered: bool = False  # show each row's position (a ranked list)
    create_initial: Callable[[HttpRequest], dict] | None = None  # e.g. a generated draft
    # More context for the form page, from the form as shown (e.g. checks of the text in it).
    form_context: Callable[[HttpRequest, Model | None, object], dict] | None = None
    description: str = ""
    model_name: str = field(init=False)

    def __post_init__(self) -> None:
        self.model_name = self.model._meta.model_name

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def url_name(self, action: str) -> str:
        return f"{self.namespace}:{self.model_name}_{action}"

    def templates(self, action: str) -> list[str]:
        return [f"{self.namespace}/{self.model_name}_{action}.html", f"core/entity_{action}.html"]

    def list_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = self.model.objects.owned_by(request.user)
        if self.list_annotate:
            queryset = self.list_annotate(queryset)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        for name in self.filters:
            value = request.GET.get(name, "")
            if value in {str(choice) for choice, _ in self.model._meta.get_field(name).choices}:
                queryset = queryset.filter(**{name: value})
        query = request.GET.get("q", "").strip()
        if query and self.search_fields:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            queryset = queryset.filter(condition)
        for parent in self.parents:
            parent_id = parse_id(request.GET.get(parent, ""))
            if parent_id is not None:
                queryset = queryset.filter(**{f"{parent}_id": parent_id})
        return queryset

    def urlpatterns(self) -> list:
        key, name, model = f"<int:{self.model_name}_id>", self.model_name, self.model
        return [
            path(f"{self.slug}/", require_methods("GET")(self.list_view), name=f"{name}_list"),
            path(
                f"{self.slug}/new/",
                require_methods("GET", "POST")(self.create_view),
                name=f"{name}_create",
            ),
            path(
                f"{self.slug}/{key}/",
                owned_object(model, "GET")(self.detail_view),
                name=f"{name}_detail",
            ),
            path(
                f"{self.slug}/{key}/edit/",
                owned_object(model, "GET", "POST")(self.edit_view),
                name=f"{name}_edit",
            ),
            path(
                f"{self.slug}/{key}/delete/",
                owned_object(model, "GET", "POST")(self.delete_view),
                name=f"{name}_delete",
            ),
        ]

    # Views -------------------------------------------------------------------------------

    def list_view(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(self.list_queryset(request), PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "entity": self,
            "page": page,
            "rows": [(row, [_cell(row, c) for c in self.columns]) for row in page.object_list],
            "filters": [_filter_choices(self.model, name, request) for name in self.filters],
            "query": request.GET.get("q", ""),
            "create_url": reverse(self.url_name("create")),
            "notice": self.list_notice(request) if self.list_notice else "",
        }
        template = self.templates("list")
        if getattr(request, "htmx", False) and request.htmx.target == "entity-rows":
            template = [f"{name}#rows" for name in template]
        return render(request, template, context)

    def detail_view(self, request: HttpRequest, obj: Model) -> HttpResponse:
        sections = []
        for spec in self.related:
            related_entity = registry[spec.entity_name]
            queryset = related_entity.model.objects.owned_by(request.user).filter(**{spec.fk: obj})
            if spec.select_related:
                queryset = queryset.select_related(*spec.select_related)
            sections.append(
                {
                    "spec": spec,
                    "entity": related_entity,
                    "rows": [(row, [_cell(row, c) for c in spec.columns]) for row in queryset],
                    "add_url": f"{reverse(related_entity.url_name('create'))}?{spec.fk}={obj.pk}",
                }
            )
        context = {"entity": self, "object": obj, "sections": sections}
        if self.extra_detail_context:
            context.update(self.extra_detail_context(request, obj))
        for extend in _detail_extensions.get(f"{self.namespace}:{self.model_name}", ()):
            context.update(extend(request, obj))
        return render(request, self.templates("detail"), context)

    def create_view(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES, owner=request.user)
            if form.is_valid():
                obj = self._save(request, form)
                return redirect(obj.get_absolute_url())
        else:
            initial = self._parent_initial(request)
            if self.create_initial:
                initial.update(self.create_initial(request))
            form = self.form_class(owner=request.user, initial=initial)
        return render(request, self.templates("form"), self._form_context(request, form))

    def edit_view(self, request: HttpRequest, obj: Model) -> HttpResponse:
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES, instance=obj, owner=request.user)
            if form.is_valid():
                obj = self._save(request, form)
                return redirect(obj.get_absolute_url())
        else:
            form = self.form_class(instance=obj, owner=request.user)
        return render(request, self.templates("form"), self._form_context(request, form, obj))

    def _save(self, request: HttpRequest, form) -> Model:
        """The row, its search entry, its tags and what after_save adds commit together or
        not at all: a save that fails halfway (a full disk) leaves no half-saved row."""
        with transaction.atomic():
            obj = form.save()
            if self.after_save:
                self.after_save(request, obj)
        messages.success(request, f"Saved {self.verbose_name} “{obj}”.")
        return obj

    def _form_context(self, request: HttpRequest, form, obj=None) -> dict:
        context = {"entity": self, "form": form, "object": obj}
        if self.form_context:
            context.update(self.form_context(request, obj, form))
        return context

    def delete_view(self, request: HttpRequest, obj: Model) -> HttpResponse:
        if request.method == "POST":
            label = str(obj)
            with transaction.atomic():
                obj.delete()
            messages.success(request, f"Deleted {self.verbose_name} “{label}”.")
            return redirect(self.url_name("list"))
        return render(request, self.templates("delete"), {"entity": self, "object": obj})

    def _parent_initial(self, request: HttpRequest) -> dict:
        """Pre-fill a parent from ?contact=7, but only with a row the user owns."""
        initial = {}
        for name in self.parents:
            parent_id = parse_id(request.GET.get(name, ""))
            if parent_id is not None:
                parent_model = self.model._meta.get_field(name).related_model
                if parent_model.objects.owned_by(request.user).filter(pk=parent_id).exists():
                    initial[name] = parent_id
        return initial


registry: dict[str, Entity] = {}
_detail_extensions: dict[str, list[Callable[[HttpRequest, Model], dict]]] = {}


def register(entity: Entity) -> Entity:
    registry[f"{entity.namespace}:{entity.model_name}"] = entity
    return entity


def extend_detail(entity_name: str, context: Callable[[HttpRequest, Model], dict]) -> None:
    """Add to the detail page of "namespace:model_name" what `context(request, obj)` returns.

    Called from an AppConfig.ready() of an app above the page's own; adding the same function
    twice adds it once."""
    extensions = _detail_extensions.setdefault(entity_name, [])
    if context not in extensions:
        extensions.append(context)


def _cell(row: Model, column: Column) -> dict:
    value = row
    for part in column.attr.split("."):
        if value is None:
            break
        choice_label = getattr(value, f"get_{part}_display", None)
        value = choice_label() if callable(choice_label) else getattr(value, part)
        if callable(value) and not isinstance(value, Model) and not hasattr(value, "all"):
            value = value()
    value = in_own_zone(row, column.attr, value)
    if hasattr(value, "all"):  # a many-to-many manager
        value = ", ".join(str(item) for item in value.all())
    url = None
    if column.link:
        url = row.get_absolute_url()
    elif isinstance(value, Model) and hasattr(value, "get_absolute_url"):
        url = value.get_absolute_url()
    # Shown here rather than by the template, which looked up four names for each cell: the
    # target list's 50 rows of six cells, p50 16.6 -> 15.5 ms on the heavy sample account.
    shown = display(value)
    html = format_html('<a href="{}">{}</a>', url, shown) if url else conditional_escape(shown)
    return {"label": column.label, "value": value, "url": url, "html": html}


def _filter_choices(model: type[Model], name: str, request: HttpRequest) -> dict:
    model_field = model._meta.get_field(name)
    return {
        "name": name,
        "label": capfirst(model_field.verbose_name),
        "choices": list(model_field.choices),
        "current": request.GET.get(name, ""),
    }


def entity_urls(entities: Sequence[Entity]) -> list:
    patterns = []
    for entity in entities:
        patterns += entity.urlpatterns()
    return patterns
