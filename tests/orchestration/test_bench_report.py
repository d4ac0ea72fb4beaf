"""The bench's floor call (issue #14): parsed when there, never fatal when not."""

from __future__ import annotations

from orchestration.bench_report import SizeResult, parse_floor_total, print_summary, run_floor
from orchestration.cli import build_parser


def test_floor_total_is_read_from_its_line():
    line = "floor persons=100000 postings=300000 cpr_s=1.2 postings_s=0.8 transforms_s=1.5 fixed_s=6.6 total_s=10.1\n"
    assert parse_floor_total("building venv\n" + line) == 10.1
    assert parse_floor_total("no figures here") is None


def test_missing_or_failing_floor_is_reported_not_raised(tmp_path, capsys):
    assert run_floor(100, 300, tmp_path / "absent.sh") == (None, "floor not available")
    broken = tmp_path / "floor.sh"
    broken.write_text("echo oops >&2; exit 3\n")
    total, why = run_floor(100, 300, broken)
    assert total is None and why.startswith("floor not available (exit 3")
    fine = tmp_path / "fine.sh"
    fine.write_text('echo "floor persons=$1 postings=$2 total_s=2.5"\n')
    assert run_floor(100, 300, fine) == (2.5, "floor persons=100 postings=300 total_s=2.5")

    print_summary([SizeResult(100, 300, 25.0, 512, 2.5, 3.2, 10.0, 400, 7.5),
                   SizeResult(200, 600, 30.0, 600, None, None)])
    out = capsys.readouterr().out
    assert "10.0 ×" in out and "0.40" in out and "0.30" in out and "—" in out


def test_bench_options():
    args = build_parser().parse_args(["bench", "--sizes", "1000", "--postings-per-citizen", "20",
                                      "--no-second-night"])
    assert args.postings_per_citizen == 20 and args.second_night is False
    assert build_parser().parse_args(["bench"]).second_night is True
