"""Planted cases for the income-optimisation checks (``checks.md``), with their ground truth.

Every case is dated relative to ``as_of`` (the delivery date); with the default 2026-11-22 the
worked examples of checks.md §6 come out with exactly the dates and amounts written there
(example 4 is translated from as_of 2025-10-01: the pupil starts 2023-08-01). The ground truth
records what was planted and the amounts that follow from the rules; it is never produced by
running the checks."""

from __future__ import annotations

import datetime as dt

from .core import GT, Engine
from .model import ONE, Person, add_years, first_weekday, half_up_div, mend, mi, mstart

WINDOW = 36


def cr_refund(total_ore: int) -> int:
    """Refund under the 2020 § 176 tiers (øre): 25 % > 830.000, 50 % > 1.630.000, 75 % > 2.050.000."""
    t = total_ore
    r = 0
    for lo, hi, pct in ((83_000_000, 163_000_000, 25), (163_000_000, 205_000_000, 50),
                        (205_000_000, None, 75)):
        if t > lo:
            r += (min(t, hi) - lo if hi else t - lo) * pct // 100
    return r


class Planted:
    def __init__(self, eng: Engine):
        self.eng = eng
        self.rng = eng.rng
        self.as_of = eng.as_of
        self.A = eng.asof_m
        self.ours = eng.ours
        o = eng.others
        self.X1, self.X2, self.X3, self.X4 = o[0], o[1], o[2], o[3]
        self.X5 = o[6] if len(o) > 6 else o[4]
        self.cases: list[dict] = []
        self.groups: list[list[Person]] = []
        self.residents = 0

    # ------------------------------------------------------------------ helpers
    def md(self, k: int, day: int = 1) -> dt.date:
        """Day ``day`` (0 = last day) of month as_of + k months."""
        m = self.A + k
        return mend(m) if day == 0 else mstart(m).replace(day=day)

    def split(self, months: list[tuple[int, int]]) -> tuple[int, int]:
        pot = sum(v for m, v in months if self.A - WINDOW <= m <= self.A - 1)
        lost = sum(v for m, v in months if m < self.A - WINDOW)
        return pot, lost

    def case(self, check: str, expected: bool, anchor: dict, description: str,
             potential: int | None = None, lost: int | None = None, variant: str | None = None,
             note: str | None = None):
        c = {"id": f"{check}-{sum(1 for x in self.cases if x['check_code'] == check) + 1:02d}",
             "check_code": check, "variant": variant, "expected": expected, "anchor": anchor,
             "description": description,
             "potential_amount_dkk": None if potential is None else round(potential / 100, 2),
             "lost_amount_dkk": None if lost is None else round(lost / 100, 2)}
        if note:
            c["amounts_note"] = note
        self.cases.append(c)

    def person(self, age: int, sex: str, spans: list[tuple], status: str = "01",
               status_date: dt.date | None = None) -> Person:
        """A person aged ``age`` on as_of living in ``spans`` [(addr, start, end|None)]; any
        earlier history is prepended before the first span."""
        eng = self.eng
        birth = eng.rand_date(add_years(self.as_of, -age - 1) + dt.timedelta(days=2),
                              add_years(self.as_of, -age) - ONE)
        p = eng.person(birth, sex)
        sp = [list(s) for s in spans]
        sp = [s for s in sp if s[2] is None or s[2] > birth]
        if sp[0][1] is None or sp[0][1] <= birth:
            sp[0][1] = birth
        p.spans = sp
        if sp[0][1] > birth:
            eng.history(p, sp[0][1], n_max=1)
        if status != "01":
            p.status, p.status_date = status, status_date
        return p

    def home(self, kom: str | None = None):
        return self.eng.streets[kom or self.ours].alloc()

    def group(self, *persons: Person):
        self.groups.append(list(persons))
        for p in persons:
            if p.status == "01" and p.spans[-1][2] is None and p.spans[-1][0][0] == self.ours:
                self.residents += 1

    def gt(self, key: str, **over) -> dict:
        g = dict(GT[key])
        g.update(over)
        return g

    def mother_child(self, kom_spans_mother, child_age: int, kom_spans_child=None):
        m = self.person(self.rng.randint(35, 45), "K", kom_spans_mother)
        c = self.person(child_age, self.rng.choice("MK"), kom_spans_child or
                        [[s[0], None if i == 0 else s[1], s[2]]
                         for i, s in enumerate(kom_spans_mother)])
        c.last = m.last
        c.mother = m
        m.children.append(c.cpr)
        return m, c

    # ------------------------------------------------------------------ the cases
    def build(self):
        for f in (self.not_stopped, self.missing_charge, self.pension, self.school,
                  self.school_paid, self.paymun_block, self.case_status, self.central_refusion,
                  self.traps):
            f()

    def not_stopped(self):
        eng, A, ours, X1 = self.eng, self.A, self.ours, self.X1
        # worked example 1: outbound § 108 placement, then an ordinary flat in X1
        g, mv = self.md(-33), self.md(-14)
        prov = eng.prov_by_kind[("botilbud", X1)][0]
        p = self.person(23, "M", [[self.home(), add_years(g, -4), g],
                                  [eng.at_provider(prov), g, mv], [self.home(X1), mv, None]])
        case_id, rows = eng.add_grant(
            p, self.gt("botilbud108", unit="month"), start=g, end=None, price=6_000_000,
            provider=prov, placed_by=ours, split=False, post_last_m=A - 1, legal="SEL §108")
        gid = rows[0][0]
        after = [(m, 6_000_000) for m in range(mi(mv), A)]
        pot, lost = self.split(after)
        self.case("NOT_STOPPED", True, {"grant_id": gid, "case_id": case_id, "cpr": p.cpr},
                  f"Worked example 1: § 108 botilbud in {X1} from {g}, moved to an ordinary flat in "
                  f"{X1} on {mv}; 60.000 kr/month kept being paid", pot + 12 * 6_000_000, lost)
        self.case("PAYMUN_MISMATCH", False, {"grant_id": gid, "cpr": p.cpr},
                  "Worked example 1: placement explains it before the move; NOT_STOPPED takes "
                  "precedence after it")
        self.case("BLOCK_GRANT", False, {"cpr": p.cpr, "branch": 1},
                  "Worked example 1: placement, then precedence of NOT_STOPPED")
        self.group(p)

        # grant ended mid-month and its case closed; payments kept running
        s, e = self.md(-20), self.md(-5, 15)
        p = self.person(41, "K", [[self.home(), self.md(-120), None]])
        case_id, rows = eng.add_grant(
            p, GT["tilskud95"], start=s, end=e, price=1_200_000, closed=e, split=False,
            post_until_m=A - 1)
        stop = e + ONE
        after = [(m, 1_200_000) for m in range(mi(e), A) if mstart(m) >= stop]
        pot, lost = self.split(after)
        self.case("NOT_STOPPED", True, {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
                  f"§ 95 grant ended {e} (case closed the same day); 12.000 kr/month still paid "
                  f"for the following months", pot + 12 * 1_200_000, lost)
        self.group(p)

        # death: home help kept being paid after the person died
        s, death = self.md(-30), self.md(-3, 10)
        p = self.person(86, "K", [[self.home(), self.md(-200), death]], status="90",
                        status_date=death)
        p.civ, p.civ_since = "E", self.md(-100)
        case_id, rows = eng.add_grant(
            p, GT["hjemmehjaelp"], start=s, end=None, price=40_000, hpw=5,
            provider=eng.prov_by_kind[("ambulant", ours)][0], split=False, post_last_m=A - 1)
        monthly = half_up_div(40_000 * 5 * 365, 84)
        after = [(m, monthly) for m in range(mi(death), A) if mstart(m) > death]
        pot, lost = self.split(after)
        self.case("NOT_STOPPED", True, {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
                  f"Home help (400 kr/h, 5 h/week) paid after the death on {death}",
                  pot + 12 * monthly, lost,
                  note="run-rate = the monthly posting (8.690,48 kr: 400 × 5 × 365 / 84 rounded "
                       "per posting) in each of the last 3 complete months")
        self.group(p)

    def missing_charge(self):
        eng, A, ours, X1, X2, X4 = self.eng, self.A, self.ours, self.X1, self.X2, self.X4
        # worked example 2: placed here by X1, we pay the pension's municipal share
        g = self.md(-45)
        prov = eng.prov_by_kind[("botilbud", ours)][0]
        p = self.person(48, "M", [[self.home(X1), self.md(-150), g], [eng.at_provider(prov), g, None]])
        case_id, rows = eng.add_grant(p, GT["botilbud108"], start=g, end=None, price=190_000,
                                      provider=prov, acting=X1, paying=X1, placed_by=X1, post=False)
        eng.pension(p, "foertidspension", dt.date(2012, 3, 1), X1, X1, 1_400_000)
        eng.monthly(p, "5.48.68", "5.2", 1_400_000, mi(g), A - 1,
                    text="Førtidspension inkl. personligt tillæg", cc="5300")
        pot, lost = self.split([(m, 1_400_000) for m in range(mi(g), A)])
        self.case("MISSING_CHARGE", True, {"cpr": p.cpr, "counterparty_municipality_code": X1},
                  f"Worked example 2: placed by {X1} in our botilbud since {g}; 14.000 kr/month on "
                  f"5.48 never charged", pot, lost)
        self.case("PAYMUN_MISMATCH", False, {"grant_id": rows[0][0], "cpr": p.cpr},
                  "Worked example 2: the stay's grant (acting and paying X) is explained by the "
                  "placement rule")
        self.group(p)

        # (b) we book expense on a grant whose recorded payer is X4 and never charge it
        s = self.md(-38)
        p = self.person(37, "M", [[self.home(), self.md(-100), None]])
        case_id, rows = eng.add_grant(p, self.gt("stoette85", unit="month"), start=s, end=None,
                                      price=2_000_000, paying=X4, split=False, post_last_m=A - 1,
                                      provider=eng.prov_by_kind[("ambulant", ours)][0])
        pot, lost = self.split([(m, 2_000_000) for m in range(mi(s), A)])
        self.case("MISSING_CHARGE", True, {"cpr": p.cpr, "counterparty_municipality_code": X4,
                                           "grant_id": rows[0][0]},
                  f"Grant records {X4} as paying municipality; we pay 20.000 kr/month since {s} "
                  f"and never charged {X4}", pot, lost, variant="b")
        self.case("PAYMUN_MISMATCH", False, {"grant_id": rows[0][0], "cpr": p.cpr},
                  "Precedence: MISSING_CHARGE charges on this grant")
        self.group(p)

        # trap: placed here by X2, our pension expense charged to X2 every month
        g = self.md(-26)
        prov = eng.prov_by_kind[("botilbud", ours)][-1]
        p = self.person(55, "K", [[self.home(X2), self.md(-150), g], [eng.at_provider(prov), g, None]])
        eng.add_grant(p, GT["botilbud108"], start=g, end=None, price=170_000, provider=prov,
                      acting=X2, paying=X2, placed_by=X2, post=False)
        eng.pension(p, "foertidspension", dt.date(2011, 9, 1), X2, X2, 900_000)
        m0 = mi(g)
        eng.monthly(p, "5.48.68", "5.2", 900_000, m0, A - 1, text="Førtidspension", cc="5300",
                    income_from=X2)
        self.case("MISSING_CHARGE", False, {"cpr": p.cpr, "counterparty_municipality_code": X2},
                  f"Trap: placed here by {X2}; every month of our 5.48 expense is already charged "
                  f"(art 7.7)")
        self.group(p)

    def pension(self):
        eng, A, ours, X1, X2, X3, X4, X5 = (self.eng, self.A, self.ours, self.X1, self.X2,
                                             self.X3, self.X4, self.X5)

        def six_end(awarded, left):
            start = awarded if awarded < dt.date(2015, 2, 2) else left
            return add_years(start, 6) - ONE

        # (a) worked example 3
        for aw, mv, kom, share, desc in (
                (self.md(-126), self.md(-104, 10), X1, 1_200_000, "Worked example 3 (a)"),
                (dt.date(2010, 6, 1), dt.date(self.as_of.year - 6, 1, 1), X5, 950_000,
                 "Awarded before 2015-02-02: six years from the award")):
            p = self.person(58, "K", [[self.home(), add_years(aw, -5), mv], [self.home(kom), mv, None]])
            eng.pension(p, "foertidspension", aw, ours, ours, share)
            end6 = six_end(aw, mv)
            months = [(m, share) for m in range(mi(mv), A) if mstart(m) > end6 and mstart(m) >= mv]
            pot, lost = self.split(months)
            self.case("PENSION_6Y", True, {"cpr": p.cpr, "variant": "a",
                                           "awarding_municipality_code": ours},
                      f"{desc}: awarded by us {aw}, moved to {kom} {mv}, six years ended {end6}; "
                      f"pensions.csv still says paying {ours}", pot + 12 * share, lost, variant="a")
            self.group(p)

        # (b) worked example 3 and a partly charged seniorpension
        aw, mv = self.md(-104), self.md(-87, 15)
        p = self.person(52, "M", [[self.home(X1), add_years(aw, -6), mv], [self.home(), mv, None]])
        eng.pension(p, "foertidspension", aw, X1, ours, 1_200_000)
        eng.monthly(p, "5.48.68", "5.2", 1_200_000, mi(mv) + 1, A - 1, text="Førtidspension", cc="5300",
                    m_floor=0)
        end6 = six_end(aw, mv)
        pot, lost = self.split([(m, 1_200_000) for m in range(mi(mv) + 1, A) if mend(m) <= end6])
        self.case("PENSION_6Y", True, {"cpr": p.cpr, "variant": "b",
                                       "awarding_municipality_code": X1},
                  f"Worked example 3 (b): awarded by {X1} {aw}, moved here {mv}, six years to "
                  f"{end6}; 12.000 kr/month never refunded", pot, lost, variant="b")
        self.group(p)

        aw, mv = dt.date(self.as_of.year - 5, 4, 1), dt.date(self.as_of.year - 4, 6, 1)
        p = self.person(63, "K", [[self.home(X4), add_years(aw, -8), mv], [self.home(), mv, None]])
        eng.pension(p, "seniorpension", aw, X4, X4, 1_000_000)
        charged_to = mi(dt.date(self.as_of.year - 3, 12, 1))
        eng.monthly(p, "5.48.65", "5.2", 1_000_000, mi(mv), A - 1, text="Seniorpension", cc="5300",
                    income_from=X4, income_months=set(range(mi(mv), charged_to + 1)))
        end6 = six_end(aw, mv)
        pot, lost = self.split([(m, 1_000_000) for m in range(charged_to + 1, A) if mend(m) <= end6])
        self.case("PENSION_6Y", True, {"cpr": p.cpr, "variant": "b",
                                       "awarding_municipality_code": X4},
                  f"Seniorpension awarded by {X4} {aw}, moved here {mv}; {X4} paid until "
                  f"{mend(charged_to)}, nothing since", pot, lost, variant="b")
        self.group(p)

        # traps
        aw, mv = dt.date(self.as_of.year - 6, 3, 1), dt.date(self.as_of.year - 3, 5, 1)
        p = self.person(60, "M", [[self.home(), add_years(aw, -5), mv], [self.home(X2), mv, None]])
        eng.pension(p, "foertidspension", aw, ours, ours, 1_100_000)
        self.case("PENSION_6Y", False, {"cpr": p.cpr, "variant": "a", "awarding_municipality_code": ours},
                  f"Trap: awarded by us {aw}, moved to {X2} {mv}; still inside the six years "
                  f"(to {six_end(aw, mv)})", variant="a")
        self.group(p)
        aw, mv = dt.date(2001, 9, 1), dt.date(2010, 4, 1)
        p = self.person(64, "K", [[self.home(), add_years(aw, -5), mv], [self.home(X3), mv, None]])
        eng.pension(p, "foertidspension", aw, ours, ours, 800_000)
        self.case("PENSION_6Y", False, {"cpr": p.cpr, "variant": "a", "awarding_municipality_code": ours},
                  "Trap: awarded 2001, before the six-year rule (2004)", variant="a")
        self.group(p)

    def school(self):
        eng, A, ours, X1, X2 = self.eng, self.A, self.ours, self.X1, self.X2
        schools = eng.prov_by_kind[("school", ours)]
        y = self.as_of.year
        rate = 600_000  # min(78.000, 72.000) / 12
        note = ("assumes school_cost_per_pupil 0851 = 78.000 and 0773 = 72.000 kr for every year "
                "(checks.md example 4) → 6.000 kr/month")
        # worked example 4 (translated: starts 2023-08-01)
        start = dt.date(y - 3, 8, 1)
        m, c = self.mother_child([[self.home(X1), self.md(-170), None]], 13)
        eng.pupil(c, schools[0], "normal", start, None)
        pot, lost = self.split([(k, rate) for k in range(mi(start), A)])
        self.case("SCHOOL_CHARGE", True, {"cpr": c.cpr, "counterparty_municipality_code": X1},
                  f"Worked example 4: pupil in our school since {start}, CPR-registered in {X1}, "
                  f"never charged", pot, lost, note=note)
        self.group(m, c)
        # charged until June last year, then forgotten
        start = dt.date(y - 2, 8, 1)
        charged_to = mi(dt.date(y - 1, 6, 1))
        m, c = self.mother_child([[self.home(X1), self.md(-150), None]], 11)
        eng.pupil(c, schools[-1], "normal", start, None)
        for k in range(mi(start), charged_to + 1):
            eng.post(mend(k), "3.22.01", 1, "7.7", -rate, cpr=c.cpr, cp=X1, s=mstart(k), e=mend(k),
                     text="Frit skolevalg, betaling fra bopælskommune", cost_center="3100")
        pot, lost = self.split([(k, rate) for k in range(charged_to + 1, A)])
        self.case("SCHOOL_CHARGE", True, {"cpr": c.cpr, "counterparty_municipality_code": X1},
                  f"Pupil from {X1} since {start}; charged 6.000 kr/month until {mend(charged_to)}, "
                  f"not since", pot, lost, note=note)
        self.group(m, c)
        # trap: moved away mid-month, charged from the first whole month
        mv = self.md(-8, 15)
        h = self.home()
        m, c = self.mother_child([[h, self.md(-140), mv], [self.home(X2), mv, None]], 12)
        eng.pupil(c, schools[0], "normal", dt.date(y - 3, 8, 1), None)
        for k in range(mi(mv) + 1, A):
            eng.post(mend(k), "3.22.01", 1, "7.7", -800_000, cpr=c.cpr, cp=X2, s=mstart(k), e=mend(k),
                     text="Frit skolevalg, betaling fra bopælskommune", cost_center="3100")
        self.case("SCHOOL_CHARGE", False, {"cpr": c.cpr, "counterparty_municipality_code": X2},
                  f"Trap: moved to {X2} on {mv} (mid-month, not charged for that month), charged "
                  f"from the next month")
        self.group(m, c)

    def school_paid(self):
        eng, A, ours, X2, X3 = self.eng, self.A, self.ours, self.X2, self.X3
        y = self.as_of.year
        for mv, kom, amount, stop_m, start, desc in (
                (self.md(-12), X2, 650_000, A - 1, dt.date(y - 3, 8, 1),
                 "family moved to the school's municipality; payments continued"),
                (dt.date(y - 3, 1, 1), X3, 700_000, mi(dt.date(y - 2, 6, 1)), dt.date(y - 6, 8, 1),
                 "moved; payments continued for 18 months"),
                (self.md(-7, 15), X2, 650_000, mi(self.md(-7, 15)), dt.date(y - 3, 8, 1), None)):
            school = eng.prov_by_kind[("school", kom)][0]
            m, c = self.mother_child([[self.home(), add_years(start, -4), mv], [self.home(kom), mv, None]], 12)
            eng.pupil(c, school, "normal", start, None)
            for k in range(max(mi(start), eng.e0_m), stop_m + 1):
                eng.post(first_weekday(k), "3.22.01", 1, "4.7", amount, cpr=c.cpr, cp=kom, s=mstart(k),
                         e=mend(k), text="Frit skolevalg, betaling til skolekommune", cost_center="3100")
            flagged = [(k, amount) for k in range(max(mi(start), eng.e0_m), min(stop_m, A - 1) + 1)
                       if mstart(k) >= mv]
            pot, lost = self.split(flagged)
            anchor = {"cpr": c.cpr, "counterparty_municipality_code": kom}
            if desc:
                self.case("SCHOOL_PAID_NOT_RESIDENT", True, anchor,
                          f"Pupil at a school in {kom}; moved there {mv}; {desc}", pot, lost)
            else:
                self.case("SCHOOL_PAID_NOT_RESIDENT", False, anchor,
                          f"Trap: moved to {kom} mid-month ({mv}); paid only up to that month")
            self.group(m, c)

    def paymun_block(self):
        eng, A, ours, X1, X2, X3 = self.eng, self.A, self.ours, self.X1, self.X2, self.X3
        amb = eng.prov_by_kind[("ambulant", ours)][0]
        # grant records X1 as payer for a resident; X1 pays, we book nothing
        p = self.person(33, "K", [[self.home(), self.md(-90), None]])
        case_id, rows = eng.add_grant(p, GT["stoette85"], start=self.md(-20), end=None, price=45_000,
                                      hpw=4, provider=amb, paying=X1, acting=ours, post=False,
                                      split=False)
        self.case("PAYMUN_MISMATCH", True, {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
                  f"Resident of {ours} with an open § 85 grant recording {X1} as paying municipality",
                  0, 0)
        self.group(p)
        # moved to X2 (ordinary home) last month, grant still open, payments stopped
        mv = self.md(-1, 10)
        p = self.person(45, "M", [[self.home(), self.md(-80), mv], [self.home(X2), mv, None]])
        case_id, rows = eng.add_grant(p, GT["tilskud95"], start=self.md(-30), end=None,
                                      price=1_000_000, split=False, post_last_m=A - 1)
        self.case("PAYMUN_MISMATCH", True, {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
                  f"Moved to {X2} on {mv}; grant open with {ours} as payer", 12 * 1_000_000, 0)
        self.case("BLOCK_GRANT", True, {"cpr": p.cpr, "branch": 1},
                  f"Open grant, residence span in {X2} on as_of", None, 0,
                  note="potential = the seed's value per inhabitant for year(as_of) (not known here)")
        self.group(p)
        # elderly home help, moved to X3 in September; only BLOCK_GRANT (1)
        mv = self.md(-2, 20)
        p = self.person(81, "K", [[self.home(), self.md(-200), mv], [self.home(X3), mv, None]])
        eng.add_grant(p, GT["hjemmehjaelp"], start=self.md(-40), end=None, price=38_000, hpw=3,
                      provider=amb, split=False, post_last_m=mi(mv))
        self.case("BLOCK_GRANT", True, {"cpr": p.cpr, "branch": 1},
                  f"Moved to {X3} on {mv} with an open home-help grant", None, 0,
                  note="potential = the seed's value per inhabitant for year(as_of)")
        self.group(p)
        # status 70 (disappeared) 10 months ago, cash benefit still running
        sd = self.md(-10, 5)
        p = self.person(29, "M", [[self.home(), self.md(-70), sd]], status="70", status_date=sd)
        eng.add_grant(p, GT["kontant"], start=self.md(-40), end=None, price=1_200_000, split=False)
        self.case("BLOCK_GRANT", True, {"cpr": p.cpr, "branch": 2},
                  f"Status 70 since {sd}, last residence in {ours}, open cash-benefit grant", None, 0,
                  note="potential = the seed's value per inhabitant for year(as_of)")
        self.group(p)
        # status 20 (no residence; administrative code) 9 months ago
        sd = self.md(-9, 1)
        p = self.person(51, "K", [[self.home(), self.md(-90), sd],
                                  [("0011", "", "", "", "", "", "", ""), sd, None]],
                        status="20", status_date=sd)
        eng.add_grant(p, GT["ressource"], start=self.md(-30), end=None, price=1_500_000, split=False)
        self.case("BLOCK_GRANT", True, {"cpr": p.cpr, "branch": 2},
                  f"Status 20 since {sd} (administrative code 0011 in 002), last real residence in "
                  f"{ours}, open grant", None, 0,
                  note="assumes the administrative-code span is not a residence span, so the last "
                       "residence span is ours; potential = seed value per inhabitant")
        self.group(p)

    def case_status(self):
        eng, A, ours = self.eng, self.A, self.ours
        # (1) case closed, grant open-ended; payments stopped at closing
        closed = self.md(-8, 0)
        p = self.person(39, "M", [[self.home(), self.md(-100), None]])
        case_id, rows = eng.add_grant(p, GT["tilskud95"], start=self.md(-30), end=None,
                                      price=1_500_000, closed=closed, split=False,
                                      post_last_m=mi(closed))
        anchor = {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}
        self.case("CASE_STATUS", True, dict(anchor, sub_rule=1),
                  f"Case closed {closed}, grant has no end date", 12 * 1_500_000, 0, variant="1")
        self.case("CASE_STATUS", True, dict(anchor, sub_rule=2),
                  "Same grant: open, paid by us, no expense in the last 3 complete months", 0, 0,
                  variant="2")
        self.group(p)
        # (1) case closed before the grant's end date
        closed, end = self.md(-6, 0), dt.date(self.as_of.year, 12, 31)
        p = self.person(44, "K", [[self.home(), self.md(-100), None]])
        case_id, rows = eng.add_grant(p, GT["tilskud95"], start=self.md(-20), end=end,
                                      price=2_000_000, closed=closed, split=False,
                                      post_last_m=mi(closed))
        n = sum(1 for m in range(A + 1, A + 13) if mend(m) <= end)
        anchor = {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}
        self.case("CASE_STATUS", True, dict(anchor, sub_rule=1),
                  f"Case closed {closed}, grant ends {end}", n * 2_000_000, 0, variant="1",
                  note=f"monthly cost × min(12, n) with n = {n}")
        if end >= self.as_of:
            self.case("CASE_STATUS", True, dict(anchor, sub_rule=2),
                      "Same grant: open, paid by us, no expense in the last 3 complete months",
                      0, 0, variant="2")
        self.group(p)
        # (2) stale grant: open, but the provider stopped invoicing in July
        p = self.person(79, "M", [[self.home(), self.md(-150), None]])
        case_id, rows = eng.add_grant(p, GT["hjemmehjaelp"], start=self.md(-24), end=None,
                                      price=36_000, hpw=4, split=False, post_last_m=A - 4,
                                      provider=eng.prov_by_kind[("ambulant", ours)][-1])
        self.case("CASE_STATUS", True, {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr,
                                        "sub_rule": 2},
                  f"Open home-help grant without expense since {mend(A - 4)}", 0, 0, variant="2")
        self.group(p)

    def central_refusion(self):
        eng, ours = self.eng, self.ours
        y0 = self.as_of.year

        def window_open(y):
            return self.as_of <= dt.date(y + 3, 12, 31)

        # worked example 5: two placed children of one mother, year as_of − 2
        y = y0 - 2
        prov = eng.prov_by_kind[("opholdssted", ours)][0]
        h = self.home()
        js, je = dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
        m = self.person(41, "K", [[h, dt.date(y - 12, 1, 1), None]])
        kids = []
        for age, total in ((y0 - y + 12, 130_000_000), (y0 - y + 9, 110_000_000)):
            c = self.person(age, "M", [[h, None, js], [eng.at_provider(prov), js, je], [h, je, None]])
            c.spans[0][1] = c.birth
            c.last, c.mother = m.last, m
            m.children.append(c.cpr)
            monthly = total // 12  # øre; December takes the remainder
            case_id, rows = eng.add_grant(
                c, self.gt("placement", unit="month"), start=js, end=dt.date(y, 12, 31),
                price=monthly, provider=prov, closed=dt.date(y, 12, 31), split=False, post=False)
            for k in range(mi(js), mi(js) + 12):
                amt = monthly if k < mi(js) + 11 else total - 11 * monthly
                eng.post(first_weekday(k), "5.28.20", 1, "4.0", amt, cpr=c.cpr, case_ref=rows[0][0],
                         s=mstart(k), e=mend(k), text=f"Anbringelse {k % 12 + 1:02d}/{y}",
                         cost_center="4110")
            kids.append(c)
        eng.post(dt.date(y, 12, 31), "5.28.20", 2, "7.6", -40_000_000, cpr=kids[0].cpr,
                 s=js, e=dt.date(y, 12, 31), text="Refusion særligt dyre enkeltsager § 176",
                 cost_center="4110", fiscal_year=y)
        diff = cr_refund(240_000_000) - 40_000_000
        self.case("CENTRAL_REFUSION", True, {"cpr": m.cpr, "unit": "mother", "fiscal_year": y,
                                             "children": [k.cpr for k in kids]},
                  f"Worked example 5: two children of one mother placed in {y}: 1.300.000 + "
                  f"1.100.000 kr on 5.28, 400.000 kr refund booked",
                  diff if window_open(y) else 0, 0 if window_open(y) else diff)
        self.group(m, *kids)

        # adults in § 108 botilbud: no refund (year − 4, window closed) / too little (year − 1)
        for y, unit, price, refund in ((y0 - 4, "day", 300_000, 0),
                                       (y0 - 1, "month", 15_000_000, 10_000_000),
                                       (y0 - 1, "month", 8_333_300, None)):
            prov = eng.prov_by_kind[("botilbud", ours)][0]
            js, je = dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
            h = self.home()
            p = self.person(y0 - y + 35, "M", [[self.home(), dt.date(y - 6, 1, 1), js],
                                               [eng.at_provider(prov), js, je], [h, je, None]])
            case_id, rows = eng.add_grant(
                p, self.gt("botilbud108", unit=unit), start=js, end=dt.date(y, 12, 31), price=price,
                provider=prov, closed=dt.date(y, 12, 31), split=False)
            days = (je - js).days
            total = price * days if unit == "day" else price * 12
            due = cr_refund(total)
            if refund is None:  # trap: exactly the right refund booked
                refund = due
            if refund:
                eng.post(dt.date(y, 12, 31), "5.38.50", 2, "7.6", -refund, cpr=p.cpr, s=js,
                         e=dt.date(y, 12, 31), text="Refusion særligt dyre enkeltsager § 176",
                         cost_center="4210", fiscal_year=y)
            diff = due - refund
            anchor = {"cpr": p.cpr, "unit": "adult", "fiscal_year": y}
            if diff > 0:
                self.case("CENTRAL_REFUSION", True, anchor,
                          f"Adult in § 108 botilbud {y}: expense {total / 100:.2f} kr, refund "
                          f"booked {refund / 100:.2f} kr, due {due / 100:.2f} kr",
                          diff if window_open(y) else 0, 0 if window_open(y) else diff)
            else:
                self.case("CENTRAL_REFUSION", False, anchor,
                          f"Trap: expense {total / 100:.2f} kr in {y}, the due refund "
                          f"{due / 100:.2f} kr is booked")
            self.group(p)

    def traps(self):
        eng, A, ours, X2 = self.eng, self.A, self.ours, self.X2
        # an outbound placement still in the offer: paying is correct
        g = self.md(-20)
        prov = eng.prov_by_kind[("botilbud", X2)][0]
        p = self.person(31, "K", [[self.home(), self.md(-90), g], [eng.at_provider(prov), g, None]])
        case_id, rows = eng.add_grant(p, GT["botilbud108"], start=g, end=None, price=180_000,
                                      provider=prov, placed_by=ours)
        for check, extra in (("PAYMUN_MISMATCH", {"grant_id": rows[0][0]}),
                             ("BLOCK_GRANT", {"branch": 1}),
                             ("NOT_STOPPED", {"grant_id": rows[0][0]})):
            self.case(check, False, dict({"cpr": p.cpr}, **extra),
                      f"Trap: we placed the person in a § 108 botilbud in {X2} on {g}; still there")
        self.group(p)
        # price change at new year: a new row of the same case, payments continue
        p = self.person(47, "M", [[self.home(), self.md(-120), None]])
        case_id, rows = eng.add_grant(p, GT["stoette85"], start=self.md(-30), end=None,
                                      price=42_000, hpw=6,
                                      provider=eng.prov_by_kind[("ambulant", ours)][0])
        for gid, *_ in rows:
            self.case("NOT_STOPPED", False, {"grant_id": gid, "case_id": case_id, "cpr": p.cpr},
                      "Trap: takst change at new year (new grant row, same case); the old row's "
                      "end is not a stop")
        self.group(p)
