"""Chinese resident identity numbers (公民身份号码, GB 11643-1999).

An 18-character number: 6-digit region code, 8-digit birth date (YYYYMMDD), 3-digit sequence code whose last
digit gives the sex (odd = male), and a check character 0-9 or X (ISO 7064 MOD 11-2).
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from jingkang_app.domain import clock

Sex = Literal["male", "female"]

# Reasons carried by InvalidIdNumber, in the order they are checked.
REASON_LENGTH = "length"
REASON_FORMAT = "format"
REASON_BIRTH_DATE = "birth_date"
REASON_CHECKSUM = "checksum"

ID_NUMBER_LENGTH = 18
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")

# Full-width digits ０-９ and Ｘ/ｘ → ASCII.
_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "X"})


class InvalidIdNumber(ValueError):
    """The ID number is not valid; ``reason`` is one of the REASON_* constants."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"invalid ID number: {reason}")


@dataclass(frozen=True)
class IdCard:
    number: str
    birth_date: date
    sex: Sex
    region_code: str


def normalise_id_number(raw: str) -> str:
    """Full-width digits and X to ASCII, all whitespace (including U+3000) removed, x upper-cased."""
    return "".join(raw.translate(_FULL_WIDTH).split()).upper()


def id_check_char(first17: str) -> str:
    """The check character (0-9 or X) for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("id_check_char needs exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def parse_id_number(raw: str, *, today: date | None = None) -> IdCard:
    """Normalise and validate an ID number; raise InvalidIdNumber with the first failing reason.

    ``today`` (default: the app clock's local date) bounds the birth date from above.
    """
    number = normalise_id_number(raw)
    if len(number) != ID_NUMBER_LENGTH:
        raise InvalidIdNumber(REASON_LENGTH)
    if not _FORMAT.fullmatch(number):
        raise InvalidIdNumber(REASON_FORMAT)
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber(REASON_BIRTH_DATE) from None
    if not EARLIEST_BIRTH_DATE <= birth_date <= (today or clock.today()):
        raise InvalidIdNumber(REASON_BIRTH_DATE)
    if id_check_char(number[:17]) != number[17]:
        raise InvalidIdNumber(REASON_CHECKSUM)
    sex: Sex = "male" if int(number[16]) % 2 == 1 else "female"
    return IdCard(number=number, birth_date=birth_date, sex=sex, region_code=number[:6])


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters, star the rest: 3301**********123X (same length)."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
