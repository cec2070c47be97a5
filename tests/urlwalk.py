"""Enumerates every named URL pattern of the project, with the keyword arguments it takes."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from coffeechat.core.models import OwnedModel


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"; an unnamed pattern leaves the part after ":" empty
    kwarg_names: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""

    @property
    def is_named(self) -> bool:
        return bool(self.name.rsplit(":", 1)[-1])


def _kwarg_names(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern.pattern, "regex", None)
    return tuple(regex.groupindex) if regex is not None else ()


def all_routes() -> list[Route]:
    routes: list[Route] = []

    def walk(patterns, namespace: str, inherited: tuple[str, ...]) -> None:
        for entry in patterns:
            names = inherited + _kwarg_names(entry)
            if isinstance(entry, URLResolver):
                child_ns = ":".join(p for p in (namespace, entry.namespace or "") if p)
                walk(entry.url_patterns, child_ns, names)
            elif isinstance(entry, URLPattern):
                name = entry.name or ""
                full = f"{namespace}:{name}" if namespace else name
                routes.append(Route(full, names))

    walk(get_resolver().url_patterns, "", ())
    return routes


def owned_model_for_kwarg(kwarg: str) -> type[OwnedModel] | None:
    """`contact_id` names a Contact: the project's convention for object keyword arguments."""
    if not kwarg.endswith("_id"):
        return None
    wanted = kwarg[: -len("_id")]
    for model in apps.get_models():
        if issubclass(model, OwnedModel) and model._meta.model_name == wanted:
            return model
    return None
