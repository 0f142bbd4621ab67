"""志愿服务记录证明 (DOMAIN.md §3.11): a coordinator certifies a volunteer's verified service time over a period,
frozen when issued with a random code; anyone checks it by that code with the ID number masked. And the
volunteer's own page: shifts ahead in the least view, hours, points, certificates."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from jingkang_app.domain import settings
from jingkang_app.domain.clock import LOCAL_TZ
from jingkang_app.domain.errors import NotFound, PermissionDenied, ValidationFailed
from jingkang_app.domain.models import AuditLog, Notification, Role, VolunteerCertificate
from jingkang_app.domain.services import areas, certificates, volunteer_home
from jingkang_app.domain.services.certificates import CODE_ALPHABET, PublicCertificate
from tests.factories import make_shift, make_sign_up, make_volunteer, user_with_role


def local(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """A moment by the Shanghai clock, in UTC (the fake clock is at 10:00 on 23 November 2026)."""
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(UTC)


@pytest.fixture
def volunteer(session, world):
    return make_volunteer(session, world)


@pytest.fixture
def coordinator(world):
    return world.actors[Role.township_coordinator]


@pytest.fixture
def served(session, world, volunteer):
    """served(start, kind, minutes, status="verified") → a sign-up as the services leave it."""

    def serve(start: datetime, kind: str = "companion", minutes: int | None = 120, status: str = "verified"):
        shift = make_shift(session, world, start, kind=kind)
        return make_sign_up(session, world, shift, volunteer, status, verified_minutes=minutes)

    return serve


def form(volunteer, start: str = "2026-11-01", end: str = "2026-11-22", **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "volunteer_id": volunteer.id,
        "period_start": start,
        "period_end": end,
    } | overrides


def test_a_certificate_totals_the_verified_time_of_the_period(session, world, volunteer, coordinator, served):
    served(
        local(1, 0, 10), "companion", 120
    )  # 00:10 on the 1st in Shanghai, still 31 October in UTC: counted
    served(local(10, 9), "transport", 95)
    served(local(22, 23, 30), "companion", 45)  # the period's last evening
    served(local(31, 23, 50, month=10), "activity", 60)  # the day before the period
    served(local(23, 9), "activity", 60)  # the day after
    served(local(12, 9), "activity", None, status="checked_out")  # not verified: never counts
    served(local(13, 9), "respite", None, status="no_show")
    certificate = certificates.issue_certificate(session, coordinator, form(volunteer)).certificate
    # 120 + 95 + 45 = 260 minutes (4 h 20 min) over 3 shifts, of two kinds.
    assert (certificate.minutes, certificate.shifts, certificate.content) == (260, 3, "陪伴服务、接送服务")
    assert (certificate.period_start, certificate.period_end) == (date(2026, 11, 1), date(2026, 11, 22))


def test_a_certificate_names_the_volunteer_and_the_issuer_from_the_settings(
    session, world, volunteer, coordinator, served
):
    settings.put(session, world.county.id, "certificate.person_in_charge", "王主任")
    session.commit()
    served(local(10, 9))
    certificate = certificates.issue_certificate(session, coordinator, form(volunteer)).certificate
    assert (certificate.volunteer_name, certificate.volunteer_no, certificate.id_type) == (
        "周志远",
        "ZY-330127-000001",
        "resident_id",
    )
    assert (certificate.issuer, certificate.person_in_charge, certificate.contact) == (
        "示范县精康融合服务中心",
        "王主任",
        "0571-88000000",
    )
    assert (certificate.handler, certificate.issued_on) == (coordinator.name, date(2026, 11, 23))
    assert certificate.id_number == volunteer.id_number[:4] + "**********" + volunteer.id_number[-4:]
    assert len(certificate.code) == 12 and set(certificate.code) <= set(CODE_ALPHABET)
    notice = session.exec(select(Notification).where(Notification.kind == "certificate_issued")).one()
    assert (notice.user_id, notice.params["code"]) == (volunteer.user_id, certificate.code)


def test_what_was_certified_stays_frozen_when_more_hours_are_verified(
    session, volunteer, coordinator, served
):
    served(local(10, 9))
    issued = certificates.issue_certificate(session, coordinator, form(volunteer)).certificate
    served(local(11, 9))
    [listed] = certificates.certificates_of(session, coordinator, volunteer.id)
    assert (listed.code, listed.minutes) == (issued.code, 120)


def test_only_service_recorded_in_the_issuing_county_counts(session, world, volunteer, coordinator, served):
    other_county = areas.create_area(session, "邻县", "330128")
    session.commit()
    served(local(10, 9))
    elsewhere = make_shift(session, world, local(11, 9), area_id=other_county.id)
    make_sign_up(session, world, elsewhere, volunteer, "verified", verified_minutes=300)
    assert certificates.issue_certificate(session, coordinator, form(volunteer)).certificate.minutes == 120


def test_a_period_without_verified_time_gets_no_certificate(session, volunteer, coordinator, served):
    served(local(12, 9), minutes=None, status="checked_out")
    with pytest.raises(ValidationFailed) as refused:
        certificates.issue_certificate(session, coordinator, form(volunteer))
    assert refused.value.errors["period_start"].key == "error.certificate_no_hours"


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [
        ("2026-11-10", "2026-11-01", "error.certificate_period_order"),
        ("2026-11-01", "2026-11-24", "error.certificate_period_future"),
    ],
)
def test_the_period_is_checked(session, volunteer, coordinator, start, end, key):
    with pytest.raises(ValidationFailed) as refused:
        certificates.issue_certificate(session, coordinator, form(volunteer, start, end))
    assert refused.value.errors["period_end"].key == key


def test_a_resent_issue_returns_the_stored_certificate(session, volunteer, coordinator, served):
    served(local(10, 9))
    data = form(volunteer)
    first = certificates.issue_certificate(session, coordinator, data)
    again = certificates.issue_certificate(session, coordinator, data)
    assert (again.repeat, again.certificate.code) == (True, first.certificate.code)
    assert len(session.exec(select(VolunteerCertificate)).all()) == 1


# --- the public check -------------------------------------------------------------------------------------


def test_anyone_checks_a_certificate_by_its_code_with_the_id_number_masked(
    session, volunteer, coordinator, served
):
    served(local(10, 9))
    issued = certificates.issue_certificate(session, coordinator, form(volunteer)).certificate
    checked = certificates.verify_certificate(session, f" {issued.code.lower()} ")
    assert type(checked) is PublicCertificate
    assert (checked.code, checked.volunteer_name, checked.minutes, checked.issuer) == (
        issued.code,
        "周志远",
        120,
        "示范县精康融合服务中心",
    )
    assert checked.id_number == volunteer.id_number[:4] + "*" * 10 + volunteer.id_number[-4:]


@pytest.mark.parametrize("code", ["", "ABCDEFGHJKMN", "0O1IL0O1IL0O", "ABC"])
def test_an_unknown_code_is_not_found(session, code):
    with pytest.raises(NotFound):
        certificates.verify_certificate(session, code)


# --- who may issue and read -------------------------------------------------------------------------------


def test_a_volunteer_reads_their_own_certificates_in_full_but_not_anothers(
    session, world, volunteer, coordinator, served
):
    served(local(10, 9))
    issued = certificates.issue_certificate(session, coordinator, form(volunteer)).certificate
    me = world.actors[Role.volunteer]
    assert [c.code for c in certificates.certificates_of(session, me, volunteer.id)] == [issued.code]
    assert certificates.certificate_detail(session, me, issued.id).id_number == volunteer.id_number
    assert (
        session.exec(select(AuditLog).where(AuditLog.action == "certificate.view")).one().actor_id
        == me.user_id
    )
    other = make_volunteer(
        session, world, user_with_role(session, world, Role.volunteer, world.village_a), n=2
    )
    with pytest.raises(PermissionDenied):
        certificates.certificates_of(session, me, other.id)


def test_a_volunteer_cannot_issue_a_certificate(session, world, volunteer, served):
    served(local(10, 9))
    with pytest.raises(PermissionDenied):
        certificates.issue_certificate(session, world.actors[Role.volunteer], form(volunteer))


# --- the volunteer's own page -----------------------------------------------------------------------------


def test_the_volunteer_sees_shifts_ahead_hours_points_and_certificates(
    session, world, volunteer, coordinator, served, fake_clock
):
    served(local(10, 9), minutes=95)
    served(local(15, 9, month=6), minutes=60)
    served(local(15, 9, month=12, year=2025), minutes=30)  # last year: counts in all only
    certificates.issue_certificate(session, coordinator, form(volunteer))
    soon = make_sign_up(session, world, make_shift(session, world, local(23, 10, 30)), volunteer)
    make_sign_up(session, world, make_shift(session, world, local(22, 9)), volunteer)  # over
    home = volunteer_home.my_summary(session, world.actors[Role.volunteer])
    assert (home.year, home.minutes_this_year, home.minutes_total, home.points) == (2026, 155, 185, 0)
    [shift] = home.upcoming
    assert (shift.sign_up_id, shift.first_name, shift.task, shift.may_check_in) == (
        soon.id,
        "建国",
        "陪老人散步、聊天",
        True,
    )
    assert not {"recipient_id", "respite_request_id", "name"} & set(vars(shift))
    assert len(home.certificates) == 1


def test_only_a_volunteer_has_a_volunteer_page(session, world):
    with pytest.raises(PermissionDenied):
        volunteer_home.my_summary(session, world.actors[Role.social_worker])
    with pytest.raises(NotFound):
        volunteer_home.my_summary(session, world.actors[Role.volunteer])  # no volunteer record yet
