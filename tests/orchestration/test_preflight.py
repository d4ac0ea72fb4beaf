"""The preflight (issue #12, item 5): every setting checked before anything is read, every
problem listed at once, each in plain words."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

from orchestration.preflight import BUILD_SPACE_FACTOR, PreflightError, check_run, run_problems

DATE = "2026-11-22"


@pytest.fixture
def ready(installation):
    """An installation that passes: a secret (conftest), a delivery folder with a file in it."""
    folder = installation.landing_dir / DATE
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text("{}")
    return installation


def test_a_ready_installation_has_no_problem(ready):
    assert run_problems(ready, DATE) == []
    check_run(ready, DATE)


def test_a_missing_secret_is_reported(ready):
    ready.person_key_secret_file.unlink()
    [problem] = run_problems(ready, DATE)
    assert f"person-key secret file {ready.person_key_secret_file} is missing" in problem


def test_a_short_secret_is_reported(ready):
    ready.person_key_secret_file.write_text("too short")
    [problem] = run_problems(ready, DATE)
    assert "shorter than 32 bytes" in problem


@pytest.mark.parametrize("code, says", [("851", "not a 4-digit code"), ("08a1", "not a 4-digit code"),
                                        ("0000", "not a Danish municipality")])
def test_a_bad_municipality_code_is_reported(ready, code, says):
    [problem] = run_problems(dataclasses.replace(ready, municipality_code=code), DATE)
    assert says in problem and code in problem


def test_every_known_municipality_code_passes(ready):
    assert run_problems(dataclasses.replace(ready, municipality_code="0101"), DATE) == []


def test_bad_numbers_are_reported(ready):
    problems = run_problems(dataclasses.replace(ready, max_rejected_rows=-1, keep_published=0), DATE)
    assert any("KOMMUNELAGER_MAX_REJECTED_ROWS is -1" in p for p in problems)
    assert any("KOMMUNELAGER_KEEP_PUBLISHED is 0" in p for p in problems)


def test_a_missing_delivery_folder_is_reported(ready):
    [problem] = run_problems(ready, "2026-11-23")
    assert f"{ready.landing_dir / '2026-11-23'} does not exist" in problem


def test_a_file_where_a_folder_must_be_is_reported(ready):
    ready.var_dir.mkdir(exist_ok=True)
    ready.state_dir.write_text("not a folder")
    problems = run_problems(ready, DATE)
    assert any(f"{ready.state_dir} exists and is not a folder" in p for p in problems)


@pytest.fixture
def small_mount(tmp_path):
    """A real 1 MiB tmpfs (the test runs as root, as the CI container does)."""
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_too_little_free_space_for_the_delivery_is_reported(ready, small_mount):
    settings = dataclasses.replace(ready, var_dir=small_mount / "var")  # the build on the mount, landing not
    assert run_problems(settings, DATE) == []
    (settings.landing_dir / DATE / "big.csv").write_bytes(b"x" * (2**20 // BUILD_SPACE_FACTOR + 4096))
    problems = run_problems(settings, DATE)
    assert any("MiB free for the build" in p and str(small_mount) in p for p in problems)


def test_a_read_only_folder_is_reported(ready, tmp_path):
    mount = tmp_path / "ro"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mount)], check=True)
    try:
        problems = run_problems(dataclasses.replace(ready, dagster_home=mount / "dagster_home"), DATE)
    finally:
        subprocess.run(["umount", str(mount)], check=True)
    assert any(f"{mount} is not writable (Read-only file system)" in p for p in problems)


def test_every_problem_is_listed_at_once(ready):
    ready.person_key_secret_file.unlink()
    settings = dataclasses.replace(ready, municipality_code="9999")
    with pytest.raises(PreflightError) as raised:
        check_run(settings, "2026-11-23")
    text = str(raised.value)
    assert "3 problems" in text and "nothing was read" in text
    assert text.count("\n  - ") == 3
