"""person_key is HMAC-SHA-256(secret, CPR number) as hex (worklist.md): computed by DuckDB in one
scan from the padded keys the resource derives, it must equal the standard library's HMAC for
secrets shorter than, equal to and longer than SHA-256's 64-byte block."""

from __future__ import annotations

import hashlib
import hmac
import os

import duckdb
import pytest

from orchestration.resources import PERSON_KEY_SQL, PersonKeyResource

CPRS = ["0101804321", "3112991234", "6102031111", "1503450002"]


@pytest.mark.parametrize("secret_length", [32, 64, 65, 200])
def test_duckdb_hmac_equals_the_standard_library(tmp_path, secret_length):
    secret = os.urandom(secret_length // 2).hex().encode()[:secret_length]
    secret_file = tmp_path / "person_key.secret"
    secret_file.write_bytes(secret)
    inner, outer = PersonKeyResource(secret_file=str(secret_file)).hmac_pads()
    con = duckdb.connect()
    con.execute("create table persons as select unnest($cprs) as cpr", {"cprs": CPRS})
    got = dict(con.execute(f"select cpr, {PERSON_KEY_SQL} from persons",
                           {"inner": inner, "outer": outer}).fetchall())
    expected = {cpr: hmac.new(secret, cpr.encode("ascii"), hashlib.sha256).hexdigest() for cpr in CPRS}
    assert got == expected
