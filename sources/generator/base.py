"""The clean base municipality: households, civil status, address history, grants, postings,
pupils and pensions that raise none of the checks in ``checks.md``."""

from __future__ import annotations

import datetime as dt

from .core import GT, Engine, price_cap
from .model import ONE, Person, add_years, mend, mi


class Base:
    KINDS = [("single", 36.0), ("couple_old", 17.0), ("samboende", 7.0), ("married_kids", 17.0),
             ("samlevende_kids", 9.0), ("single_parent", 7.0), ("partnership", 0.8),
             ("multi", 1.0), ("moved_away", 2.5), ("emigrated", 0.4), ("status70", 0.05),
             ("status20", 0.05), ("inbound", 0.15), ("external_pupil", 0.4)]

    def __init__(self, eng: Engine):
        self.eng = eng
        self.rng = eng.rng
        self.as_of = eng.as_of
        self.ours = eng.ours
        tot = sum(w for _, w in self.KINDS)
        acc = 0.0
        self.cum = []
        for k, w in self.KINDS:
            acc += w / tot
            self.cum.append((acc, k))
        self.schools = eng.prov_by_kind[("school", self.ours)]
        self.special_school = eng.prov_by_kind[("school_special", self.ours)][0]

    # ------------------------------------------------------------------ helpers
    def pick_kind(self) -> str:
        r = self.rng.random()
        for acc, k in self.cum:
            if r < acc:
                return k
        return self.cum[-1][1]

    def birth_for_age(self, lo: int, hi: int) -> dt.date:
        a = self.as_of
        return self.eng.rand_date(add_years(a, -hi - 1) + ONE, add_years(a, -lo))

    def adult(self, lo: int, hi: int, sex: str | None = None, last: str | None = None) -> Person:
        sex = sex or self.rng.choice("MK")
        return self.eng.person(self.birth_for_age(lo, hi), sex, last)

    def move_in_date(self, youngest_adult: Person, not_before: dt.date | None = None) -> dt.date:
        lo = add_years(youngest_adult.birth, 19)
        if not_before and not_before > lo:
            lo = not_before
        years = min(self.rng.expovariate(1 / 8.0), 40)
        d = self.as_of - dt.timedelta(days=int(years * 365) + 10)
        return max(d, lo) if lo < self.as_of - dt.timedelta(days=30) else self.as_of - dt.timedelta(days=30)

    def settle(self, persons: list[Person], addr, d: dt.date, adults: list[Person]):
        """Everyone moves to ``addr`` on ``d`` (children born later: from birth)."""
        for p in persons:
            if p.birth >= d:
                p.spans.append([addr, p.birth, None])
                continue
            p.spans.append([addr, d, None])
            if p in adults:
                self.eng.history(p, d)
            else:
                prev = adults[0].spans[-2][0] if len(adults[0].spans) > 1 else \
                    self.eng.past_addr(self.ours, d)
                p.spans.insert(0, [prev, p.birth, d])

    def marry(self, a: Person, b: Person, when: dt.date, code: str = "G"):
        for x, y in ((a, b), (b, a)):
            x.civ, x.spouse, x.civ_since = code, y.cpr, when
            x.civ_hist.append(("U", "", x.birth, when))

    def kids(self, mother: Person | None, father: Person | None, n: int, lo_age: int = 0,
             hi_age: int = 17, last: str | None = None) -> list[Person]:
        eng = self.eng
        ref = mother or father
        out = []
        for _ in range(n):
            lo = max(add_years(ref.birth, 20), add_years(self.as_of, -hi_age - 1) + ONE)
            hi = min(add_years(ref.birth, 43), add_years(self.as_of, -lo_age))
            if father and mother is None:
                lo = max(lo, add_years(father.birth, 20))
            if hi <= lo:
                continue
            c = eng.person(eng.rand_date(lo, hi), self.rng.choice("MK"), last or ref.last)
            c.mother, c.father = mother, father
            if mother:
                mother.children.append(c.cpr)
            if father:
                father.children.append(c.cpr)
            out.append(c)
        return out

    # ------------------------------------------------------------------ clusters
    def cluster(self, kind: str) -> list[Person]:
        eng, rng, ours = self.eng, self.rng, self.ours
        st = eng.streets[ours]
        if kind == "single":
            p = self.adult(18, 95)
            ps = [p]
            age = p.age_on(self.as_of)
            d = self.move_in_date(p)
            self.settle(ps, st.alloc(), d, ps)
            r = rng.random()
            if age > 30 and r < 0.3:  # divorced
                m = eng.rand_date(add_years(p.birth, 22), self.as_of - dt.timedelta(days=800))
                dv = eng.rand_date(m + dt.timedelta(days=300), self.as_of - dt.timedelta(days=100))
                ex = eng.new_cpr(self.birth_for_age(max(18, age - 5), age + 5))
                p.civ_hist += [("U", "", p.birth, m), ("G", ex, m, dv)]
                p.civ, p.civ_since = "F", dv
            elif age > 65 and r < 0.65:  # widowed; the dead spouse is in the extract
                sp = eng.person(add_years(p.birth, -rng.randint(-3, 5)), "K" if p.sex == "M" else "M",
                                p.last)
                lo = max(p.spans[-1][1] + dt.timedelta(days=60), eng.e0)
                if lo >= self.as_of - dt.timedelta(days=10):
                    return ps
                death = eng.rand_date(lo, self.as_of - dt.timedelta(days=10))
                m = add_years(p.birth, rng.randint(21, 30))
                p.civ_hist += [("U", "", p.birth, m), ("G", sp.cpr, m, death)]
                p.civ, p.civ_since = "E", death
                sp.civ_hist += [("U", "", sp.birth, m)]
                sp.civ, sp.spouse, sp.civ_since = "D", p.cpr, death
                sp.spans = [list(s) for s in p.spans]
                sp.spans[-1][2] = death
                sp.spans[0][1] = sp.birth
                sp.status, sp.status_date = "90", death
                if rng.random() < 0.4 and sp.spans[-1][0][0] == ours:
                    lo = max(sp.spans[-1][1], death - dt.timedelta(days=5 * 365))
                    if lo < death - dt.timedelta(days=40):
                        s = eng.rand_date(lo, death - dt.timedelta(days=40))
                        self.grant(sp, "hjemmehjaelp", s, death, death)
                ps.append(sp)
            return ps
        if kind in ("couple_old", "samboende", "partnership"):
            if kind == "couple_old":
                a = self.adult(45, 92, "M")
                b = eng.person(self.birth_for_age(max(40, a.age_on(self.as_of) - 8),
                                                  a.age_on(self.as_of) + 3), "K")
            elif kind == "samboende":
                a = self.adult(20, 45, "M")
                b = eng.person(self.birth_for_age(max(18, a.age_on(self.as_of) - 8),
                                                  a.age_on(self.as_of) + 5), "K")
            else:
                sx = rng.choice("MK")
                a = self.adult(28, 80, sx)
                b = self.adult(28, 80, sx)
            ps = [a, b]
            young = max(ps, key=lambda x: x.birth)
            d = self.move_in_date(young)
            self.settle(ps, st.alloc(), d, ps)
            if kind != "samboende":
                lo = add_years(young.birth, 20)
                when = eng.rand_date(lo, self.as_of - dt.timedelta(days=30))
                code = "G"
                if kind == "partnership":
                    when = eng.rand_date(max(lo, dt.date(1989, 10, 1)), self.as_of - dt.timedelta(days=30))
                    code = "P" if when < dt.date(2012, 6, 15) else "G"
                self.marry(a, b, when, code)
            return ps
        if kind in ("married_kids", "samlevende_kids", "multi"):
            f = self.adult(24, 55, "M")
            m = eng.person(self.birth_for_age(max(22, f.age_on(self.as_of) - 7),
                                              min(50, f.age_on(self.as_of) + 4)), "K")
            n = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
            ch = self.kids(m, f, n, hi_age=24, last=f.last)
            keep = [c for c in ch if c.age_on(self.as_of) < 18 or rng.random() < 0.6]
            for c in ch:
                if c not in keep:
                    f.children.remove(c.cpr)
                    m.children.remove(c.cpr)
            ch = keep
            ps = [f, m] + ch
            d = self.move_in_date(max(f, m, key=lambda x: x.birth))
            if ch and d > min(c.birth for c in ch) and rng.random() < 0.5:
                d = self.move_in_date(max(f, m, key=lambda x: x.birth))
            adults = [f, m]
            if kind == "multi":  # a widowed grandmother lives with the family
                g = eng.person(add_years(m.birth, -rng.randint(22, 35)), "K")
                g.children.append(m.cpr)
                m.mother = g
                g.civ = "E"
                g.civ_since = eng.rand_date(min(add_years(g.birth, 55), self.as_of - dt.timedelta(days=400)),
                                            self.as_of - dt.timedelta(days=30))
                g.civ_hist += [("U", "", g.birth, add_years(g.birth, 23)),
                               ("G", eng.new_cpr(add_years(g.birth, -2)), add_years(g.birth, 23), g.civ_since)]
                ps.append(g)
                adults.append(g)
            self.settle(ps, st.alloc(), d, adults)
            if kind != "samlevende_kids":
                lo = add_years(max(f.birth, m.birth), 20)
                hi = min([c.birth for c in ch] + [self.as_of - dt.timedelta(days=30)])
                self.marry(f, m, eng.rand_date(lo, hi) if hi > lo else lo)
            return ps
        if kind == "single_parent":
            mom = rng.random() < 0.8
            par = self.adult(22, 52, "K" if mom else "M")
            other = eng.person(self.birth_for_age(max(20, par.age_on(self.as_of) - 6),
                                                  par.age_on(self.as_of) + 6), "M" if mom else "K")
            ch = self.kids(par if mom else other, other if mom else par, rng.choice([1, 1, 2, 3]),
                           last=par.last)
            if not ch:
                return self.cluster("single")
            ps = [par] + ch
            self.settle(ps, st.alloc(), self.move_in_date(par), [par])
            # the other parent lives elsewhere, maybe with a new partner and a common child
            kom = ours if rng.random() < 0.7 else rng.choice(eng.others)
            op = [other]
            if rng.random() < 0.4:
                np_ = eng.person(self.birth_for_age(max(20, other.age_on(self.as_of) - 6),
                                                    other.age_on(self.as_of) + 4),
                                 "K" if mom else "M")
                op.append(np_)
                fa, mo = (other, np_) if mom else (np_, other)
                op += self.kids(mo, fa, 1, last=fa.last)
            self.settle(op, eng.streets[kom].alloc(), self.move_in_date(max(op[:2], key=lambda x: x.birth)),
                        op[:2])
            return ps + op
        if kind == "moved_away":
            ps = self.cluster(rng.choice(["single", "couple_old", "married_kids", "samboende"]))
            here = [p for p in ps if p.status == "01" and p.spans[-1][2] is None
                    and p.spans[-1][0][0] == ours]
            lo = max([p.spans[-1][1] for p in here] + [eng.e0]) + dt.timedelta(days=120)
            if not here or lo >= self.as_of - dt.timedelta(days=20):
                self.services(ps)
                return ps
            mv = eng.rand_date(lo, self.as_of - dt.timedelta(days=20))
            kom = rng.choice(eng.others)
            self.moving_to = kom
            self.services(ps, until=mv)  # services while they lived here end before the move
            addr = eng.streets[kom].alloc()
            for p in here:
                p.spans[-1][2] = mv
                p.spans.append([addr, mv, None])
            return ps
        if kind == "emigrated":
            ps = self.cluster(rng.choice(["single", "samboende"]))
            here = [p for p in ps if p.status == "01"]
            lo = max([p.spans[-1][1] for p in here] + [eng.e0]) + ONE
            if lo >= self.as_of - dt.timedelta(days=5):
                self.services(ps)
                return ps
            em = eng.rand_date(lo, self.as_of - dt.timedelta(days=5))
            for p in here:
                p.spans[-1][2] = em
                p.status, p.status_date = "80", em
            return ps
        if kind in ("status70", "status20"):
            p = self.adult(20, 60)
            self.settle([p], st.alloc(), self.move_in_date(p), [p])
            sd = eng.rand_date(p.spans[-1][1] + ONE, self.as_of - dt.timedelta(days=3))
            p.spans[-1][2] = sd
            if kind == "status70":
                p.status, p.status_date = "70", sd
            else:
                p.status, p.status_date = "20", sd
                p.spans.append([("0011", "", "", "", "", "", "", ""), sd, None])
            return [p]
        if kind == "inbound":
            # placed in one of our botilbud by another municipality, which pays
            x = rng.choice(eng.others[:6])
            prov = rng.choice(eng.prov_by_kind[("botilbud", ours)])
            p = self.adult(20, 60)
            g = eng.rand_date(max(add_years(p.birth, 19), self.as_of - dt.timedelta(days=3000)),
                              self.as_of - dt.timedelta(days=30))
            p.spans.append([eng.streets[x].alloc(), g - dt.timedelta(days=rng.randint(400, 3000)), g])
            if p.spans[0][1] <= p.birth:
                p.spans[0][1] = add_years(p.birth, 18)
            eng.history(p, p.spans[0][1])
            p.spans.append([eng.at_provider(prov), g, None])
            eng.add_grant(p, GT["botilbud108"], start=g, end=None, price=rng.randint(1400, 2100) * 100,
                          provider=prov, acting=x, paying=x, placed_by=x, post=False)
            return [p]
        if kind == "external_pupil":
            # a family in a neighbouring municipality; the child attends our school (charged)
            x = rng.choice(eng.others[:6])
            par = self.adult(28, 50, "K")
            ch = self.kids(par, None, 1, lo_age=7, hi_age=15, last=par.last)
            if not ch:
                return self.cluster("single")
            c = ch[0]
            start = dt.date(max(eng.e0.year, c.birth.year + 6), 8, 1)
            if start > self.as_of - dt.timedelta(days=30):
                par.children.clear()
                return self.cluster("single")
            d = min(self.move_in_date(par), start - dt.timedelta(days=200))
            self.settle([par, c], eng.streets[x].alloc(), max(d, add_years(par.birth, 19)), [par])
            school = rng.choice(self.schools)
            eng.pupil(c, school, "normal", start, None)
            for m in range(max(mi(start), eng.e0_m), eng.asof_m):
                e = mend(m)
                eng.post(e, "3.22.01", 1, "7.7", -800000, cpr=c.cpr, cp=x, s=dt.date(m // 12, m % 12 + 1, 1),
                         e=e, text="Frit skolevalg, betaling fra bopælskommune", cost_center="3100")
            return [par, c]
        raise ValueError(kind)

    # ------------------------------------------------------------------ services
    def timing(self, lo: dt.date, until: dt.date | None = None):
        """(start, end, closed) of a grant starting on or after ``lo``."""
        eng, rng, a = self.eng, self.rng, self.as_of
        lo = max(lo, a - dt.timedelta(days=8 * 365))
        hard_end = until - ONE if until else None
        last_start = (until - dt.timedelta(days=40)) if until else a - dt.timedelta(days=20)
        if last_start <= lo:
            return None
        s = eng.rand_date(lo, last_start)
        r = rng.random()
        if until is None and r < 0.55:
            return s, None, None
        if until is None and r < 0.7:
            return s, a + dt.timedelta(days=rng.randint(30, 400)), None
        upper = hard_end or a - ONE
        if s + dt.timedelta(days=30) > upper:
            return (s, None, None) if until is None else None
        e = eng.rand_date(s + dt.timedelta(days=30), upper)
        if rng.random() < 0.5:
            me = mend(mi(e))
            if me < (hard_end or a):
                e = me
        closed = e
        if rng.random() < 0.3:
            closed = min(e + dt.timedelta(days=rng.randint(1, 25)), (hard_end or a - ONE))
        return s, e, closed

    def grant(self, p: Person, key: str, s, e, closed, provider=None, hpw: int = 0, price=None,
              placed_by: str = ""):
        gt = GT[key]
        rng = self.rng
        unit = gt["unit"]
        if price is None:
            lo, hi = {"placement": (1500, 2100), "preventive": (450, 650), "contact": (4000, 9000),
                      "botilbud108": (1400, 2100), "stoette85": (380, 520), "bpa96": (280, 340),
                      "tilskud95": (8000, 25000), "kontant": (11000, 16000),
                      "ressource": (13000, 17000), "ptillaeg": (2000, 15000),
                      "hjemmehjaelp": (350, 420), "specund": (15000, 30000)}[key]
            price = rng.randint(lo, hi) * 100
        if unit == "hour" and not hpw:
            hpw = {"preventive": rng.randint(2, 8), "stoette85": rng.randint(2, 10),
                   "bpa96": rng.randint(15, 40), "hjemmehjaelp": rng.randint(1, 12)}[key]
        cap = price_cap(unit, hpw)
        price = min(price, cap)
        return self.eng.add_grant(p, gt, start=s, end=e, price=price, hpw=hpw, provider=provider,
                                  closed=closed, cap=cap, placed_by=placed_by)

    def services(self, ps: list[Person], until: dt.date | None = None):
        eng, rng, ours, a = self.eng, self.rng, self.ours, self.as_of
        child_grant = False
        for p in ps:
            if p.status != "01":
                continue
            here = p.run_start(ours)
            if here is None:
                continue
            age = p.age_on(a)
            amb = eng.prov_by_kind[("ambulant", ours)]
            if age < 18:
                if not child_grant and age >= 2 and rng.random() < 0.045:
                    child_grant = True
                    if until is None and rng.random() < 0.3 and here + dt.timedelta(days=60) < a - dt.timedelta(days=60):
                        self.place_child(p, here)
                        continue
                    t = self.timing(max(here, p.birth + dt.timedelta(days=365)), until)
                    if t:
                        key = "preventive" if rng.random() < 0.6 else "contact"
                        self.grant(p, key, *t, provider=rng.choice(amb))
                if 6 <= age <= 16 or (until and 6 <= p.age_on(until) <= 16):
                    self.enrol(p, here, until)
                continue
            if age <= 66:
                if age <= 60 and rng.random() < 0.025:
                    t = self.timing(max(here, add_years(p.birth, 19)), until)
                    if t:
                        self.grant(p, "kontant", *t)
                elif 25 <= age <= 60 and rng.random() < 0.006:
                    t = self.timing(max(here, add_years(p.birth, 25)), until)
                    if t:
                        self.grant(p, "ressource", *t)
                r = rng.random()
                if r < 0.012:
                    t = self.timing(max(here, add_years(p.birth, 19)), until)
                    if t:
                        key = "stoette85" if r < 0.008 else ("bpa96" if r < 0.0095 else "tilskud95")
                        self.grant(p, key, *t, provider=rng.choice(amb) if key == "stoette85" else None)
                elif r < 0.015 and until is None and len(ps) == 1:
                    self.place_adult(p, here)
                if age >= 40 and rng.random() < 0.05:
                    self.pension(p, here, "foertidspension", 30, until)
                elif age >= 60 and rng.random() < 0.02:
                    self.pension(p, here, "seniorpension", 58, until)
            else:
                if rng.random() < 0.15:
                    t = self.timing(max(here, add_years(p.birth, 67)), until)
                    if t:
                        self.grant(p, "hjemmehjaelp", *t, provider=rng.choice(amb))

    def place_child(self, p: Person, here: dt.date):
        """Placement in a residential offer: ours, or outbound (another municipality's offer,
        we stay acting and paying municipality)."""
        eng, rng, a = self.eng, self.rng, self.as_of
        cur = p.spans[-1]
        g = eng.rand_date(max(cur[1], p.birth + dt.timedelta(days=365), here) + dt.timedelta(days=30),
                          a - dt.timedelta(days=30))
        if rng.random() < 0.6:
            prov = rng.choice(eng.prov_by_kind[(rng.choice(["opholdssted", "doegninstitution"]), self.ours)])
        else:
            kom = rng.choice(eng.others[:6])
            prov = rng.choice(eng.prov_by_kind[(rng.choice(["opholdssted", "plejefamilie", "doegninstitution"]), kom)])
        price = rng.randint(700, 1100) * 100 if prov[2] == "plejefamilie" else None
        home = cur[0]
        cur[2] = g
        if rng.random() < 0.75:
            end = None
            p.spans.append([eng.at_provider(prov), g, None])
            closed = None
        else:
            end = eng.rand_date(g + dt.timedelta(days=60), a - dt.timedelta(days=2))
            closed = end
            p.spans.append([eng.at_provider(prov), g, end + ONE])
            p.spans.append([home, end + ONE, None])
        self.grant(p, "placement", g, end, closed, provider=prov, price=price,
                   placed_by=self.ours if rng.random() < 0.7 else "")
        if 6 <= p.age_on(a) <= 16 and p.spans[-1][0][0] == self.ours:
            self.enrol(p, p.run_start(self.ours), None)

    def place_adult(self, p: Person, here: dt.date):
        eng, rng, a = self.eng, self.rng, self.as_of
        cur = p.spans[-1]
        g = eng.rand_date(max(cur[1], here) + dt.timedelta(days=30), a - dt.timedelta(days=30))
        kom = self.ours if rng.random() < 0.7 else rng.choice(eng.others[:6])
        prov = rng.choice(eng.prov_by_kind[("botilbud", kom)])
        cur[2] = g
        p.spans.append([eng.at_provider(prov), g, None])
        self.grant(p, "botilbud108", g, None, None, provider=prov,
                   placed_by=self.ours if rng.random() < 0.7 else "")

    def enrol(self, p: Person, here: dt.date, until: dt.date | None):
        eng, rng, a = self.eng, self.rng, self.as_of
        start = max(dt.date(p.birth.year + 6, 8, 1), here)
        if start > a:
            return
        end = until - ONE if until else None
        if end is not None and end < start:
            return
        r = rng.random()
        if r < 0.03:
            eng.pupil(p, self.special_school, "special", start, end)
            if until is None and rng.random() < 0.3:
                self.grant(p, "specund", start, None, None, provider=self.special_school)
            return
        if r < 0.05 and until is None:
            # a school in a neighbouring municipality: we pay it (art 4.7) while living here
            kom = rng.choice(eng.others[:6])
            school = eng.prov_by_kind[("school", kom)][0]
            eng.pupil(p, school, "normal", start, end)
            first = mi(start) if start.day == 1 else mi(start) + 1
            amount = rng.randint(62, 70) * 10000
            for m in range(max(first, eng.e0_m), eng.asof_m + 1):
                eng.post(dt.date(m // 12, m % 12 + 1, 1) if m != eng.asof_m else min(a, dt.date(m // 12, m % 12 + 1, 1)),
                         "3.22.01", 1, "4.7", amount, cpr=p.cpr, cp=kom,
                         s=dt.date(m // 12, m % 12 + 1, 1), e=mend(m),
                         text="Frit skolevalg, betaling til skolekommune", cost_center="3100")
            return
        school = self.schools[int(p.cpr[7:10]) % len(self.schools)]
        eng.pupil(p, school, "normal", start, end)
        if p.age_on(a) <= 9 and rng.random() < 0.6:
            eng.pupil(p, school, "sfo", start, end)

    def pension(self, p: Person, here: dt.date, ptype: str, min_age: int, until: dt.date | None):
        eng, rng, a, ours = self.eng, self.rng, self.as_of, self.ours
        lo = add_years(p.birth, min_age)
        hi = (until or a) - dt.timedelta(days=60)
        if hi <= lo:
            return
        aw = eng.rand_date(lo, hi)
        share = rng.randint(50, 160) * 10000
        fn = "5.48.68" if ptype == "foertidspension" else "5.48.65"
        txt = "Førtidspension" if ptype == "foertidspension" else "Seniorpension"
        prev = p.span_before(here)
        if aw >= here or prev is None or prev[0][0] not in eng.streets or \
                (prev[1] > aw):
            if aw < here:
                aw = here + dt.timedelta(days=rng.randint(1, 60))
                if aw > hi:
                    return
            awarding = ours
            first = mi(aw) + 1
            if until:  # moved away since: the six years decide who pays now
                six_from = aw if aw < dt.date(2015, 2, 2) else until
                six_end = add_years(six_from, 6) - ONE
                paying = self.moving_to if six_end < a else ours
                eng.pension(p, ptype, aw, awarding, paying, share)
                last = mi(until) - 1
            else:
                eng.pension(p, ptype, aw, awarding, ours, share)
                last = eng.asof_m
            eng.monthly(p, fn, "5.2", share, first, last, text=txt, cc="5300")
            if until is None and ptype == "foertidspension" and rng.random() < 0.3:
                s = eng.rand_date(max(aw, eng.e0), a - dt.timedelta(days=5))
                self.grant(p, "ptillaeg", s, s, s)
            return
        # awarded by the municipality the pensioner came from; six-year rule charges it
        if until:
            return
        x = prev[0][0]
        first = mi(here) + (0 if here.day == 1 else 1)
        six_from = aw if aw < dt.date(2015, 2, 2) else here
        six_end = add_years(six_from, 6) - ONE
        in_scope = aw >= dt.date(2004, 1, 1)
        charged = {m for m in range(first, eng.asof_m + 1)
                   if in_scope and dt.date(m // 12, m % 12 + 1, 1) <= six_end}
        paying = x if (in_scope and six_end >= a) else ours
        eng.pension(p, ptype, aw, x, paying, share)
        eng.monthly(p, fn, "5.2", share, first, eng.asof_m, text=txt, cc="5300",
                    income_from=x if charged else "", income_months=charged)
