"""`kommunelager`: generate deliveries, run the nightly job, see what happened.

    kommunelager generate --citizens 5000        a synthetic delivery in the landing folder
    kommunelager run                             the nightly job on every waiting delivery, in date order
    kommunelager demo                            both, on a fresh demo municipality
    kommunelager status                          recent runs, waiting deliveries, the served file
    kommunelager export --check NOT_STOPPED      a flag list as Excel (or --format csv; --overwrite)
    kommunelager invoice-basis --period 2026-Q3  the invoice basis for other municipalities (--with-cpr --reason)
    kommunelager web                             the controllers' web page on http://127.0.0.1:8000/
    kommunelager users add NAME --role R         the web page's users (list, set-role, set-areas, deactivate)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import secrets
import sys
import time
from pathlib import Path

from orchestration.settings import Settings, load_settings


def _prepare_process(settings: Settings) -> None:
    """The CLI is a process entry point: Dagster reads its home (and its telemetry switch) from the
    environment, so this is the one place that sets them (the telemetry switch only when unset)."""
    # settings.dagster_home is the caller's DAGSTER_HOME (or the default), made absolute: Dagster
    # itself fails on a relative one, as .env.example's ./var/dagster_home would give.
    os.environ["DAGSTER_HOME"] = str(settings.dagster_home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    from orchestration.dagster_home import prepare_dagster_home

    prepare_dagster_home(Path(os.environ["DAGSTER_HOME"]))


def ensure_demo_secret(settings: Settings) -> None:
    from serving.state_db import make_private_dir

    path = settings.person_key_secret_file
    if not path.exists():
        make_private_dir(path.parent)
        path.write_text(secrets.token_hex(32), encoding="ascii")
        path.chmod(0o600)
        print(f"demo: created a person-key secret in {path} (keep it; never rotate it)")


def cmd_generate(args: argparse.Namespace, settings: Settings) -> int:
    from sources.generator import generate_delivery

    started = time.perf_counter()
    result = generate_delivery(settings.landing_dir, citizens=args.citizens, seed=args.seed,
                               delivery_date=dt.date.fromisoformat(args.date),
                               municipality_code=settings.municipality_code, progress=_progress,
                               postings_per_citizen=getattr(args, "postings_per_citizen", None))
    print(f"\ngenerated {result.folder} in {time.perf_counter() - started:.1f} s")
    for name, n in sorted(result.rows.items()):
        print(f"  {name:<40} {n:>12,}")
    print(f"ground truth (not part of the delivery): {result.ground_truth_path}")
    return 0


def _progress(stage: str, n: int) -> None:
    print(f"\r  {stage:<30} {n:>12,}", end="", flush=True)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration.defs.landing.deliveries import pending_deliveries
    from orchestration.run_lock import RunLockHeld, run_lock
    from orchestration.runner import run_delivery

    wait = getattr(args, "wait", False)
    try:
        # Held around the list too: the waiting deliveries are read after any other run is done.
        with run_lock(settings.run_lock_file, args.delivery or "", wait=wait):
            dates = [args.delivery] if args.delivery else pending_deliveries(settings)
            if not dates:
                print(f"no complete delivery waiting in {settings.landing_dir}")
                return 0
            for delivery_date in dates:
                if not run_delivery(settings, delivery_date, as_of=args.as_of or "", wait=wait):
                    return 1
    except RunLockHeld as refused:
        print(f"RUN REFUSED: {refused}", file=sys.stderr)
        return 3
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    ensure_demo_secret(settings)
    if not (settings.landing_dir / args.date).exists():
        cmd_generate(args, settings)
    args.delivery, args.as_of = args.date, ""
    status = cmd_run(args, settings)
    if status == 0:
        from web.cli import print_demo_access

        print_demo_access(settings)
    return status


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    import duckdb

    from orchestration.defs.landing.deliveries import pending_deliveries
    from orchestration.defs.publish.run_log import recent_runs

    print(f"analysts' file: {settings.published_db} "
          f"({'present' if settings.published_db.exists() else 'not published yet'})")
    print(f"identity file: {settings.identity_db} "
          f"({'present' if settings.identity_db.exists() else 'not published yet'})")
    print(f"waiting deliveries: {', '.join(pending_deliveries(settings)) or 'none'}")
    if settings.state_db.exists():
        con = duckdb.connect(str(settings.state_db), read_only=True)
        try:
            print("recent runs:")
            for run_id, delivery, as_of, _, finished, status, _, message in recent_runs(con, args.limit):
                print(f"  {finished:%Y-%m-%d %H:%M}  {delivery}  {status:<11} {run_id[:8]}  {(message or '')[:80]}")
        finally:
            con.close()
    quarantined = sorted(p.name for p in settings.quarantine_dir.glob("*")) if settings.quarantine_dir.exists() else []
    print(f"quarantined deliveries: {', '.join(quarantined) or 'none'}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from serving.danish_export import OutputExistsError, refuse_existing
    from serving.flag_export import FlagExportError, fetch_export, write_csv, write_excel

    if not settings.published_db.exists():
        print(f"export: no served warehouse at {settings.published_db}: run the pipeline first", file=sys.stderr)
        return 2
    out = Path(args.output or f"flag_list.{args.format}")
    try:
        if args.municipality is not None and not re.fullmatch(r"\d{4}", args.municipality):
            raise FlagExportError(f"--municipality takes a 4-digit code such as 0773, not {args.municipality!r}")
        refuse_existing(out, args.overwrite)
        if not out.resolve().parent.is_dir():
            raise FlagExportError(f"no folder {out.resolve().parent} to write {out.name} into")
        flags, reference, month_lines = fetch_export(settings.published_db, check=args.check, area=args.area,
                                                     priority=args.priority, municipality=args.municipality)
        if args.format == "csv":
            write_csv(flags, out, reference)
        else:
            as_of = flags[0]["last_seen_date"] if flags else None
            write_excel(flags, out, as_of=as_of, reference=reference, month_lines=month_lines)
    except (FlagExportError, OutputExistsError, OSError) as error:
        from sources.masking import mask_cprs_in_text

        print(f"export: {mask_cprs_in_text(str(error))}", file=sys.stderr)  # the values are the user's typing
        return 2
    print(f"{len(flags)} flags written to {out}")
    return 0


def cmd_invoice_basis(args: argparse.Namespace, settings: Settings) -> int:
    from serving.invoice_export import InvoiceBasisRequest, InvoiceExportError, describe, export_invoice_basis
    from serving.reidentification import ReidentificationLogError
    from sources.masking import mask_cprs_in_text

    request = InvoiceBasisRequest(municipality=args.municipality, period=args.period,
                                  include_time_barred=args.include_time_barred, with_cpr=args.with_cpr,
                                  reason=args.reason)
    try:
        export = export_invoice_basis(settings, request, fmt=args.format,
                                      output=Path(args.output) if args.output else None, overwrite=args.overwrite)
    except (InvoiceExportError, ReidentificationLogError, OSError) as error:
        print(f"invoice-basis: {mask_cprs_in_text(str(error))}", file=sys.stderr)
        return 2
    print(describe(export))
    return 0


def _add_file_options(p: argparse.ArgumentParser, default_output: str) -> None:
    """The options `export` and `invoice-basis` share, spelled and explained the same way."""
    p.add_argument("--municipality", help="counterparty municipality code, e.g. 0773 (default: all)")
    p.add_argument("--format", choices=("csv", "xlsx"), default="xlsx", help="default: xlsx")
    p.add_argument("--output", help=f"output file (default: {default_output})")
    p.add_argument("--overwrite", action="store_true", help="replace the output file if it exists (default: refuse)")


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration.bench import run_benchmark

    return run_benchmark([int(s) for s in args.sizes.split(",")],
                         postings_per_citizen=args.postings_per_citizen, second_night=args.second_night)


def _add_density_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--postings-per-citizen", type=float, default=None, metavar="X",
                   help="postings density (default: about 3.1 per citizen); more books ordinary "
                        "payments in instalments: same sums, same planted cases and ground truth")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kommunelager", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    default_date = "2026-11-22"
    for name, helptext in (("generate", "write a synthetic delivery into the landing folder"),
                           ("demo", "generate a demo municipality (if missing) and run the whole job on it")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--citizens", type=int, default=5_000, help="residents of the municipality (default 5000)")
        p.add_argument("--seed", type=int, default=1, help="random seed; same seed, same files")
        p.add_argument("--date", default=default_date, help=f"delivery date YYYY-MM-DD (default {default_date})")
        if name == "generate":
            _add_density_option(p)
        if name == "demo":
            p.add_argument("--wait", action="store_true", help="if another run is going, wait for it (default: refuse)")
    p = sub.add_parser("run", help="run the nightly job: ingest → validate → dbt build → publish")
    p.add_argument("--delivery", help="one delivery date (default: every waiting delivery, oldest first)")
    p.add_argument("--as-of", help="override the reference date (default: the delivery date)")
    p.add_argument("--wait", action="store_true", help="if another run is going, wait for it (default: refuse)")
    p = sub.add_parser("status", help="recent runs, waiting and quarantined deliveries")
    p.add_argument("--limit", type=int, default=10)
    p = sub.add_parser("export", help="export a flag list (CSV or Excel) for controllers")
    p.add_argument("--check", help="check code or Danish name, any case, e.g. NOT_STOPPED (default: all)")
    p.add_argument("--area", help="area code or Danish name, any case, e.g. adults or Voksne (default: all)")
    p.add_argument("--priority", type=str.lower, choices=("red", "blue"), help="default: both")
    _add_file_options(p, "flag_list.<format>")
    p = sub.add_parser("invoice-basis", help="the invoice basis for other municipalities (CSV or Excel)")
    p.add_argument("--period", help="invoicing period as the basis labels it, e.g. 2026-Q3 (default: all)")
    p.add_argument("--include-time-barred", action="store_true",
                   help="also the forældede (time-barred) lines, marked in a column")
    _add_file_options(p, "invoice_basis[_<municipality>][_<period>][_cpr].<format>")
    p.add_argument("--with-cpr", action="store_true",
                   help="restricted: add CPR number and name; needs --reason and is logged first")
    p.add_argument("--reason", help="why the CPR numbers are needed (written to the audit store first)")
    p = sub.add_parser("bench", help="benchmark generation and the pipeline at several sizes")
    p.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated citizen counts")
    _add_density_option(p)
    p.add_argument("--second-night", action=argparse.BooleanOptionalAction, default=True,
                   help="after the full night, run the next two days' CPR change deliveries on the "
                        "same installation (default: on)")
    from web.cli import add_commands  # the web page's commands: web, users

    parser.web_handlers = add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = load_settings()
    _prepare_process(settings)
    handler = {"generate": cmd_generate, "run": cmd_run, "demo": cmd_demo, "status": cmd_status,
               "bench": cmd_bench, "export": cmd_export, "invoice-basis": cmd_invoice_basis,
               **parser.web_handlers}[args.command]
    return handler(args, settings)


if __name__ == "__main__":
    sys.exit(main())
