"""The generator's engine: addresses, providers, CPR numbers, grants and their postings, writers.

``base.py`` builds the clean municipality with it and ``planted.py`` the planted cases."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path

from sources.raw_tables import raw_table

from .model import (
    NEIGHBOURS, ONE, ROAD_A, ROAD_B, ROAD_C, FIRST_K, FIRST_M, LAST, Person, add_years, dim,
    first_weekday, half_up_div, mend, mi, mstart, municipalities, postal_for, pre2007_codes,
)
from .writers import (
    F001, F002, F003, F008, F012, F014, F015, F023, F029, CsvOut, ddmmyyyy, iso, money, q, ts,
)

ADMIN_CODES = ("0010", "0011", "0012", "0019")


def columns(source: str, table: str) -> list[str]:
    return [c for c, _ in raw_table(source, table).columns]


class Streets:
    """Unique current addresses in one municipality (house roads and blocks of flats)."""

    FLOORS = ("st", "01", "02", "03")
    DOORS = ("  tv", "  mf", "  th")

    def __init__(self, rng: random.Random, kom: str, n_roads: int, first_vejkod: int = 11):
        self.kom = kom
        self.rng = rng
        postal = postal_for(kom)
        self.roads = []
        # VEJKOD is 4 digits: spread the roads over the code range, leaving room for new roads.
        stride = max(1, min(4, (9000 - first_vejkod) // max(1, n_roads)))
        if first_vejkod + stride * n_roads > 9000:
            raise ValueError(f"{n_roads} roads do not fit in 4-digit road codes")
        for i in range(n_roads):
            name = (rng.choice(ROAD_C) + rng.choice(ROAD_A) + rng.choice(ROAD_B))
            name = name[0].upper() + name[1:]
            pn, dist = postal[i % len(postal)] if i < len(postal) else rng.choice(postal)
            kind = "flat" if rng.random() < 0.4 else "house"
            self.roads.append([f"{first_vejkod + stride * i:04d}", name, pn, dist, kind, 0])
        self.vejkods = [r[0] for r in self.roads]

    def alloc(self):
        n = len(self.roads)
        i = self.rng.randrange(n)
        for _ in range(n):
            r = self.roads[i]
            k = r[5]
            if r[4] == "house" and k < 249:
                r[5] = k + 1
                no = k + 1
                return (self.kom, r[0], f"{no:03d} ", "", "", f"{r[1]} {no}", r[2], r[3])
            if r[4] == "flat" and k < 60 * 12:
                r[5] = k + 1
                block, unit = divmod(k, 12)
                no = 1 + 2 * block
                fl, door = self.FLOORS[unit // 3], self.DOORS[unit % 3]
                flt = "st." if fl == "st" else str(int(fl)) + "."
                return (self.kom, r[0], f"{no:03d} ", fl, door,
                        f"{r[1]} {no}, {flt} {door.strip()}", r[2], r[3])
            i = (i + 1) % n
        # every road full: add one (codes above 9000 are kept for new roads)
        new_code = max(9001, int(self.roads[-1][0]) + 1)
        if new_code > 9999:
            raise ValueError(f"municipality {self.kom} has run out of 4-digit road codes")
        self.roads.append([f"{new_code:04d}", "Nyvej " + str(len(self.roads)),
                           self.roads[0][2], self.roads[0][3], "flat", 0])
        return self.alloc()

    def random_past(self):
        """A former address (023 only: no text needed, uniqueness not required)."""
        r = self.rng.choice(self.roads)
        return (self.kom, r[0], f"{self.rng.randint(1, 120):03d} ", "", "", "", "", "")


class Engine:
    def __init__(self, folder: Path, *, seed: int, as_of: dt.date, ours: str, citizens: int,
                 progress=None):
        self.rng = random.Random(seed)
        self.folder = folder
        self.as_of = as_of
        self.ours = ours
        self.citizens = citizens
        self.progress = progress
        self.asof_m = mi(as_of)
        self.e0 = dt.date(as_of.year - 4, 1, 1)  # first fiscal year of the base economy
        self.e0_m = mi(self.e0)
        self.all_codes = sorted(municipalities())
        self.others = [c for c in NEIGHBOURS if c != ours]
        self.serials: dict[int, int] = {}
        self.n_records = 0
        self.n_persons = 0
        self.n_residents = 0
        self.posting_seq = 0
        self.grant_seq = 0
        self.case_seq = 0
        self.expense: dict[tuple[int, str], int] = {}
        # --- writers
        self.cpr_out = None  # set by open_files
        self.addr_tmp = None

    # ---------------------------------------------------------------- files
    def open_files(self):
        f = self.folder
        from .writers import HashingWriter
        self.cpr_out = HashingWriter(f / "folkeregister" / "cpr_extract.txt", "iso-8859-1")
        self.addr_tmp = tempfile.TemporaryFile()
        self.addr_buf: list[str] = []
        self.grants = CsvOut(f / "cases" / "grants.csv", columns("cases", "grants"))
        self.pupils = CsvOut(f / "cases" / "pupils.csv", columns("cases", "pupils"))
        self.pensions = CsvOut(f / "cases" / "pensions.csv", columns("cases", "pensions"))
        self.postings: dict[int, CsvOut] = {}
        self.posting_cols = columns("economy", "postings")
        for y in range(self.e0.year, self.as_of.year + 1):
            self._posting_file(y)

    def _posting_file(self, year: int) -> CsvOut:
        w = self.postings.get(year)
        if w is None:
            w = CsvOut(self.folder / "economy" / f"postings_{year}.csv", self.posting_cols)
            self.postings[year] = w
        return w

    # ---------------------------------------------------------------- world
    def build_world(self):
        rng = self.rng
        n_roads = max(40, self.citizens // 250 + 20)
        self.streets = {self.ours: Streets(rng, self.ours, n_roads)}
        for c in self.others:
            self.streets[c] = Streets(rng, c, 40)
        self.providers: list[tuple] = []
        self.prov_by_kind: dict[tuple[str, str], list[tuple]] = {}
        k = self.citizens
        ours = self.ours
        spec = [("botilbud", max(3, k // 20000), True), ("opholdssted", max(2, k // 40000), True),
                ("doegninstitution", 2, True), ("plejefamilie", 3, True),
                ("ambulant", max(4, k // 25000), False), ("school", max(3, k // 4000), False),
                ("other", 2, False)]
        for kind, n, res in spec:
            for _ in range(n):
                self.add_provider(kind, ours, res)
        self.add_provider("school", ours, False, special=True)
        for c in self.others:
            for kind, res in (("botilbud", True), ("opholdssted", True), ("plejefamilie", True),
                              ("doegninstitution", True), ("ambulant", False), ("school", False)):
                self.add_provider(kind, c, res)

    PROV_NAMES = {"botilbud": "Bofællesskabet {}", "opholdssted": "Opholdsstedet {}",
                  "doegninstitution": "Døgninstitutionen {}", "plejefamilie": "Plejefamilie {}",
                  "ambulant": "Støttecentret {}", "school": "{} Skole", "other": "Rådgivning {}"}

    def add_provider(self, kind: str, kom: str, residential: bool, special: bool = False):
        rng = self.rng
        pid = f"LEV{len(self.providers) + 1:05d}"
        base = rng.choice(ROAD_A)
        if kind == "plejefamilie":
            name = self.PROV_NAMES[kind].format(rng.choice(LAST))
        elif special:
            name = f"Specialskolen {base}gården"
        else:
            name = self.PROV_NAMES[kind].format(base + rng.choice(["gården", "huset", "lyst", "bo", "høj"]))
        addr = self.streets[kom].alloc() if residential else None
        prov = (pid, name, kind, kom, addr, residential, special)
        self.providers.append(prov)
        self.prov_by_kind.setdefault((kind + ("_special" if special else ""), kom), []).append(prov)
        return prov

    def provider_row(self, p) -> list[str]:
        pid, name, kind, kom, addr, res, _ = p
        road = addr[1] if addr else ""
        house = addr[2].strip().lstrip("0") if addr else ""
        return [pid, q(name), kind, kom, road, house, "true" if res else "false"]

    @staticmethod
    def at_provider(prov):
        """The CPR address of living in a residential offer (no floor/door)."""
        a = prov[4]
        return (a[0], a[1], a[2], "", "", a[5], a[6], a[7])

    # ---------------------------------------------------------------- persons
    def new_cpr(self, birth: dt.date) -> str:
        key = birth.toordinal()
        n = self.serials.get(key, 0)
        self.serials[key] = n + 1
        if birth.year < 2000:
            d7 = n // 1000  # 0-3: 1900s
            if d7 > 3:
                raise RuntimeError("too many persons born on one day")
        else:
            d7 = 4 + n // 1000  # 4-9: 2000s for yy <= 36
            if d7 > 9 or birth.year > 2036:
                raise RuntimeError("too many persons born on one day")
        return f"{birth.day + 60:02d}{birth.month:02d}{birth.year % 100:02d}{d7}{n % 1000:03d}"

    def person(self, birth: dt.date, sex: str, last: str | None = None) -> Person:
        rng = self.rng
        first = rng.choice(FIRST_M if sex == "M" else FIRST_K)
        if rng.random() < 0.3:
            first += " " + rng.choice(FIRST_M if sex == "M" else FIRST_K)
        return Person(self.new_cpr(birth), sex, birth, first, last or rng.choice(LAST))

    def rand_date(self, a: dt.date, b: dt.date) -> dt.date:
        if b <= a:
            return a
        return a + dt.timedelta(days=self.rng.randrange((b - a).days + 1))

    def past_addr(self, kom: str, until: dt.date):
        """A former address in ``kom``; before 2007 possibly under a pre-reform code."""
        st = self.streets.get(kom)
        if st is not None:
            a = st.random_past()
        else:
            a = (kom, f"{self.rng.randint(1, 999) * 4 + 1:04d}", f"{self.rng.randint(1, 120):03d} ",
                 "", "", "", "", "")
        if until <= dt.date(2007, 1, 1):
            olds = pre2007_codes().get(kom)
            if olds and self.rng.random() < 0.7:
                a = (self.rng.choice(olds),) + a[1:]
        return a

    def random_kom(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.others)
        c = self.rng.choice(self.all_codes)
        return c if c != self.ours else self.others[0]

    def history(self, p: Person, until: dt.date, n_max: int = 3, first_from: dt.date | None = None):
        """Prepend former spans to p.spans ending at ``until`` (the first current span's start)."""
        rng = self.rng
        spans = []
        t = until
        adult = add_years(p.birth, 19)
        for _ in range(rng.randint(0, n_max)):
            start = t - dt.timedelta(days=rng.randint(200, 3000))
            if start <= adult:
                break
            kom = self.ours if rng.random() < 0.65 else self.random_kom()
            spans.append([self.past_addr(kom, t), start, t])
            t = start
        if t > p.birth:
            kom = self.ours if rng.random() < 0.5 else self.random_kom()
            spans.append([self.past_addr(kom, t), p.birth, t])
        spans.reverse()
        p.spans[0:0] = spans

    # ---------------------------------------------------------------- CPR output
    def emit(self, p: Person):
        cpr = p.cpr
        out = []
        out.append(F001(cpr, cpr, p.status, ts(p.status_date), p.sex, iso(p.birth)))
        cur = p.spans[-1] if p.spans and p.spans[-1][2] is None and p.status < "30" else None
        n = 1
        if cur is not None:
            addr = cur[0]
            start = cur[1]
            prev_kom, prev_date = "", None
            for a, s, e in reversed(p.spans[:-1]):
                if a[0] == addr[0] and e == start:
                    start = s
                else:
                    prev_kom, prev_date = a[0], start
                    break
            out.append(F002(cpr, addr[0], addr[1], addr[2], addr[3], addr[4], ts(cur[1]),
                            ts(start), prev_kom, ts(prev_date)))
            n += 1
            if addr[0] not in ADMIN_CODES:
                self.addr_buf.append(F003(cpr, addr[5], addr[6], addr[7]) + "\n")
                n += 1
                if len(self.addr_buf) > 20000:
                    self.addr_tmp.write("".join(self.addr_buf).encode("iso-8859-1"))
                    self.addr_buf = []
        out.append(F008(cpr, p.first, p.last))
        out.append(F012(cpr, p.civ, p.spouse, ts(p.civ_since)))
        n += 2
        for c in p.children:
            out.append(F014(cpr, c))
            n += 1
        if p.mother is not None or p.father is not None:
            b = iso(p.birth)
            out.append(F015(cpr, b if p.mother else "", p.mother.cpr if p.mother else "",
                            b if p.father else "", p.father.cpr if p.father else ""))
            n += 1
        for a, s, e in p.spans:
            if e is not None:
                out.append(F023(cpr, "", a[0], a[1], a[2], a[3], a[4], ts(s), ts(e)))
                n += 1
        for civ, sp, s, e in p.civ_hist:
            out.append(F029(cpr, "", civ, sp, ts(s), ts(e)))
            n += 1
        out.append("")
        self.cpr_out.write("\n".join(out))
        self.n_records += n
        self.n_persons += 1
        if cur is not None and cur[0][0] == self.ours and p.status == "01":
            self.n_residents += 1

    # ---------------------------------------------------------------- economy
    def post(self, pdate: dt.date, function: str, dranst: int, art: str, ore: int, *,
             cpr: str = "", case_ref: str = "", cp: str = "", s: dt.date | None = None,
             e: dt.date | None = None, text: str = "", cost_center: str = "1000",
             fiscal_year: int | None = None, grouping: str = "001"):
        self.posting_seq += 1
        fy = fiscal_year or pdate.year
        w = self._posting_file(fy)
        w.rows += 1
        w.write(f"{self.posting_seq:010d};{ddmmyyyy(pdate)};{fy};{function};{dranst};{grouping};"
                f"{art};{cost_center};{money(ore)};{cpr};{case_ref};{cp};{ddmmyyyy(s)};"
                f"{ddmmyyyy(e)};{q(text)}\n")
        if dranst == 1 and art[0] != "7":
            key = (fy, function)
            self.expense[key] = self.expense.get(key, 0) + ore

    # ---------------------------------------------------------------- grants
    def grant_rows(self, start: dt.date, end: dt.date | None, price: int, yearly: float,
                   cap: int | None = None):
        """Split a grant at each new year from the economy's first year (a new takst)."""
        rows = []
        s = start
        last_year = min(end.year if end else self.as_of.year, self.as_of.year)
        y = max(start.year + 1, self.e0.year)
        p = price
        if start.year < self.e0.year:
            p = int(price * (1 + yearly) ** (self.e0.year - 1 - start.year)) // 100 * 100
        while y <= last_year:
            rows.append((s, dt.date(y - 1, 12, 31), p))
            s = dt.date(y, 1, 1)
            p = int(p * (1 + yearly)) // 100 * 100
            if cap is not None:
                p = min(p, cap)
            y += 1
        if cap is not None:
            rows = [(a, b, min(pp, cap)) for a, b, pp in rows]
            p = min(p, cap)
        rows.append((s, end, p))
        return rows

    def month_amount(self, unit: str, price: int, hpw: int, covered: int, m: int) -> int:
        if unit == "month":
            return price if covered == dim(m) else half_up_div(price * covered, dim(m))
        if unit == "day":
            return price * covered
        if unit == "hour":
            return half_up_div(price * hpw * 365 * covered, 84 * dim(m))
        raise ValueError(unit)

    def add_grant(self, p: Person, gt: dict, *, start: dt.date, end: dt.date | None, price: int,
                  hpw: int = 0, provider=None, acting: str | None = None,
                  paying: str | None = None, placed_by: str = "", closed: dt.date | None = None,
                  post: bool = True, post_until_m: int | None = None,
                  post_last_m: int | None = None, yearly: float = 0.03, cap: int | None = None,
                  case_ref: bool | None = None, art: str = "", cp: str = "",
                  legal: str | None = None, split: bool = True):
        """Write the grant rows of one case and (``post``) its monthly postings.

        ``post_until_m`` keeps paying full months at the last price after the grant ended
        (a payment process that was not stopped); ``post_last_m`` stops paying earlier."""
        self.case_seq += 1
        case_id = f"S{self.case_seq:08d}"
        acting = acting or self.ours
        paying = paying or self.ours
        unit = gt["unit"]
        rows = self.grant_rows(start, end, price, yearly, cap) if (unit != "once" and split) \
            else [(start, end if unit != "once" else start, price)]
        if legal is None:
            legal = gt["legal_old"] if start < dt.date(2024, 1, 1) else gt["legal"]
        status = "closed" if closed else "open"
        rng = self.rng
        cw = f"CW{rng.randint(1, 400):04d}"
        out = []
        use_ref = gt["case_ref"] if case_ref is None else case_ref
        art = art or gt["art"]
        for a, b, pr in rows:
            self.grant_seq += 1
            gid = f"B{self.grant_seq:09d}"
            out.append((gid, a, b, pr))
            self.grants.row([
                gid, case_id, p.cpr, gt["area"], q(legal), gt["code"], q(gt["name"]),
                provider[0] if provider else "", gt["function"], ddmmyyyy(a), ddmmyyyy(b),
                money(pr), unit, str(hpw) + ",00" if unit == "hour" else "", acting, paying,
                placed_by, status, ddmmyyyy(closed), cw, q(gt["dept"]),
            ])
        if post:
            self.post_grant(p, gt, out, unit, hpw, use_ref, art, cp, post_until_m, post_last_m)
        return case_id, out

    def post_grant(self, p: Person, gt: dict, rows, unit: str, hpw: int, use_ref: bool, art: str,
                   cp: str, post_until_m: int | None, post_last_m: int | None):
        fn = gt["function"]
        cc = gt["cc"]
        name = gt["name"]
        as_of = self.as_of
        rng = self.rng
        if unit == "once":
            gid, a, _, pr = rows[0]
            if a >= self.e0 and a <= as_of:
                self.post(a, fn, 1, art, pr, cpr=p.cpr, case_ref=gid if use_ref else "", s=a, e=a,
                          text=name, cost_center=cc, cp=cp)
            return
        last_m = self.asof_m if post_last_m is None else post_last_m
        for gid, a, b, pr in rows:
            m0 = max(mi(a), self.e0_m)
            m1 = min(mi(b) if b else self.asof_m, last_m)
            ref = gid if use_ref else ""
            for m in range(m0, m1 + 1):
                ms, me = mstart(m), mend(m)
                s = a if a > ms else ms
                e = b if (b is not None and b < me) else me
                pdate = first_weekday(m)
                if s > pdate:
                    pdate = s
                if pdate > as_of:
                    break
                amount = self.month_amount(unit, pr, hpw, (e - s).days + 1, m)
                text = f"{name} {m % 12 + 1:02d}/{m // 12}"
                if rng.random() < 0.003:  # a booking error, reversed and rebooked
                    self.post(pdate, fn, 1, art, amount, cpr=p.cpr, case_ref=ref, s=s, e=e,
                              text=text, cost_center=cc, cp=cp)
                    self.post(pdate + ONE, fn, 1, art, -amount, cpr=p.cpr, case_ref=ref, s=s,
                              e=e, text="Storno: " + text, cost_center=cc, cp=cp)
                self.post(pdate, fn, 1, art, amount, cpr=p.cpr, case_ref=ref, s=s, e=e,
                          text=text, cost_center=cc, cp=cp)
                if gt.get("refund"):
                    rd = me if me <= as_of else None
                    if rd is not None:
                        self.post(rd, fn, 2, "7.6", -half_up_div(amount * gt["refund"], 100),
                                  cpr=p.cpr, s=s, e=e, text="Statsrefusion " + name,
                                  cost_center=cc)
        if post_until_m is not None:
            gid, a, b, pr = rows[-1]
            start_m = max(mi(b) + 1 if b else self.asof_m + 1, self.e0_m)
            for m in range(start_m, post_until_m + 1):
                pdate = first_weekday(m)
                if pdate > as_of:
                    break
                amount = self.month_amount(unit, pr, hpw, dim(m), m)
                self.post(pdate, fn, 1, art, amount, cpr=p.cpr, case_ref=gid if use_ref else "",
                          s=mstart(m), e=mend(m), text=f"{name} {m % 12 + 1:02d}/{m // 12}",
                          cost_center=cc, cp=cp)

    def monthly(self, p: Person, function: str, art: str, ore: int, m0: int, m1: int, *,
                text: str, cp: str = "", cc: str = "1000", income_from: str = "",
                income_months: set[int] | None = None, dranst: int = 1,
                m_floor: int | None = None):
        """A monthly person payment (no grant) for months m0..m1, paid in advance; optionally
        the same amount charged to ``income_from`` (art 7.7, invoiced at month end)."""
        for m in range(max(m0, self.e0_m if m_floor is None else m_floor), m1 + 1):
            pd = first_weekday(m)
            if pd > self.as_of:
                break
            s, e = mstart(m), mend(m)
            self.post(pd, function, dranst, art, ore, cpr=p.cpr, cp=cp, s=s, e=e,
                      text=f"{text} {m % 12 + 1:02d}/{m // 12}", cost_center=cc)
            if income_from and (income_months is None or m in income_months) and e <= self.as_of:
                self.post(e, function, 1, "7.7", -ore, cpr=p.cpr, cp=income_from, s=s, e=e,
                          text=f"Mellemkommunal refusion {text}", cost_center=cc)

    def pupil(self, p: Person, school, kind: str, start: dt.date, end: dt.date | None):
        pid, name, _, kom, *_ = school
        self.pupils.row([p.cpr, pid, q(name), kom, kind, ddmmyyyy(start), ddmmyyyy(end)])

    def pension(self, p: Person, ptype: str, awarded: dt.date, awarding: str, paying: str,
                share: int, status: str = "active", end: dt.date | None = None):
        self.pensions.row([p.cpr, ptype, ddmmyyyy(awarded), awarding, paying, money(share),
                           status, ddmmyyyy(end)])


# Grant types: the case system's bevillingstyper (realistic legal bases and functions).
GT = {
    "placement": dict(area="children", legal="BL §43", legal_old="SEL §52 stk. 3 nr. 7",
                      code="ANB", name="Anbringelse uden for hjemmet", function="5.28.20",
                      unit="day", case_ref=True, art="4.0", dept="Børn og Familie", cc="4110"),
    "preventive": dict(area="children", legal="BL §32 stk. 1 nr. 2",
                       legal_old="SEL §52 stk. 3 nr. 2", code="FOR",
                       name="Praktisk pædagogisk støtte i hjemmet", function="5.28.21",
                       unit="hour", case_ref=True, art="4.0", dept="Børn og Familie", cc="4120"),
    "contact": dict(area="children", legal="BL §32 stk. 1 nr. 4",
                    legal_old="SEL §52 stk. 3 nr. 6", code="KON", name="Fast kontaktperson",
                    function="5.28.21", unit="month", case_ref=True, art="4.0",
                    dept="Børn og Familie", cc="4120"),
    "botilbud108": dict(area="adults", legal="SEL §108", legal_old="SEL §108", code="B108",
                        name="Længerevarende botilbud", function="5.38.50", unit="day",
                        case_ref=True, art="4.0", dept="Voksenhandicap", cc="4210"),
    "stoette85": dict(area="adults", legal="SEL §85", legal_old="SEL §85", code="S85",
                      name="Socialpædagogisk støtte", function="5.38.38", unit="hour",
                      case_ref=True, art="4.0", dept="Voksenhandicap", cc="4220"),
    "bpa96": dict(area="disability", legal="SEL §96", legal_old="SEL §96", code="BPA",
                  name="Borgerstyret personlig assistance", function="5.38.38", unit="hour",
                  case_ref=True, art="5.2", dept="Handicap", cc="4230"),
    "tilskud95": dict(area="disability", legal="SEL §95", legal_old="SEL §95", code="K95",
                      name="Kontant tilskud til hjælp", function="5.38.38", unit="month",
                      case_ref=True, art="5.2", dept="Handicap", cc="4230"),
    "kontant": dict(area="employment", legal="LAS §25", legal_old="LAS §25", code="KTH",
                    name="Kontanthjælp", function="5.57.73", unit="month", case_ref=False,
                    art="5.2", dept="Jobcenter", cc="5110", refund=30),
    "ressource": dict(area="employment", legal="LAB §68 b", legal_old="LAB §68 b", code="RES",
                      name="Ressourceforløbsydelse", function="5.58.82", unit="month",
                      case_ref=False, art="5.2", dept="Jobcenter", cc="5120"),
    "ptillaeg": dict(area="pension", legal="PL §14", legal_old="PL §14", code="PTL",
                     name="Personligt tillæg", function="5.48.67", unit="once", case_ref=True,
                     art="5.2", dept="Pension", cc="5310"),
    "hjemmehjaelp": dict(area="elderly", legal="SEL §83", legal_old="SEL §83", code="HJH",
                         name="Personlig og praktisk hjælp", function="5.30.26", unit="hour",
                         case_ref=True, art="4.0", dept="Ældre og Sundhed", cc="6110"),
    "specund": dict(area="school", legal="FSL §20 stk. 2", legal_old="FSL §20 stk. 2",
                    code="SPU", name="Vidtgående specialundervisning", function="3.22.01",
                    unit="month", case_ref=True, art="4.0", dept="Skoleforvaltningen", cc="3110"),
}

# Yearly cost cap per person and function group for the clean base (below the § 176 threshold
# of 830.000 kr even after a year of price increases), in øre.
CR_CAP_YEAR = 80_000_000


def price_cap(unit: str, hpw: int) -> int:
    """Highest price (øre) whose yearly cost stays under CR_CAP_YEAR in a leap year."""
    if unit == "day":
        return CR_CAP_YEAR // 366 // 100 * 100
    if unit == "month":
        return CR_CAP_YEAR // 12 // 100 * 100
    if unit == "hour":
        return CR_CAP_YEAR * 7 // (366 * hpw) // 100 * 100
    return CR_CAP_YEAR
