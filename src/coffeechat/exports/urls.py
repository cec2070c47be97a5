from django.urls import path

from coffeechat.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("coffeechat.json", views.json_file, name="json"),
    path("contacts.csv", views.contacts_csv_file, name="contacts_csv"),
    path("contacts.vcf", views.contacts_vcard_file, name="contacts_vcard"),
]
