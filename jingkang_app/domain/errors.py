"""Typed domain errors. Each carries a catalogue key (and parameters) so the caller can show it in the
user's language; ``field`` names the form field it belongs beside."""

from dataclasses import dataclass, field


class DomainError(Exception):
    key = "error.generic"

    def __init__(self, key: str | None = None, field: str | None = None, **params: object):
        self.key = key or self.key
        self.field = field
        self.params = params
        super().__init__(self.key)


class PermissionDenied(DomainError):
    key = "error.permission_denied"


class NotFound(DomainError):
    key = "error.not_found"


class NotAuthenticated(DomainError):
    key = "error.not_authenticated"


class SessionExpired(NotAuthenticated):
    key = "error.session_expired"


class LoginFailed(DomainError):
    key = "error.login_failed"


class AccountDisabled(DomainError):
    key = "error.account_disabled"


class TooManyFailedLogins(DomainError):
    key = "error.too_many_failed_logins"


class StaleVersion(DomainError):
    key = "error.stale_version"


class TooManySubmissions(DomainError):
    """A public form sent too often from one address (services.rate_limit)."""

    key = "error.too_many_submissions"


@dataclass
class FieldError:
    key: str
    params: dict[str, object] = field(default_factory=dict)


class ValidationFailed(DomainError):
    """One or more fields are invalid; nothing was stored."""

    key = "error.validation_failed"

    def __init__(self, errors: dict[str, FieldError]):
        super().__init__()
        self.errors = errors
