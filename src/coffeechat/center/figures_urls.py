from django.urls import path

from coffeechat.center import figures_views as views

urlpatterns = [
    path("figures/", views.center_figures, name="figures"),
    path("figures/figures.csv", views.figures_csv, name="figures_csv"),
    path("figures/cohorts/<int:cohort_id>/", views.cohort_figures, name="cohort_figures"),
]
