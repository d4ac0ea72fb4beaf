"""Seeded synthetic municipality: writes one delivery folder exactly as ``sources.md`` describes,
plus a ground-truth file (outside the delivery) listing the planted income-optimisation cases
and the planted family cases.

    from sources.generator import generate_delivery
    generate_delivery(Path("var/landing"), citizens=10_000, seed=1)

CLI: ``python -m sources.generator LANDING --citizens N [--seed S] [--date YYYY-MM-DD]``.

Layout: ``delivery`` runs it all on a ``world`` (shared random stream, dates, streets,
providers, population and output files); ``households`` and ``services`` make the clean base,
``planted/`` the cases the checks must find (one module per check family) and the family cases
of the family marts (``planted/families.py``); ``family_structures`` adds stepfamilies, adult
children at home and teenagers living alone to the base.
"""

from .delivery import GeneratedDelivery, generate_delivery

__all__ = ["GeneratedDelivery", "generate_delivery"]
