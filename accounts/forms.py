from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from smartrecovery import ratelimit
from smartrecovery.client_address import client_address

EMAIL_HELP = _(
    "Optional. Only used to reset a forgotten password, or to tell you if someone tries to "
    "sign up with it; we never send anything else."
)


def email_field(label: str) -> forms.EmailField:
    return forms.EmailField(label=label, required=False, help_text=EMAIL_HELP)


def normalized_email(email: str) -> str:
    # Never "already in use": whether an address has an account is nobody's business
    # (accounts/emails.py keeps it off this account and tells its owner instead).
    return User.objects.normalize_email(email)


class SignUpForm(UserCreationForm):
    """A username and a password; an email only if the participant wants password resets.

    The email is not a model field here: ``emails.save_with_email`` decides whether the new
    account gets it.
    """

    email = email_field(_("Email (optional)"))
    field_order = ["username", "email", "password1", "password2"]

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)

    def clean_email(self) -> str:
        return normalized_email(self.cleaned_data["email"])

    def validate_password_for_user(self, user: User, **kwargs: Any) -> None:
        # Against the email too, as if the account kept it (a password like it is refused).
        candidate = copy.copy(user)
        candidate.email = self.cleaned_data.get("email", "")
        super().validate_password_for_user(candidate, **kwargs)


class PasswordCheckForm(forms.Form):
    """A form a signed-in participant confirms with their password, to be sure it is them."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you, type the password you sign in with."),
    )
    wrong_password = _("That is not your password.")

    def __init__(self, user: User, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(self.wrong_password)
        return password


class EmailForm(PasswordCheckForm):
    """The account's optional email address: changed, added or removed."""

    email = email_field(_("Email"))
    wrong_password = _("That is not your password. Your email address is as it was.")

    field_order = ["email", "password"]

    def clean_email(self) -> str:
        return normalized_email(self.cleaned_data["email"])


class DeleteAccountForm(PasswordCheckForm):
    wrong_password = _("That is not your password. Nothing has been deleted.")


class RateLimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending nothing more once a client or an address is past its limit.

    The page that follows is the same either way ("if an account has that email..."), so a
    limit reveals nothing either.
    """

    def save(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        address = client_address(request) if request is not None else ""
        if not ratelimit.allow("password-reset", address):
            return
        if not ratelimit.allow("password-reset-email", self.cleaned_data["email"]):
            return
        super().save(*args, request=request, **kwargs)


class CappedUsernameMixin:
    """Refuse a username longer than any account's before ``authenticate()`` is called.

    AuthenticationForm sets the field's max_length after building it, so nothing checks it: an
    over-long name reached django-axes, which stores it in a varchar(255) and failed with a 500.
    A field error stops ``clean()`` from authenticating at all, so axes never sees the value.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class SignInForm(CappedUsernameMixin, AuthenticationForm):
    pass


class AdminSignInForm(CappedUsernameMixin, AdminAuthenticationForm):
    pass
