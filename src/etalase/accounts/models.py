"""Users (email sign-in), organisations and role assignments with their scopes."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise (MSME)")
        BUYER = "buyer", _("Buyer company")
        GOVERNMENT = "government", _("Government office")
        SECRETARIAT = "secretariat", _("Regional secretariat")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        "regions.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    subdivision = models.ForeignKey(
        "regions.Subdivision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("subdivision"),
    )
    website = models.URLField(_("website"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MSME_OWNER = "msme_owner", _("MSME owner")
    BUYER = "buyer", _("Buyer")
    OFFICER = "officer", _("Provincial officer")
    FOCAL_POINT = "focal_point", _("National focal point")
    SECRETARIAT = "secretariat", _("Regional secretariat")


class RoleAssignment(models.Model):
    """One role of one user, with the scope the design gives that role.

    msme_owner -> enterprise; buyer -> organisation (a buyer company);
    officer -> subdivision; focal_point -> country; secretariat -> everything.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="owner_roles",
    )
    subdivision = models.ForeignKey(
        "regions.Subdivision", on_delete=models.PROTECT, null=True, blank=True
    )
    country = models.ForeignKey("regions.Country", on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "enterprise", "organisation", "subdivision", "country"],
                name="unique_role_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.scope_label}"

    @property
    def scope_label(self) -> str:
        scope = self.enterprise or self.organisation or self.subdivision or self.country
        return str(scope) if scope else str(_("all"))

    def clean(self) -> None:
        required = {
            Role.MSME_OWNER: ("enterprise", _("An MSME owner role needs its enterprise.")),
            Role.BUYER: ("organisation", _("A buyer role needs its company.")),
            Role.OFFICER: ("subdivision", _("A provincial officer role needs its province.")),
            Role.FOCAL_POINT: ("country", _("A national focal point role needs its country.")),
        }
        if self.role in required:
            field, message = required[self.role]
            if getattr(self, f"{field}_id") is None:
                raise ValidationError({field: message})
        if (
            self.role == Role.BUYER
            and self.organisation
            and (self.organisation.kind != Organisation.Kind.BUYER)
        ):
            raise ValidationError({"organisation": _("A buyer role needs a buyer company.")})


class ApiToken(models.Model):
    """A bearer token for an organisation's own system; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        """Create a token and return it with its clear key (shown once, never stored)."""
        key = "et_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_prefix=key[:8], key_hash=cls.hash_key(key)
        )
        return token, key
