"""Free transport and accompanied trips (免费接送/陪伴出行, DOMAIN.md §3.8): a request's statuses and the shift a
coordinator fills it with. Pure: no database."""

from datetime import timedelta
from enum import StrEnum

PLACE_MAX, NOTE_MAX = 100, 200
# The 接送 shift a request is filled with lasts this long unless the coordinator says otherwise: the ride there,
# or the trip with the wait and the ride back.
RIDE = timedelta(hours=2)
ACCOMPANIED_TRIP = timedelta(hours=4)


class TransportStatus(StrEnum):
    requested = "requested"  # 待安排
    filled = "filled"  # 已安排: a 接送 shift serves it
    cancelled = "cancelled"  # 已取消


def trip_length(accompanied: bool) -> timedelta:
    return ACCOMPANIED_TRIP if accompanied else RIDE


def route(pickup: str, destination: str, max_length: int) -> str:
    """What the volunteer is told to do: from where to where."""
    return f"{pickup} → {destination}"[:max_length]
