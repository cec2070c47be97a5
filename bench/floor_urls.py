"""The benchmark's URLs: every page of the product, plus the floor a page is measured
against — the product's own layout with nothing in it, for a logged-in user, through the
same middleware, context processors and template engine as every other page.

bench/run.py points ROOT_URLCONF here in its own process; the product never loads it.
"""

from django.shortcuts import render
from django.urls import include, path


def trivial_page(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("bench/trivial/", trivial_page, name="bench_trivial"),
    path("", include("coffeechat.urls")),
]
