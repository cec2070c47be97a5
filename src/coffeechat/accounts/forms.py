"""Sign-up on a shared server, without confirming who already has an account."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import BaseUserCreationForm
from django.db.models import Value
from django.db.models.functions import Lower, Replace

UNUSABLE = "That username cannot be used; choose another."
USERNAME_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]*")
# Names that would pass for the server, its staff or a role; refused like a taken name.
RESERVED = frozenset(
    {
        "admin",
        "administrator",
        "coach",
        "coffeechat",
        "help",
        "info",
        "moderator",
        "owner",
        "postmaster",
        "root",
        "security",
        "staff",
        "support",
        "system",
        "webmaster",
    }
)
_SEPARATORS = re.compile(r"[._-]")


def skeleton(username: str) -> str:
    """What a username looks like to a reader: case and the separators . _ - do not count, so
    "Jane.Doe" and "jane_doe" cannot both exist and one pass for the other with a coach."""
    return _SEPARATORS.sub("", username.casefold())


def _skeleton_of_column():
    column = Lower("username")
    for separator in (".", "_", "-"):
        column = Replace(column, Value(separator), Value(""))
    return column


def username_unusable(username: str) -> bool:
    """Taken (as its skeleton) or reserved: the two are refused with the same sentence."""
    wanted = skeleton(username)
    if wanted in RESERVED:
        return True
    users = get_user_model().objects
    return users.annotate(skeleton=_skeleton_of_column()).filter(skeleton=wanted).exists()


class SignupForm(BaseUserCreationForm):
    """A new account that does not tell anyone which usernames exist.

    A person choosing a name must learn when it is taken, so a form cannot hide that
    completely; it can make the answer cost something and say nothing more than needed:

    - a taken name, a name that only differs from a taken one in case or in . _ -, and a
      reserved name (admin, support, …) all get the same sentence, "That username cannot be
      used; choose another." — it never says "exists";
    - that check runs only once everything else on the form is acceptable (a strong password
      that matches), so every probe of a free name creates an account and logs in as it;
    - sign-up attempts are counted per address (coffeechat.accounts.throttle), so probing many
      names is slow;
    - usernames are ASCII letters, digits and . _ @ + -, so look-alike letters from other
      scripts cannot imitate another account (the display name on the profile is free text).

    Logging in reveals nothing either: a wrong password and an unknown name get the same error.
    """

    email = forms.EmailField(required=False, help_text="Optional; used for the daily digest.")

    class Meta(BaseUserCreationForm.Meta):
        fields = ("username", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "username"
        ].help_text = "Letters a–z, digits and . _ @ + - only, up to 150 characters."

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if not USERNAME_SHAPE.fullmatch(username):
            raise forms.ValidationError(
                "Use letters a–z, digits and . _ @ + - only, starting with a letter or digit."
            )
        return username

    def validate_unique(self) -> None:
        """Uniqueness is checked in _post_clean with a sentence that does not say "exists"."""

    def _post_clean(self) -> None:
        super()._post_clean()  # the model's own checks and the password validators
        if self.errors:
            return
        if username_unusable(self.cleaned_data["username"]):
            self.add_error("username", UNUSABLE)
