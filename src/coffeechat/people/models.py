"""Step 2, people: contacts, how the seeker knows them, who referred whom, and every interaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coffeechat.core.fields import WebAddressField
from coffeechat.core.models import OwnedModel
from coffeechat.lib import addresses
from coffeechat.lib.lamp import ADVOCATE_SOURCES
from coffeechat.lib.names import normalize_linkedin_url
from coffeechat.lib.seniority import infer_tier
from coffeechat.lib.zones import format_day


class Source(models.TextChoices):
    """How the seeker knows the person; the warm ones come first."""

    REFERRAL = "referral", "Referral"
    ALUMNI = "alumni", "Alumni"
    PROFESSOR = "professor", "Professor or teaching assistant"
    FORMER_COWORKER = "former_coworker", "Former employer or coworker"
    FAMILY = "family", "Family"
    FRIEND = "friend", "Friend"
    FRIEND_OF_CONTACT = "friend_of_contact", "A friend's or family member's contact"
    LINKEDIN_1ST = "linkedin_1st", "LinkedIn 1st degree"
    LINKEDIN_2ND = "linkedin_2nd", "LinkedIn 2nd degree"
    EVENT = "event", "Met at an event"
    ARTICLE = "article", "Their article or talk"
    COLD = "cold", "Cold contact"


# The sources whose people are likely advocates (LAMP's A).
WARM_SOURCES = frozenset(Source(value) for value in ADVOCATE_SOURCES)


class Tier(models.TextChoices):
    NEAR_PEER = "near_peer", "Near-peer (a few years ahead)"
    MID = "mid", "Mid-career"
    SENIOR = "senior", "Senior"


class Tag(OwnedModel):
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="unique_tag_per_owner",
                violation_error_message="You already have a tag with this name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:tag_detail", args=[self.pk])


class AddressLabel(models.TextChoices):
    WORK = addresses.WORK, "Work"
    HOME = addresses.HOME, "Home"
    MOBILE = addresses.MOBILE, "Mobile"
    FAX = addresses.FAX, "Fax"
    PAGER = addresses.PAGER, "Pager"
    OTHER = addresses.OTHER, "Other"


class Contact(OwnedModel):
    # Every index in Meta begins with the owner, so the foreign key needs none of its own:
    # one more index to keep would only slow every import.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_index=False,
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    display_name = models.CharField(
        "name as shown",
        max_length=300,
        blank=True,
        help_text="Left blank, the first and last name. For a name written family name first, "
        "for example “山田 太郎”, or with a title the person uses.",
    )
    title = models.CharField("job title", max_length=200, blank=True)
    organization = models.ForeignKey(
        "research.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        db_index=False,  # contact_org_advocate begins with it
    )
    department = models.CharField(max_length=200, blank=True)
    email = models.EmailField("main email", blank=True, max_length=254)
    email_label = models.CharField(
        "main email is", max_length=10, choices=AddressLabel.choices, blank=True
    )
    phone = models.CharField("main phone", max_length=50, blank=True)
    phone_label = models.CharField(
        "main phone is", max_length=10, choices=AddressLabel.choices, blank=True
    )
    linkedin_url = WebAddressField("LinkedIn URL", blank=True, max_length=500)
    linkedin_key = models.CharField(max_length=500, blank=True, editable=False)
    location = models.CharField(max_length=200, blank=True)
    source = models.CharField(
        "how you know them", max_length=30, choices=Source.choices, default=Source.COLD
    )
    source_detail = models.CharField(
        max_length=300, blank=True, help_text="For example: the class, the event or the article."
    )
    referred_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    connection_sentence = models.CharField(
        "your own first sentence",
        max_length=300,
        blank=True,
        help_text="How you would say you know them, to open requests in your words instead of "
        "coffeechat's, for example “Ana Ruiz, my manager at Contoso, suggested I write to you.”",
    )
    tier = models.CharField(
        "seniority",
        max_length=20,
        choices=Tier.choices,
        blank=True,
        help_text="Left blank, coffeechat infers it from the job title.",
    )
    # True while the tier is coffeechat's guess from the title (lib.seniority), which follows
    # the title; a tier the person picks is theirs and stays.
    tier_inferred = models.BooleanField(default=False, editable=False)
    background = models.TextField(
        blank=True, help_text="Their path so far: studies, earlier roles, what they work on."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    do_not_contact = models.BooleanField(default=False)
    connected_on = models.DateField(null=True, blank=True)
    keep_in_touch_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="How often to get back in touch, in days."
    )
    notes = models.TextField(blank=True, help_text="Private notes, in Markdown.")
    # When the latest conversation with them was held, and the latest interaction happened:
    # kept by the database's own triggers (conversations.touch_dates) whatever writes those
    # rows, so Today finds who is due a keep-in-touch note among the people alone. Never
    # written by saving a contact (save), whose copy may predate a conversation held since.
    last_held_at = models.DateTimeField(null=True, editable=False)
    last_touch_at = models.DateTimeField(null=True, editable=False)

    detail_select_related = ("organization", "referred_by")
    KEPT_BY_THE_DATABASE = ("last_held_at", "last_touch_at")

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["owner", "email"], name="contact_owner_email"),
            models.Index(fields=["owner", "linkedin_key"], name="contact_owner_linkedin"),
            models.Index(fields=["owner", "last_name", "first_name"], name="contact_owner_name"),
            # LAMP's advocacy: does a warm or referred person work there? Answered from the
            # index alone for each of a heavy user's 2,000 organizations.
            models.Index(
                fields=["organization", "source", "referred_by"], name="contact_org_advocate"
            ),
            # The people met in a conversation, for Today's keep-in-touch list: 2,000 of the
            # heavy sample's 30,000 (the others, an import's new people, are not indexed).
            models.Index(
                fields=["owner", "last_held_at"],
                name="contact_owner_held",
                condition=models.Q(last_held_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="", last_name=""),
                name="contact_has_a_name",
                violation_error_message="Give the person a first or a last name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    NAME_FIELDS = ("display_name", "first_name", "last_name")  # what `name` reads

    @property
    def name(self) -> str:
        return self.display_name or " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def is_warm(self) -> bool:
        return self.source in WARM_SOURCES

    @property
    def tier_shown(self) -> str:
        """The seniority as the person's page says it, noting when it is coffeechat's guess."""
        return self._tier_with_note("inferred from the job title")

    @property
    def tier_listed(self) -> str:
        """The same, shorter, for a column of the list."""
        return self._tier_with_note("inferred")

    def _tier_with_note(self, note: str) -> str:
        label = self.get_tier_display()
        if not (self.tier and self.tier_inferred):
            return label
        if label.endswith(")"):  # "Near-peer (a few years ahead; inferred)"
            return f"{label[:-1]}; {note})"
        return f"{label} ({note})"

    def save(self, *args, **kwargs) -> None:
        if (
            not (self._state.adding or kwargs.get("force_insert"))
            and kwargs.get("update_fields") is None
        ):
            # Every field but the database's own (see last_held_at).
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.KEPT_BY_THE_DATABASE
            ]
        super().save(*args, **kwargs)

    def derive_fields(self) -> None:
        self.email = self.email.strip().lower()
        self.linkedin_key = normalize_linkedin_url(self.linkedin_url)
        if not self.tier or self.tier_inferred:
            self.tier = infer_tier(self.title)
            self.tier_inferred = bool(self.tier)

    def get_absolute_url(self) -> str:
        return reverse("people:contact_detail", args=[self.pk])


class ContactAddress(OwnedModel):
    """One more email address, phone number or web link of a contact, besides the main email
    and main phone on the contact itself; written only through people.addresses."""

    class Kind(models.TextChoices):
        EMAIL = addresses.EMAIL, "Email"
        PHONE = addresses.PHONE, "Phone"
        LINK = addresses.LINK, "Web link"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=10, choices=AddressLabel.choices, blank=True)
    value = models.CharField(max_length=500)
    # What two spellings of one address share (lib.addresses.address_key): matching and
    # de-duplication compare it.
    key = models.CharField(max_length=500, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contact", "position", "pk"]
        verbose_name = "contact address"
        verbose_name_plural = "contact addresses"
        indexes = [models.Index(fields=["owner", "kind", "key"], name="address_owner_kind_key")]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "kind", "key"],
                name="unique_address_per_contact",
                violation_error_message="This address is already listed for this person.",
            )
        ]

    def __str__(self) -> str:
        label = self.get_label_display()
        return f"{self.value} ({label.lower()})" if label else self.value

    def derive_fields(self) -> None:
        self.value = self.value.strip()
        if self.kind == addresses.EMAIL:
            self.value = self.value.lower()
        self.key = addresses.address_key(self.kind, self.value)

    def get_absolute_url(self) -> str:
        return reverse("people:contact_detail", args=[self.contact_id])


class Interaction(OwnedModel):
    """Anything that happened with a person; logging one resets the keep-in-touch clock."""

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        LINKEDIN = "linkedin", "LinkedIn message"
        CALL = "call", "Phone call"
        MEETING = "meeting", "Meeting"
        EVENT = "event", "Event"
        CARD = "card", "Card or letter"
        NOTE = "note", "Note"
        OTHER = "other", "Other"

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", "From me"
        INCOMING = "incoming", "From them"
        MUTUAL = "mutual", "Together"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOTE)
    direction = models.CharField(
        max_length=20, choices=Direction.choices, default=Direction.OUTGOING
    )
    occurred_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(blank=True)

    detail_select_related = ("contact", "conversation")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-occurred_at"], name="interaction_owner_time")]

    def __str__(self) -> str:
        day = format_day(timezone.localdate(self.occurred_at))
        return f"{self.get_kind_display()} with {self.contact} on {day}"

    def get_absolute_url(self) -> str:
        return reverse("people:interaction_detail", args=[self.pk])


class ImportBatch(OwnedModel):
    """An uploaded contact file waiting for its preview to be confirmed, or already imported."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for your confirmation"
        QUEUED = "queued", "Importing in the background"
        IMPORTED = "imported", "Imported"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired: not imported within a day"

    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(default=0)
    format = models.CharField(max_length=20, default="auto")
    source = models.CharField(
        "how you know these people", max_length=30, choices=Source.choices, blank=True
    )
    mapping = models.JSONField(default=dict, blank=True)
    # The character encoding the person chose in the preview; blank: the one detected.
    encoding = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    summary = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    # A large file is imported in the background: how many of its rows were matched so far.
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "contact import"

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("people:importbatch_detail", args=[self.pk])
