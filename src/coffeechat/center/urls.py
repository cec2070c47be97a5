"""Career-center mode's pages, under /center/: coaching (what seekers share), alumni
volunteers (directory and requests) and the center's own administration and figures."""

from coffeechat.center import coaching_urls, figures_urls, staff_urls, volunteer_urls

app_name = "center"
urlpatterns = [
    *coaching_urls.urlpatterns,
    *volunteer_urls.urlpatterns,
    *staff_urls.urlpatterns,
    *figures_urls.urlpatterns,
]
