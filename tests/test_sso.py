"""Signing in with the university (django-allauth, coffeechat.accounts.sso): the login page's
buttons, the account a first sign-in makes and finds again, unique usernames, addresses that
do or do not lead to an existing account, the settings, and local mode without any of it.

Nothing of coffeechat or allauth is mocked. The identity provider is: there is no network, so
its HTTP endpoints (OpenID Connect discovery, token and user info) answer from a requests
transport adapter, and the SAML provider's metadata document from a stand-in for its fetch;
its SAML answers are real signed XML, checked by python3-saml and xmlsec.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import zlib
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from bs4 import BeautifulSoup
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import NoReverseMatch, include, path, reverse
from onelogin.saml2.constants import OneLogin_Saml2_Constants as SamlConstants
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from coffeechat import config
from coffeechat import urls as project_urls
from coffeechat.accounts.clock import get_profile
from coffeechat.accounts.sso import username_base
from coffeechat.config import ConfigError
from tests.factories import make_user

ISSUER = "https://login.example.edu/realms/students"
CLIENT_ID = "coffeechat"
OIDC_ENV = {
    "COFFEECHAT_OIDC_SERVER_URL": ISSUER,
    "COFFEECHAT_OIDC_CLIENT_ID": CLIENT_ID,
    "COFFEECHAT_OIDC_CLIENT_SECRET": "s3cret value",
    "COFFEECHAT_OIDC_NAME": "Example University",
}
IDP_ENTITY = "https://idp.example.edu/idp/shibboleth"
SAML_ENV = {
    "COFFEECHAT_SAML_METADATA_URL": "https://idp.example.edu/idp/shibboleth/metadata",
    "COFFEECHAT_SAML_ENTITY_ID": IDP_ENTITY,
    "COFFEECHAT_SAML_NAME": "Example University (SAML)",
}
LOGIN_URL = reverse("accounts:login")
SP_HOST = "coffeechat.example.edu"
SP = f"http://{SP_HOST}"

# SAML's pages are mounted only when SAML is configured (coffeechat.urls), which the test
# settings do not do: the SAML tests use the project's URLs with them (pytest.mark.urls).
urlpatterns = [
    path("accounts/sso/", include(project_urls.sso_patterns(with_saml=True))),
    *project_urls.urlpatterns,
]


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _user_of(client):
    user_id = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=user_id) if user_id else None


# --- the identity provider, at the HTTP boundary --------------------------------------------


class FakeOpenIDProvider(requests.adapters.BaseAdapter):
    """An OpenID Connect provider's endpoints, answering requests' HTTP calls: discovery,
    the token endpoint (checking the code, the client and PKCE) and user info."""

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, dict] = {}  # code -> (claims, redirect_uri, code challenge)
        self.tokens: dict[str, dict] = {}  # access token -> claims

    def sign_in(self, authorize_url: str, claims: dict) -> dict:
        """The person signs in at the provider's page: the query coffeechat's callback gets."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        assert authorize_url.startswith(f"{ISSUER}/protocol/openid-connect/auth?")
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "claims": claims,
            "redirect_uri": query["redirect_uri"],
            "challenge": query["code_challenge"],
        }
        return {"code": code, "state": query["state"]}

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        assert f"{url.scheme}://{url.netloc}" == "https://login.example.edu", request.url
        endpoint = url.path.removeprefix(urlsplit(ISSUER).path)
        if endpoint == "/.well-known/openid-configuration":
            base = f"{ISSUER}/protocol/openid-connect"
            return self._json(
                request,
                {
                    "issuer": ISSUER,
                    "authorization_endpoint": f"{base}/auth",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "jwks_uri": f"{base}/certs",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                },
            )
        if endpoint == "/protocol/openid-connect/token":
            return self._token(request)
        if endpoint == "/protocol/openid-connect/userinfo":
            token = request.headers["Authorization"].removeprefix("Bearer ")
            return self._json(request, self.tokens[token])
        return self._json(request, {"error": "not_found"}, status=404)

    def _token(self, request):
        form = {k: v[0] for k, v in parse_qs(request.body).items()}
        grant = self.codes.pop(form["code"], None)
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if (
            grant is None
            or form["client_id"] != CLIENT_ID
            or form["client_secret"] != OIDC_ENV["COFFEECHAT_OIDC_CLIENT_SECRET"]
            or form["redirect_uri"] != grant["redirect_uri"]
            or challenge != grant["challenge"]
        ):
            return self._json(request, {"error": "invalid_grant"}, status=400)
        access = secrets.token_urlsafe(16)
        self.tokens[access] = grant["claims"]
        now = int(time.time())
        id_token = jwt.encode(
            {"iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 300, **grant["claims"]},
            "provider-signing-key-of-32-bytes!",
            algorithm="HS256",
        )
        return self._json(
            request,
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    @staticmethod
    def _json(request, data: dict, status: int = 200):
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(data).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def idp(monkeypatch):
    provider = FakeOpenIDProvider()
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: provider)
    return provider


@pytest.fixture
def sso_server(settings, db):
    """A server with OpenID Connect configured, as coffeechat.settings builds it from the
    environment."""
    settings.LOCAL_MODE = False
    settings.SOCIALACCOUNT_PROVIDERS = config.single_sign_on(config.SERVER, OIDC_ENV)
    return settings


@pytest.fixture
def connect_by_email(sso_server):
    # What settings.py derives from COFFEECHAT_SSO_CONNECT_BY_EMAIL=true.
    sso_server.SSO_CONNECT_BY_EMAIL = True
    sso_server.SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
    return sso_server


def jane(**claims) -> dict:
    return {
        "sub": "f3a1-0001",
        "preferred_username": "jdoe",
        "email": "jane.doe@example.edu",
        "email_verified": True,
        "given_name": "Jane",
        "family_name": "Doe",
        **claims,
    }


def sign_in(client, idp, claims: dict, next_url: str | None = None):
    """What a person does: the button on the login page, the provider's page, back again."""
    page = _soup(client.get(LOGIN_URL))
    form = page.select_one("form.sso")
    assert form is not None, "the login page should offer single sign-on"
    data = {"csrfmiddlewaretoken": form.select_one("[name=csrfmiddlewaretoken]")["value"]}
    if next_url:
        data["next"] = next_url
    leaving = client.post(form["action"], data)
    assert leaving.status_code == 200
    target = _soup(leaving).select_one("main a")["href"]
    answer = idp.sign_in(target, claims)
    callback = urlsplit(parse_qs(urlsplit(target).query)["redirect_uri"][0]).path
    return client.get(callback, answer)


# --- the login page ---------------------------------------------------------------------------


def test_login_page_has_no_sso_button_when_nothing_is_configured(client, settings, db):
    settings.LOCAL_MODE = False
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert _soup(response).select("form.sso") == []
    assert "Sign in with" not in response.content.decode()


def test_login_page_shows_a_button_for_the_configured_provider(client, sso_server):
    page = _soup(client.get(LOGIN_URL))
    forms = page.select("form.sso")
    assert len(forms) == 1
    assert forms[0]["method"] == "post"
    assert forms[0]["action"] == reverse(
        "openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID}
    )
    assert forms[0].button.get_text(strip=True) == "Sign in with Example University"
    # Passwords stay: the password form is still there beside the button.
    assert page.select_one("input[name=password]") is not None


def test_starting_a_sign_in_leaves_by_a_page_not_a_redirect(client, sso_server, idp):
    """Browsers hold a form's redirects to the page's CSP form-action 'self', so the POST
    answers with a page that moves on by itself."""
    url = reverse("openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    client.get(LOGIN_URL)
    response = client.post(url)
    assert response.status_code == 200
    refresh = _soup(response).select_one("meta[http-equiv=refresh]")["content"]
    assert refresh.startswith(f"0;url={ISSUER}/protocol/openid-connect/auth?")
    assert "form-action 'self'" in response["Content-Security-Policy"]


def test_opening_the_sign_in_address_asks_before_leaving(client, sso_server):
    url = reverse("openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    response = client.get(url)
    assert response.status_code == 200
    page = _soup(response)
    assert page.h1.get_text(strip=True) == "Sign in with Example University"
    assert page.select_one("main form[method=post] button").get_text(strip=True) == "Continue"
    assert page.select_one("link[rel=stylesheet]") is not None  # coffeechat's page, styled


def test_an_unknown_provider_is_404(client, sso_server):
    url = reverse("openid_connect_login", kwargs={"provider_id": "elsewhere"})
    assert client.post(url).status_code == 404


# --- accounts ---------------------------------------------------------------------------------


def test_first_sign_in_makes_an_account_with_a_profile(client, sso_server, idp):
    response = sign_in(client, idp, jane())
    assert response.status_code == 302
    assert response["Location"] == reverse("today:today")

    user = _user_of(client)
    assert user.username == "jdoe"
    assert user.email == "jane.doe@example.edu"
    assert not user.has_usable_password()
    profile = get_profile(user)
    assert profile.display_name == "Jane Doe"
    assert profile.email == "jane.doe@example.edu"
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (config.SSO_PROVIDER_ID, "f3a1-0001")
    assert user.emailaddress_set.get().verified
    assert client.get(reverse("today:today")).status_code == 200


def test_the_next_sign_in_finds_the_same_person(client, sso_server, idp):
    sign_in(client, idp, jane())
    first = _user_of(client)
    client.post(reverse("accounts:logout"))
    assert _user_of(client) is None

    # Even with another username and address at the provider: the identifier decides.
    response = sign_in(client, idp, jane(preferred_username="jane", email="jd@example.edu"))
    assert response.status_code == 302
    assert _user_of(client) == first
    assert get_user_model().objects.count() == 1


def test_sign_in_returns_to_the_page_asked_for(client, sso_server, idp):
    response = sign_in(client, idp, jane(), next_url=reverse("people:contact_list"))
    assert response["Location"] == reverse("people:contact_list")


def test_a_colliding_username_gets_a_unique_one(client, sso_server, idp):
    make_user("jdoe")
    make_user("J.Doe2")  # the same name as jdoe2, as sign-up compares names
    sign_in(client, idp, jane())
    assert _user_of(client).username == "jdoe3"


def test_a_reserved_username_is_not_given(client, sso_server, idp):
    sign_in(client, idp, jane(preferred_username="admin"))
    assert _user_of(client).username == "admin2"


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (("jdoe",), "jdoe"),
        (("JDoe@EXAMPLE.EDU",), "jdoe"),  # an email address or user@realm: the part before @
        ((None, "zoë.núñez@example.edu"), "zoe.nunez"),
        (("", "", "Ana María Pérez"), "ana.maria.perez"),
        (("李雷", "li.lei@example.edu"), "li.lei"),  # nothing usable in the first hint
        (("--x!y", None), "xy"),  # starts with a letter or digit
        ((None, None, ""), "member"),
        (("a" * 300,), "a" * 140),  # room for a number under Django's 150
    ],
)
def test_username_base_follows_the_sign_up_rules(hints, expected):
    assert username_base(*hints) == expected


def test_an_existing_account_is_not_entered_by_email_unless_the_center_allows(
    client, sso_server, idp
):
    existing = make_user("jane", email="jane.doe@example.edu")
    sign_in(client, idp, jane())
    user = _user_of(client)
    assert user != existing
    assert user.username == "jdoe"
    existing.refresh_from_db()
    assert existing.has_usable_password()


def test_an_unverified_email_does_not_take_over_an_existing_account(client, connect_by_email, idp):
    existing = make_user("jane", email="jane.doe@example.edu")
    sign_in(client, idp, jane(email_verified=False))
    user = _user_of(client)
    assert user != existing
    assert user.email == ""  # an address the provider did not vouch for is not kept
    assert not user.emailaddress_set.exists()
    assert get_profile(user).email == ""
    existing.refresh_from_db()
    assert existing.has_usable_password()
    assert not SocialAccount.objects.filter(user=existing).exists()


def test_a_verified_email_enters_the_one_account_when_allowed(client, connect_by_email, idp):
    existing = make_user("jane", email="Jane.Doe@example.edu")
    other = make_user("someone")
    # Someone who knew the password and was logged in is logged out by the sign-in.
    squatter = type(client)()
    squatter.force_login(existing)
    assert squatter.get(reverse("today:today")).status_code == 200

    sign_in(client, idp, jane())
    assert _user_of(client) == existing
    existing.refresh_from_db()
    assert not existing.has_usable_password()  # whoever set the address up cannot come back
    assert squatter.get(reverse("today:today"))["Location"].startswith(LOGIN_URL)
    assert SocialAccount.objects.get(user=existing).uid == "f3a1-0001"
    assert get_user_model().objects.count() == 2 and other.is_active


def test_a_verified_email_shared_by_two_accounts_enters_neither(client, connect_by_email, idp):
    first = make_user("jane", email="jane.doe@example.edu")
    second = make_user("janed", email="jane.doe@example.edu")
    sign_in(client, idp, jane())
    assert _user_of(client) not in (first, second)


def test_a_staff_account_is_never_entered_by_email(client, connect_by_email, idp):
    staff = make_user("operator", email="jane.doe@example.edu", is_staff=True)
    sign_in(client, idp, jane())
    user = _user_of(client)
    assert user != staff and not user.is_staff
    staff.refresh_from_db()
    assert staff.has_usable_password()


def test_an_account_linked_to_another_person_is_not_entered_by_email(client, connect_by_email, idp):
    """An address the university gives to someone new later leads to a new account."""
    sign_in(client, idp, jane())
    first = _user_of(client)
    client.post(reverse("accounts:logout"))
    sign_in(client, idp, jane(sub="f3a1-0002"))
    assert _user_of(client) != first


def test_a_switched_off_account_cannot_sign_in(client, sso_server, idp):
    sign_in(client, idp, jane())
    user = _user_of(client)
    client.post(reverse("accounts:logout"))
    user.is_active = False
    user.save()
    response = sign_in(client, idp, jane())
    assert response.status_code == 403
    assert _soup(response).h1.get_text(strip=True) == "This account is switched off"
    assert _user_of(client) is None


# --- when it goes wrong -----------------------------------------------------------------------


def test_cancelling_at_the_provider_shows_a_page_of_coffeechat(client, sso_server, idp):
    url = reverse("openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    client.get(LOGIN_URL)
    target = _soup(client.post(url)).select_one("main a")["href"]
    state = parse_qs(urlsplit(target).query)["state"][0]
    callback = reverse("openid_connect_callback", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    response = client.get(callback, {"error": "access_denied", "state": state}, follow=True)
    assert response.status_code == 200
    assert _soup(response).h1.get_text(strip=True) == "Signing in was cancelled"
    assert _user_of(client) is None


def test_a_forged_callback_is_refused_with_a_page_of_coffeechat(client, sso_server, idp):
    callback = reverse("openid_connect_callback", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    response = client.get(callback, {"code": "stolen", "state": "not-ours"})
    assert response.status_code == 401
    page = _soup(response)
    assert page.h1.get_text(strip=True) == "Signing in did not work"
    assert page.select_one("link[rel=stylesheet]") is not None
    assert _user_of(client) is None
    assert not get_user_model().objects.exists()


def test_a_code_the_provider_refuses_makes_no_account(client, sso_server, idp):
    url = reverse("openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    client.get(LOGIN_URL)
    target = _soup(client.post(url)).select_one("main a")["href"]
    answer = idp.sign_in(target, jane())
    callback = urlsplit(parse_qs(urlsplit(target).query)["redirect_uri"][0]).path
    idp.codes.clear()  # the code expired at the provider
    response = client.get(callback, answer)
    assert response.status_code == 401
    assert not get_user_model().objects.exists()


# --- local mode -------------------------------------------------------------------------------


def test_local_mode_has_no_single_sign_on(client, settings, db, idp):
    settings.LOCAL_MODE = True
    # Even a leftover configuration is not offered on one person's computer.
    settings.SOCIALACCOUNT_PROVIDERS = config.single_sign_on(config.SERVER, OIDC_ENV)
    assert _soup(client.get(LOGIN_URL)).select("form.sso") == []
    url = reverse("openid_connect_login", kwargs={"provider_id": config.SSO_PROVIDER_ID})
    assert client.post(url).status_code == 404
    assert config.single_sign_on(config.LOCAL, {**OIDC_ENV, **SAML_ENV}) == {}


def test_local_mode_does_not_read_the_single_sign_on_variables():
    broken = {"COFFEECHAT_OIDC_SERVER_URL": "not a url", "COFFEECHAT_SAML_ENTITY_ID": "x"}
    assert config.single_sign_on(config.LOCAL, broken) == {}


# --- settings ---------------------------------------------------------------------------------


def test_without_variables_a_server_has_passwords_only():
    assert config.single_sign_on(config.SERVER, {}) == {}


def test_openid_connect_settings_from_the_environment():
    env = {**OIDC_ENV, "COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS": "Example.edu, alumni.example.edu"}
    (app,) = config.single_sign_on(config.SERVER, env)["openid_connect"]["APPS"]
    assert app["provider_id"] == "university"
    assert app["name"] == "Example University"
    assert (app["client_id"], app["secret"]) == (CLIENT_ID, "s3cret value")
    assert app["settings"]["server_url"] == ISSUER
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["verified_email"] == ["example.edu", "alumni.example.edu"]


def test_the_button_names_your_university_by_default():
    env = {k: v for k, v in OIDC_ENV.items() if k != "COFFEECHAT_OIDC_NAME"}
    (app,) = config.single_sign_on(config.SERVER, env)["openid_connect"]["APPS"]
    assert app["name"] == "your university"


def test_saml_settings_from_the_environment():
    (app,) = config.single_sign_on(config.SERVER, SAML_ENV)["saml"]["APPS"]
    assert app["client_id"] == "university"
    assert app["name"] == "Example University (SAML)"
    assert app["settings"]["idp"] == {
        "metadata_url": SAML_ENV["COFFEECHAT_SAML_METADATA_URL"],
        "entity_id": IDP_ENTITY,
    }
    assert "urn:oid:0.9.2342.19200300.100.1.3" in app["settings"]["attribute_mapping"]["email"]


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        (
            {"COFFEECHAT_OIDC_SERVER_URL": "http://login.example.edu"},
            "COFFEECHAT_OIDC_SERVER_URL must be an https:// address, like "
            "https://login.example.edu/, not 'http://login.example.edu'.",
        ),
        (
            {"COFFEECHAT_OIDC_SERVER_URL": "login.example.edu"},
            "COFFEECHAT_OIDC_SERVER_URL must be an https:// address, like "
            "https://login.example.edu/, not 'login.example.edu'.",
        ),
        (
            {"COFFEECHAT_SAML_METADATA_URL": "https://user:pw@idp.example.edu/md"},
            "COFFEECHAT_SAML_METADATA_URL must be an https:// address, like "
            "https://login.example.edu/, not 'https://user:pw@idp.example.edu/md'.",
        ),
        (
            {"COFFEECHAT_OIDC_SERVER_URL": ISSUER},
            "COFFEECHAT_OIDC_CLIENT_ID and COFFEECHAT_OIDC_CLIENT_SECRET must be set too "
            "when COFFEECHAT_OIDC_SERVER_URL is, for signing in with your identity provider.",
        ),
        (
            {"COFFEECHAT_OIDC_CLIENT_SECRET": "x"},
            "COFFEECHAT_OIDC_SERVER_URL and COFFEECHAT_OIDC_CLIENT_ID must be set too "
            "when COFFEECHAT_OIDC_CLIENT_SECRET is, for signing in with your identity provider.",
        ),
        (
            {"COFFEECHAT_SAML_ENTITY_ID": IDP_ENTITY},
            "COFFEECHAT_SAML_METADATA_URL must be set too when COFFEECHAT_SAML_ENTITY_ID is, "
            "for signing in with your identity provider.",
        ),
        (
            {"COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS": "example.edu, @example.org"},
            "COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS must list email domains like example.edu, "
            "separated by commas, not '@example.org'.",
        ),
        (
            {"COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS": "edu"},
            "COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS must list email domains like example.edu, "
            "separated by commas, not 'edu'.",
        ),
    ],
)
def test_unusable_values_are_refused_with_one_sentence(env, sentence):
    with pytest.raises(ConfigError) as info:
        config.single_sign_on(config.SERVER, env)
    assert str(info.value) == sentence


def test_connect_by_email_is_off_unless_said():
    assert config.value("COFFEECHAT_SSO_CONNECT_BY_EMAIL", {}) is False
    assert config.value(
        "COFFEECHAT_SSO_CONNECT_BY_EMAIL", {"COFFEECHAT_SSO_CONNECT_BY_EMAIL": "yes"}
    )
    with pytest.raises(ConfigError, match="must be true or false, not 'sometimes'"):
        config.value(
            "COFFEECHAT_SSO_CONNECT_BY_EMAIL", {"COFFEECHAT_SSO_CONNECT_BY_EMAIL": "sometimes"}
        )


def test_a_secret_is_never_echoed():
    env = {**OIDC_ENV, "COFFEECHAT_OIDC_SERVER_URL": "ftp://x"}
    with pytest.raises(ConfigError) as info:
        config.single_sign_on(config.SERVER, env)
    assert OIDC_ENV["COFFEECHAT_OIDC_CLIENT_SECRET"] not in str(info.value)


# --- SAML -------------------------------------------------------------------------------------


class SamlIdentityProvider:
    """A SAML identity provider: its key and certificate, its metadata, and signed answers."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.edu")])
        now = datetime.now(UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .sign(self.key, hashes.SHA256())
        )

    @property
    def cert_base64(self) -> str:
        return base64.b64encode(self.cert.public_bytes(serialization.Encoding.DER)).decode()

    def metadata(self) -> str:
        return f"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
 xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{IDP_ENTITY}">
 <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
  <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
   <ds:X509Certificate>{self.cert_base64}</ds:X509Certificate>
  </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
  <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
   Location="https://idp.example.edu/idp/profile/SAML2/Redirect/SSO"/>
 </md:IDPSSODescriptor>
</md:EntityDescriptor>"""

    def response(self, request_id: str, acs: str, audience: str, attributes: dict) -> str:
        """A signed <Response> to the request, base64 as the browser posts it."""

        def moment(seconds: int = 0) -> str:
            instant = datetime.now(UTC) + timedelta(seconds=seconds)
            return instant.strftime("%Y-%m-%dT%H:%M:%SZ")

        values = "".join(
            f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}'
            "</saml:AttributeValue></saml:Attribute>"
            for name, value in attributes.items()
        )
        xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r{secrets.token_hex(8)}"
 Version="2.0" IssueInstant="{moment()}" Destination="{acs}" InResponseTo="{request_id}">
 <saml:Issuer>{IDP_ENTITY}</saml:Issuer>
 <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>
 </samlp:Status>
 <saml:Assertion ID="_a{secrets.token_hex(8)}" Version="2.0" IssueInstant="{moment()}">
  <saml:Issuer>{IDP_ENTITY}</saml:Issuer>
  <saml:Subject>
   <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">p-7781</saml:NameID>
   <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
    <saml:SubjectConfirmationData NotOnOrAfter="{moment(300)}" Recipient="{acs}"
     InResponseTo="{request_id}"/>
   </saml:SubjectConfirmation>
  </saml:Subject>
  <saml:Conditions NotBefore="{moment(-60)}" NotOnOrAfter="{moment(300)}">
   <saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
  </saml:Conditions>
  <saml:AuthnStatement AuthnInstant="{moment()}" SessionIndex="_s1"><saml:AuthnContext>
   <saml:AuthnContextClassRef>{SamlConstants.AC_PASSWORD_PROTECTED}</saml:AuthnContextClassRef>
  </saml:AuthnContext></saml:AuthnStatement>
  <saml:AttributeStatement>{values}</saml:AttributeStatement>
 </saml:Assertion>
</samlp:Response>"""
        key = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        cert = self.cert.public_bytes(serialization.Encoding.PEM).decode()
        signed = OneLogin_Saml2_Utils.add_sign(
            xml,
            key,
            cert,
            sign_algorithm=SamlConstants.RSA_SHA256,
            digest_algorithm=SamlConstants.SHA256,
        )
        return base64.b64encode(signed).decode()


@pytest.fixture(scope="module")
def saml_idp():
    return SamlIdentityProvider()


@pytest.fixture
def saml_server(settings, db, client, saml_idp, monkeypatch):
    def fetch(url, *args, **kwargs):  # the IdP's metadata document, over the network
        assert url == SAML_ENV["COFFEECHAT_SAML_METADATA_URL"]
        return saml_idp.metadata()

    monkeypatch.setattr(OneLogin_Saml2_IdPMetadataParser, "get_metadata", staticmethod(fetch))
    settings.LOCAL_MODE = False
    # python3-saml accepts only addresses with a dotted host name, as a real server has.
    settings.ALLOWED_HOSTS = [SP_HOST]
    client.defaults["HTTP_HOST"] = SP_HOST
    settings.SOCIALACCOUNT_PROVIDERS = config.single_sign_on(config.SERVER, SAML_ENV)
    return settings


@pytest.mark.urls(__name__)
def test_saml_sign_in_makes_an_account(client, saml_server, saml_idp):
    page = _soup(client.get(LOGIN_URL))
    (form,) = page.select("form.sso")
    assert form.button.get_text(strip=True) == "Sign in with Example University (SAML)"
    assert form["action"] == reverse("saml_login", kwargs={"organization_slug": "university"})

    token = form.select_one("[name=csrfmiddlewaretoken]")["value"]
    leaving = client.post(form["action"], {"csrfmiddlewaretoken": token})
    target = _soup(leaving).select_one("main a")["href"]
    assert target.startswith("https://idp.example.edu/idp/profile/SAML2/Redirect/SSO?")
    request_xml = zlib.decompress(
        base64.b64decode(parse_qs(urlsplit(target).query)["SAMLRequest"][0]), -15
    ).decode()
    request_id = BeautifulSoup(request_xml, "xml").find("AuthnRequest")["ID"]

    acs = reverse("saml_acs", kwargs={"organization_slug": "university"})
    audience = SP + reverse("saml_metadata", kwargs={"organization_slug": "university"})
    answer = saml_idp.response(
        request_id,
        SP + acs,
        audience,
        {
            "urn:oid:0.9.2342.19200300.100.1.3": "li.wei@example.edu",
            "urn:oid:0.9.2342.19200300.100.1.1": "lwei",
            "urn:oid:2.5.4.42": "Li",
            "urn:oid:2.5.4.4": "Wei",
        },
    )
    # The provider's page posts the answer from another site: no session cookie comes with it.
    response = client.post(acs, {"SAMLResponse": answer}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("today:today")
    user = _user_of(client)
    assert user.username == "lwei"
    assert get_profile(user).display_name == "Li Wei"
    # SAML says nothing of verification: the address is not kept without a trusted domain.
    assert user.email == ""
    assert SocialAccount.objects.get(user=user).uid == "p-7781"


@pytest.mark.urls(__name__)
def test_saml_trusted_domain_keeps_the_address(client, saml_server, saml_idp):
    saml_server.SOCIALACCOUNT_PROVIDERS = config.single_sign_on(
        config.SERVER, {**SAML_ENV, "COFFEECHAT_SSO_VERIFIED_EMAIL_DOMAINS": "example.edu"}
    )
    client.get(LOGIN_URL)
    url = reverse("saml_login", kwargs={"organization_slug": "university"})
    target = _soup(client.post(url)).select_one("main a")["href"]
    request_xml = zlib.decompress(
        base64.b64decode(parse_qs(urlsplit(target).query)["SAMLRequest"][0]), -15
    ).decode()
    request_id = BeautifulSoup(request_xml, "xml").find("AuthnRequest")["ID"]
    acs = SP + reverse("saml_acs", kwargs={"organization_slug": "university"})
    audience = SP + reverse("saml_metadata", kwargs={"organization_slug": "university"})
    answer = saml_idp.response(
        request_id, acs, audience, {"urn:oid:0.9.2342.19200300.100.1.3": "li.wei@example.edu"}
    )
    client.post(acs, {"SAMLResponse": answer}, follow=True)
    user = _user_of(client)
    assert (user.username, user.email) == ("li.wei", "li.wei@example.edu")


@pytest.mark.urls(__name__)
def test_a_saml_answer_nobody_asked_for_is_refused(client, saml_server, saml_idp):
    acs = SP + reverse("saml_acs", kwargs={"organization_slug": "university"})
    audience = SP + reverse("saml_metadata", kwargs={"organization_slug": "university"})
    answer = saml_idp.response("_unasked", acs, audience, {})
    response = client.post(acs, {"SAMLResponse": answer}, follow=True)
    assert response.status_code == 401
    assert _soup(response).h1.get_text(strip=True) == "Signing in did not work"
    assert not get_user_model().objects.exists()


@pytest.mark.urls(__name__)
def test_saml_metadata_names_the_assertion_consumer_service(client, saml_server):
    url = reverse("saml_metadata", kwargs={"organization_slug": "university"})
    response = client.get(url)
    assert response.status_code == 200
    consumer = BeautifulSoup(response.content, "xml").find("AssertionConsumerService")
    assert consumer["Location"] == SP + reverse(
        "saml_acs", kwargs={"organization_slug": "university"}
    )


def test_saml_pages_are_not_mounted_without_saml():
    with pytest.raises(NoReverseMatch):
        reverse("saml_login", kwargs={"organization_slug": "university"})
