from django import forms
from django.contrib.auth.forms import UserCreationForm


class SignupForm(UserCreationForm):
    email = forms.EmailField(required=False, help_text="Optional; used for the daily digest.")

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")
