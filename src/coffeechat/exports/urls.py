from django.urls import path

from coffeechat.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("coffeechat.json", views.json_file, name="json"),
    path("contacts.csv", views.contacts_csv_file, name="contacts_csv"),
    path("contacts.vcf", views.contacts_vcard_file, name="contacts_vcard"),
    path("contacts-google.csv", views.contacts_google_file, name="contacts_google"),
    path("contacts-outlook.csv", views.contacts_outlook_file, name="contacts_outlook"),
    path("notes.zip", views.notes_zip_file, name="notes_zip"),
    path(
        "conversations/<int:conversation_id>/notes.md",
        views.conversation_notes_file,
        name="conversation_notes",
    ),
    path("fields/<int:careerfield_id>/notes.md", views.field_notes_file, name="field_notes"),
    path("calendar.ics", views.calendar_file, name="calendar"),
    path("bring-your-data/", views.bring_data, name="bring_data"),
]
