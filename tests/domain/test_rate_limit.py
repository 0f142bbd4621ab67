"""The public forms' rate limit (services.rate_limit): five accepted submissions per form and client address in an
hour (the county's ``public_form.max_per_hour``), for 意见反馈 and 成为志愿者 alike; resends and refused forms do
not count."""

import uuid
from datetime import timedelta

import pytest
from sqlmodel import func, select

from jingkang_app.domain import clock, settings
from jingkang_app.domain.errors import TooManySubmissions, ValidationFailed
from jingkang_app.domain.models import Feedback, RateLimitHit, Volunteer
from jingkang_app.domain.services import feedback, rate_limit, volunteer_registration
from tests.factories import volunteer_form

IP = "203.0.113.7"


def feedback_form(world, **overrides) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "kind": "suggestion",
        "area_id": world.township_a.id,
        "content": "希望康复站周末也开放。",
    } | overrides


def send(session, world, ip=IP, **overrides):
    return feedback.submit_feedback(session, feedback_form(world, **overrides), ip=ip)


def stored(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_the_sixth_feedback_in_an_hour_is_refused_and_not_stored(session, world):
    for _ in range(5):
        send(session, world)
    with pytest.raises(TooManySubmissions) as refused:
        send(session, world)
    assert refused.value.key == "error.too_many_submissions"
    assert stored(session, Feedback) == 5


def test_an_hour_after_the_first_submissions_the_address_may_send_again(session, world, fake_clock):
    for _ in range(5):
        send(session, world)
    fake_clock.advance(minutes=61)
    assert send(session, world).repeat is False
    assert stored(session, Feedback) == 6


def test_within_the_hour_the_window_still_holds_every_earlier_hit(session, world, fake_clock):
    send(session, world)
    fake_clock.advance(minutes=30)
    for _ in range(4):
        send(session, world)
    fake_clock.advance(minutes=29)
    with pytest.raises(TooManySubmissions):
        send(session, world)


def test_a_resend_with_the_same_client_id_is_not_counted(session, world):
    for _ in range(3):
        send(session, world)
    form = feedback_form(world)
    first = feedback.submit_feedback(session, form, ip=IP)
    resends = [feedback.submit_feedback(session, dict(form), ip=IP) for _ in range(3)]
    fifth = send(session, world)
    assert [r.reference for r in resends] == [first.reference] * 3 and all(r.repeat for r in resends)
    assert fifth.repeat is False and stored(session, Feedback) == 5


def test_a_form_refused_for_its_fields_is_not_counted(session, world):
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            send(session, world, content="")
    for _ in range(5):
        send(session, world)
    assert stored(session, Feedback) == 5


def test_each_address_has_its_own_limit(session, world):
    for _ in range(5):
        send(session, world)
    assert send(session, world, ip="198.51.100.20").repeat is False


def test_callers_without_an_address_share_one_bucket(session, world):
    for _ in range(5):
        send(session, world, ip=None)
    with pytest.raises(TooManySubmissions):
        send(session, world, ip="")


def test_the_limit_is_the_countys_setting(session, world):
    settings.put(session, world.county.id, "public_form.max_per_hour", 2)
    session.commit()
    send(session, world)
    send(session, world)
    with pytest.raises(TooManySubmissions):
        send(session, world)


def test_the_public_volunteer_registration_is_limited_too(session, world):
    def register(n: int):
        form = volunteer_form(world.village_a, phone=f"137000012{n:02d}")
        return volunteer_registration.register_volunteer(session, form, ip=IP)

    for n in range(5):
        register(n)
    with pytest.raises(TooManySubmissions):
        register(5)
    assert stored(session, Volunteer) == 5


def test_a_registration_refused_for_its_fields_is_not_counted(session, world):
    for n in range(5):
        with pytest.raises(ValidationFailed):
            form = volunteer_form(world.village_a, phone=f"137000012{n:02d}", name="")
            volunteer_registration.register_volunteer(session, form, ip=IP)
    form = volunteer_form(world.village_a, phone="13700001299")
    assert volunteer_registration.register_volunteer(session, form, ip=IP).repeat is False
    assert stored(session, RateLimitHit) == 1


def test_a_registration_resent_with_the_same_client_id_is_not_counted(session, world):
    form = volunteer_form(world.village_a, phone="13700001200")
    for _ in range(6):
        volunteer_registration.register_volunteer(session, dict(form), ip=IP)
    assert session.exec(select(RateLimitHit.bucket)).all() == [f"volunteer_registration:{IP}"]


def test_feedback_and_registration_are_counted_apart(session, world):
    for _ in range(5):
        send(session, world)
    form = volunteer_form(world.village_a)
    assert volunteer_registration.register_volunteer(session, form, ip=IP).repeat is False


def test_pruning_drops_hits_older_than_a_day_only(session, world, fake_clock):
    now = clock.now()
    for age in (timedelta(days=2), timedelta(hours=25), timedelta(hours=23)):
        session.add(RateLimitHit(bucket="feedback:x", at=now - age))
    session.commit()
    rate_limit.prune(session)
    session.commit()
    assert [hit.at for hit in session.exec(select(RateLimitHit)).all()] == [now - timedelta(hours=23)]


def test_an_accepted_submission_now_and_then_prunes_old_hits(session, world, monkeypatch):
    monkeypatch.setattr(rate_limit, "PRUNE_ONE_IN", 1)  # every time
    session.add(RateLimitHit(bucket="feedback:old", at=clock.now() - timedelta(days=3)))
    session.commit()
    send(session, world)
    assert session.exec(select(RateLimitHit.bucket)).all() == [f"feedback:{IP}"]
