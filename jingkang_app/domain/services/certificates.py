"""志愿服务记录证明 (DOMAIN.md §3.11, 民政部令第67号): "谁记录谁证明" — the county that recorded the service certifies
it. A coordinator issues one for a volunteer and a period; what it certifies is frozen when issued: the verified
service time and shifts of the period in the county, the kinds of service in words, and the issuer, person in
charge, contact (county settings) and handler (the issuing coordinator). The volunteer's identity (name, ID
type and number, volunteer number) is read from the registry, so a corrected typo shows on the certificate too.

Anyone holding the certificate can check it on a public page by its code: 12 characters drawn by ``secrets``
from an alphabet without look-alikes (no 0/O, 1/I/L), about 59 bits, so codes cannot be guessed or walked. The
public check shows the ID number masked; lists do too; the full number is on the detail read, which is audited."""

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, func, select

from jingkang_app.domain import audit, clock, settings
from jingkang_app.domain.errors import FieldError, NotFound, ValidationFailed
from jingkang_app.domain.models import Area, ShiftSignUp, Volunteer, VolunteerCertificate, VolunteerShift
from jingkang_app.domain.permissions import Actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.rules.idcard import mask_id_number
from jingkang_app.domain.rules.volunteer_registry import shown_number
from jingkang_app.domain.rules.volunteers import ShiftKind, SignUpStatus
from jingkang_app.domain.services import idempotency
from jingkang_app.domain.services.notifications import notify
from jingkang_app.domain.services.volunteer_access import (
    area_path_of,
    volunteer_for_reading,
    volunteer_to_manage,
)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
# The kinds of service as the certificate words them (it is issued in Chinese, the language of record).
CONTENT_WORDS = {
    ShiftKind.companion: "陪伴服务",
    ShiftKind.transport: "接送服务",
    ShiftKind.activity: "康复活动协助",
    ShiftKind.respite: "喘息服务协助",
    ShiftKind.visit_companion: "入户走访陪同",
}


@dataclass(frozen=True)
class PublicCertificate:
    """What the certificate says, as anyone holding it may check."""

    code: str  # 证明编号, also the verification code
    volunteer_name: str
    id_type: str  # rules.volunteer_registry.ID_TYPES; "" when none was given
    id_number: str  # masked, except on the detail read
    volunteer_no: str
    period_start: date
    period_end: date
    minutes: int  # verified service time, travel excluded
    shifts: int
    content: str
    issuer: str
    person_in_charge: str
    handler: str
    contact: str
    issued_on: date


@dataclass(frozen=True)
class CertificateView(PublicCertificate):
    id: int = 0
    volunteer_id: int = 0


@dataclass(frozen=True)
class CertificateSaved:
    certificate: CertificateView
    repeat: bool


@dataclass(frozen=True)
class ServiceTotals:
    minutes: int
    shifts: int
    kinds: tuple[str, ...]  # in ShiftKind order


