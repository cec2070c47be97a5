"""The search box's page: the seeker's own matching rows, as they type."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coffeechat.core.views import require_methods
from coffeechat.search.query import MAX_QUERY_LENGTH, search


@require_methods("GET")
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"query": query, "groups": search(request.user, query)}
    template = "search/search.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)
