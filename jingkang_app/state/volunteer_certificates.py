"""志愿服务记录证明: the public check, /certificates/<code> (no login; services.certificates.verify_certificate shows
the ID number masked), and the volunteer's own printable copy, /volunteer/certificates/<id>
(certificate_detail: for the volunteer themselves or a coordinator of their area, audited)."""

import reflex as rx

from jingkang_app.domain.errors import DomainError, NotFound
from jingkang_app.domain.services import certificates
from jingkang_app.state.base import AppState
from jingkang_app.state.volunteer_cards import certificate_fields, last_segment, public_call

PUBLIC_PATH = "/certificates/"


class CertificateCheckState(AppState):
    checked: bool = False
    found: bool = False
    certificate: dict[str, str] = {}

    @rx.event
    def load(self):
        self.checked, self.found, self.certificate, self.page_error = False, False, {}, ""
        code = last_segment(self)
        try:
            view = public_call(lambda session: certificates.verify_certificate(session, code))
        except NotFound:
            self.checked = True
            return None
        except DomainError as exc:
            return self.failure(exc)
        self.checked, self.found = True, True
        self.certificate = certificate_fields(self, view)
        return None


class MyCertificateState(AppState):
    found: bool = False
    certificate: dict[str, str] = {}
    check_url: str = ""

    @rx.event
    def load(self):
        certificate_id = last_segment(self)
        view, redirect = self.guard(
            lambda session, actor: certificates.certificate_detail(session, actor, certificate_id)
        )
        self.found = view is not None
        self.certificate = certificate_fields(self, view) if view else {}
        self.check_url = self.tr("volunteer_page.check_at", url=self._public_url(view.code)) if view else ""
        return redirect

    def _public_url(self, code: str) -> str:
        """Where anyone holding the paper checks it: this site's public page for the code."""
        url = self.router.url
        origin = f"{url.scheme}://{url.netloc}" if url.netloc else ""
        return origin + PUBLIC_PATH + code