def local_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From ``start`` 00:00 to the midnight after ``end`` in Shanghai, in UTC."""
    opens = datetime.combine(start, time(), tzinfo=clock.LOCAL_TZ)
    closes = datetime.combine(end + timedelta(days=1), time(), tzinfo=clock.LOCAL_TZ)
    return opens.astimezone(UTC), closes.astimezone(UTC)


def service_totals(
    session: Session, volunteer_id: int, start: date, end: date, *, area_path: str = "/"
) -> ServiceTotals:
    """Verified time and shifts whose shift starts from ``start`` to ``end`` (local dates, both included), on
    shifts inside ``area_path``."""
    opens, closes = local_day_bounds(start, end)
    rows = session.exec(
        select(VolunteerShift.kind, func.count(), func.coalesce(func.sum(ShiftSignUp.verified_minutes), 0))
        .join(ShiftSignUp, ShiftSignUp.shift_id == VolunteerShift.id)
        .join(Area, Area.id == VolunteerShift.area_id)
        .where(
            ShiftSignUp.volunteer_id == volunteer_id,
            ShiftSignUp.status == SignUpStatus.verified,
            VolunteerShift.starts_at >= opens,
            VolunteerShift.starts_at < closes,
            col(Area.path).startswith(area_path),
        )
        .group_by(VolunteerShift.kind)
    ).all()
    served = {kind: (shifts, minutes) for kind, shifts, minutes in rows}
    return ServiceTotals(
        minutes=sum(minutes for _, minutes in served.values()),
        shifts=sum(shifts for shifts, _ in served.values()),
        kinds=tuple(kind.value for kind in ShiftKind if kind.value in served),
    )


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _view(certificate: VolunteerCertificate, volunteer: Volunteer, *, masked: bool = True) -> CertificateView:
    return CertificateView(
        id=certificate.id,
        volunteer_id=volunteer.id,
        code=certificate.code,
        volunteer_name=volunteer.name,
        id_type=volunteer.id_type,
        id_number=mask_id_number(volunteer.id_number) if masked else volunteer.id_number,
        volunteer_no=shown_number(volunteer.volunteer_no),
        period_start=certificate.period_start,
        period_end=certificate.period_end,
        minutes=certificate.minutes,
        shifts=certificate.shifts,
        content=certificate.content,
        issuer=certificate.issuer,
        person_in_charge=certificate.person_in_charge,
        handler=certificate.handler,
        contact=certificate.contact,
        issued_on=certificate.issued_on,
    )


def _read_period(errors: fields.FieldErrors, data: dict) -> tuple[date | None, date | None]:
    start = fields.local_date(errors, data, "period_start")
    end = fields.local_date(errors, data, "period_end")
    if end and end > clock.today():
        errors.add("period_end", "error.certificate_period_future")
    elif start and end and end < start:
        errors.add("period_end", "error.certificate_period_order")
    return start, end


def issue_certificate(session: Session, actor: Actor, data: dict) -> CertificateSaved:
    """A coordinator of the volunteer's area certifies ``period_start``–``period_end``; refused when no verified
    time falls in it. The same ``client_id`` sent again by the same coordinator returns the stored one."""
    volunteer = volunteer_to_manage(session, actor, data.get("volunteer_id"))
    client_id = idempotency.client_id_of(data)
    existing = idempotency.stored_repeat(
        session, VolunteerCertificate, client_id, actor.user_id, owner="created_by"
    )
    if existing:
        return CertificateSaved(_view(existing, session.get(Volunteer, existing.volunteer_id)), repeat=True)
    errors = fields.FieldErrors()
    idempotency.check_client_id(errors, client_id)
    start, end = _read_period(errors, data)
    errors.raise_if_any()
    county = settings.county_id_of(area_path_of(session, volunteer.area_id))
    totals = service_totals(session, volunteer.id, start, end, area_path=f"/{county}/")
    if not totals.minutes:
        raise ValidationFailed({"period_start": FieldError("error.certificate_no_hours")})
    code = new_code()
    while session.exec(select(VolunteerCertificate.id).where(VolunteerCertificate.code == code)).first():
        code = new_code()  # about one in 10^17 per certificate already issued
    certificate = VolunteerCertificate(
        client_id=client_id,
        code=code,
        volunteer_id=volunteer.id,
        period_start=start,
        period_end=end,
        minutes=totals.minutes,
        shifts=totals.shifts,
        content="、".join(CONTENT_WORDS[ShiftKind(kind)] for kind in totals.kinds),
        issuer=settings.get(session, county, "certificate.issuer"),
        person_in_charge=settings.get(session, county, "certificate.person_in_charge"),
        handler=actor.name[:32],
        contact=settings.get(session, county, "certificate.contact"),
        issued_on=clock.today(),
        created_by=actor.user_id,
    )
    stored = idempotency.insert_once(session, certificate, owner="created_by")
    if stored:
        return CertificateSaved(_view(stored, volunteer), repeat=True)
    audit.record(
        session,
        actor,
        "certificate.issue",
        "volunteer_certificate",
        certificate.id,
        area_id=volunteer.area_id,
        detail={
            "volunteer_id": volunteer.id,
            "code": code,
            "minutes": totals.minutes,
            "start": start,
            "end": end,
        },
    )
    if volunteer.user_id:
        notify(
            session,
            {volunteer.user_id},
            "certificate_issued",
            params={"code": code, "start": start.isoformat(), "end": end.isoformat()},
            link="/volunteer",
            dedupe=f"certificate:{certificate.id}",
        )
    session.commit()
    return CertificateSaved(_view(certificate, volunteer), repeat=False)


def certificates_of(session: Session, actor: Actor, volunteer_id: object) -> list[CertificateView]:
    """The volunteer's own certificates, or those of a volunteer in a coordinator's area; newest first, ID
    numbers masked."""
    volunteer = volunteer_for_reading(session, actor, volunteer_id)
    rows = session.exec(
        select(VolunteerCertificate)
        .where(VolunteerCertificate.volunteer_id == volunteer.id)
        .order_by(col(VolunteerCertificate.issued_on).desc(), col(VolunteerCertificate.id).desc())
    ).all()
    return [_view(row, volunteer) for row in rows]


def certificate_detail(session: Session, actor: Actor, certificate_id: object) -> CertificateView:
    """One certificate with the full ID number, to print: for the volunteer or a coordinator; audited."""
    certificate = session.get(VolunteerCertificate, fields.whole_number(certificate_id))
    if certificate is None:
        raise NotFound()
    volunteer = volunteer_for_reading(session, actor, certificate.volunteer_id)
    audit.record(
        session,
        actor,
        "certificate.view",
        "volunteer_certificate",
        certificate.id,
        area_id=volunteer.area_id,
        detail={"volunteer_id": volunteer.id},
    )
    session.commit()
    return _view(certificate, volunteer, masked=False)


def verify_certificate(session: Session, code: object) -> PublicCertificate:
    """The public check (no login): what the certificate with this code says, the ID number masked."""
    code = str(code or "").strip().upper()
    if len(code) != CODE_LENGTH or set(code) - set(CODE_ALPHABET):
        raise NotFound()
    row = session.exec(
        select(VolunteerCertificate, Volunteer)
        .join(Volunteer, Volunteer.id == VolunteerCertificate.volunteer_id)
        .where(VolunteerCertificate.code == code)
    ).first()
    if row is None:
        raise NotFound()
    view = _view(*row)
    return PublicCertificate(**{name: getattr(view, name) for name in PublicCertificate.__dataclass_fields__})
