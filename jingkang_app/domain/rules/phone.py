"""Mainland China mobile phone numbers (11 digits, 1[3-9]xxxxxxxxx)."""

import re

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# Full-width digits, plus sign, hyphen-minus and space → ASCII.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "＋": "+", "－": "-", "\u3000": " "}
)
_DASHES = re.escape("-\u2010\u2011\u2012\u2013\u2014\u2212")
_SEPARATORS = re.compile(rf"[\s{_DASHES}]+")
# "+86" and "0086" may be written straight onto the number; a bare "86" only before a separator.
_COUNTRY_PREFIX = re.compile(rf"^(?:\+86|0086|86(?=[\s{_DASHES}]))")


class InvalidMobile(ValueError):
    """Not a mainland mobile number after normalising."""

    def __init__(self, raw: str = ""):
        self.raw = raw
        super().__init__("invalid mobile number")


def normalise_mobile(raw: str) -> str:
    """Strip separators and a leading +86 / 0086 / "86 "; return the 11 digits or raise InvalidMobile."""
    text = _COUNTRY_PREFIX.sub("", raw.translate(_FULL_WIDTH).strip())
    number = _SEPARATORS.sub("", text)
    if not _MOBILE.fullmatch(number):
        raise InvalidMobile(raw)
    return number


def mask_mobile(number: str) -> str:
    """Keep the first 3 and last 4 digits: 138****5678."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
