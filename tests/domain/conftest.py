import pytest

from tests.factories import build_world


@pytest.fixture
def world(session, fake_clock):
    """The small county of tests/factories.py, on the fake clock."""
    return build_world(session)
