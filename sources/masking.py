"""CPR numbers never leave the process unmasked: ``DDMMYY-XXXX``."""

from __future__ import annotations

import re

_CPR_LIKE = re.compile(r"(?<!\d)(\d{6})-?\d{4}(?!\d)")


def mask_cpr(value: str | None) -> str:
    """Mask one CPR value for an error message; anything not CPR-shaped is masked whole."""
    if value is None:
        return ""
    digits = value.strip().replace("-", "")
    if len(digits) >= 6 and digits[:6].isdigit():
        return f"{digits[:6]}-XXXX"
    return "XXXXXX-XXXX" if digits else ""


def mask_cprs_in_text(text: str) -> str:
    """Mask every 10-digit CPR-shaped number inside free text (log lines, exception messages)."""
    return _CPR_LIKE.sub(lambda m: f"{m.group(1)}-XXXX", text)
