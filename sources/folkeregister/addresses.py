"""Normalisation of CPR address key parts (``shared/spec/sources.md``, "Address keys").

An address is identified by (KOMKOD, VEJKOD, HUSNR, ETAGE, SIDEDOER). CPR writes these in
fixed-width form; the warehouse keys use the normalised values below. Anything that compares
addresses with CPR (e.g. the providers' ``road_code``/``house_number``) must use the same
functions so that the keys match.

- ``municipality_code`` / ``road_code``: stripped only; they stay 4-digit strings (``0851``,
  ``0042``).
- ``house_number`` (HUSNR): leading zeros of the number removed, letter kept:
  ``016 ``→``16``, ``077A``→``77A``, ``  7B``→``7B``; blank → None; a number of only zeros
  (``000``) → None (no such house number exists).
  Blanks inside (``12 A``) are dropped: ``12A``.
- ``floor`` (ETAGE): a numeric floor loses its leading zeros (``01``→``1``, ``00``→``0``);
  ``st``, ``kl`` and other text stay as written; blank → None.
- ``door`` (SIDEDOER, right-aligned): stripped (``  tv``→``tv``); a purely numeric door loses its
  leading zeros (`` 004``→``4``, ``0``→``0``); anything else stays as written; blank → None.

Case is never changed.
"""

from __future__ import annotations


def _strip_leading_zeros(digits: str) -> str:
    return digits.lstrip("0") or "0"


def normalise_house_number(value: str | None) -> str | None:
    if value is None:
        return None
    s = value.strip()
    if not s:
        return None
    i = 0
    while i < len(s) and s[i].isdigit():
        i += 1
    if i == 0:
        return s
    number = s[:i].lstrip("0")
    rest = s[i:].strip()
    if not number:
        return rest or None  # ``000`` is no house number; ``000A`` keeps its letter
    return number + rest


def normalise_floor(value: str | None) -> str | None:
    """ETAGE: ``01`` → ``1``; ``st``/``kl`` as written."""
    if value is None:
        return None
    s = value.strip()
    if not s:
        return None
    if s.isdigit():
        return _strip_leading_zeros(s)
    return s


# SIDEDOER follows the same rule: `` 004`` → ``4``, ``  tv`` → ``tv``, letter case kept.
normalise_door = normalise_floor


def normalise_code(value: str | None) -> str | None:
    """KOMKOD / VEJKOD: stripped, otherwise as written (4 digits)."""
    if value is None:
        return None
    return value.strip() or None
