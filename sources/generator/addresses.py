"""Addresses and the streets they are handed out from."""

from __future__ import annotations

import random
from typing import NamedTuple

from .names import ROAD_PREFIXES, ROAD_STEMS, ROAD_SUFFIXES
from .places import postal_districts_for


class Address(NamedTuple):
    """A CPR address: the 002/023 fields (already in their fixed-width form) and the 003 text.

    Former addresses only need the 023 fields, so their text and postal fields are empty."""
    municipality: str
    road_code: str
    house_number: str
    floor: str
    door: str
    text: str
    postal_code: str
    postal_district: str


# Status 20 (no fixed residence) is registered under an administrative municipality code.
NO_FIXED_RESIDENCE = Address("0011", "", "", "", "", "", "", "")

HOUSES_PER_ROAD = 249
FLAT_BLOCKS_PER_ROAD = 60
FLATS_PER_BLOCK = 12  # four floors of three doors
# Road codes 0011-9000 hold at most this many roads (above 9000 are kept for new roads); a
# municipality that needs more (over ~2M citizens: the national benchmark) gets longer roads.
MAX_ROADS = 8_000
MAX_ROAD_LENGTH = 4  # × the usual addresses per road: house numbers stay within 3 digits


def roads_for(n_addresses_roads: int) -> tuple[int, int]:
    """(roads, length) for a municipality wanting ``n_addresses_roads`` roads of the usual length."""
    length = -(-n_addresses_roads // MAX_ROADS)
    if length > MAX_ROAD_LENGTH:
        raise ValueError(f"{n_addresses_roads} roads' worth of addresses do not fit in one municipality")
    return min(n_addresses_roads, MAX_ROADS), length


class Streets:
    """Unique current addresses in one municipality (house roads and blocks of flats)."""

    FLOORS = ("st", "01", "02", "03")
    DOORS = ("  tv", "  mf", "  th")

    def __init__(self, rng: random.Random, municipality: str, n_roads: int,
                 first_road_code: int = 11, road_length: int = 1):
        self.municipality = municipality
        self.rng = rng
        self.houses_per_road = HOUSES_PER_ROAD * road_length
        self.flats_per_road = FLAT_BLOCKS_PER_ROAD * road_length * FLATS_PER_BLOCK
        postal = postal_districts_for(municipality)
        # each road: [road code, name, postal code, district, "house"|"flat", addresses handed out]
        self.roads: list[list] = []
        # Road codes are 4 digits: spread the roads over the code range, leaving room for new roads.
        stride = max(1, min(4, (9000 - first_road_code) // max(1, n_roads)))
        if first_road_code + stride * n_roads > 9000:
            raise ValueError(f"{n_roads} roads do not fit in 4-digit road codes")
        for i in range(n_roads):
            name = rng.choice(ROAD_PREFIXES) + rng.choice(ROAD_STEMS) + rng.choice(ROAD_SUFFIXES)
            name = name[0].upper() + name[1:]
            # every postal district gets at least one road
            postal_code, district = postal[i % len(postal)] if i < len(postal) else rng.choice(postal)
            kind = "flat" if rng.random() < 0.4 else "house"
            self.roads.append([f"{first_road_code + stride * i:04d}", name, postal_code, district,
                               kind, 0])
        self.road_codes = [road[0] for road in self.roads]

    def allocate(self) -> Address:
        """A new current address no one else has (a full road passes on to the next)."""
        n = len(self.roads)
        i = self.rng.randrange(n)
        for _ in range(n):
            code, name, postal_code, district, kind, used = self.roads[i]
            if kind == "house" and used < self.houses_per_road:
                self.roads[i][5] = used + 1
                number = used + 1
                return Address(self.municipality, code, f"{number:03d} ", "", "",
                               f"{name} {number}", postal_code, district)
            if kind == "flat" and used < self.flats_per_road:
                self.roads[i][5] = used + 1
                block, flat = divmod(used, FLATS_PER_BLOCK)
                number = 1 + 2 * block  # blocks of flats on the odd side
                floor, door = self.FLOORS[flat // 3], self.DOORS[flat % 3]
                floor_text = "st." if floor == "st" else str(int(floor)) + "."
                return Address(self.municipality, code, f"{number:03d} ", floor, door,
                               f"{name} {number}, {floor_text} {door.strip()}", postal_code, district)
            i = (i + 1) % n
        # every road full: add one (codes above 9000 are kept for new roads)
        new_code = max(9001, int(self.roads[-1][0]) + 1)
        if new_code > 9999:
            raise ValueError(f"municipality {self.municipality} has run out of 4-digit road codes")
        self.roads.append([f"{new_code:04d}", "Nyvej " + str(len(self.roads)),
                           self.roads[0][2], self.roads[0][3], "flat", 0])
        return self.allocate()

    def random_former(self) -> Address:
        """A former address (023 only: no text needed, uniqueness not required)."""
        road = self.rng.choice(self.roads)
        return Address(self.municipality, road[0], f"{self.rng.randint(1, 120):03d} ", "", "", "",
                       "", "")
