"""Command line: ``python -m hrcore demo|import|export|tables|backup|restore|user|bench``.

Examples
--------
python -m hrcore demo --db data/hr.duckdb --employees 2000 --seed 7
python -m hrcore import employees staff.csv --map 工号=employee_id --map 月薪=base_pay
python -m hrcore import employees ibm.csv --mapping data/mappings/ibm_hr_attrition.json
python -m hrcore import ratings_360 survey.csv --map Reviewee=ratee_id --map "Submitted at=rated_on" --repeats last
python -m hrcore export employees employees.xlsx
python -m hrcore backup backups/hr-2026-11-23.duckdb
python -m hrcore restore backups/hr-2026-11-23.duckdb
python -m hrcore user add li.na --role manager --department D300 --employee E0000047   (asks for the password)
python -m hrcore user set li.na --role hr_analyst
python -m hrcore user list
python -m hrcore bench --employees 100000 --out bench-100k.json
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from hrcore.schema import TABLES
from hrcore.store import DB_ENV, Store, default_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hrcore", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub):
        sub.add_argument("--db", type=Path, default=None,
                         help=f"database file (default ${DB_ENV} or data/hr.duckdb)")
        return sub

    demo = with_db(commands.add_parser("demo", help="build the demo company in a new database (or rebuild the demo)"))
    demo.add_argument("--employees", type=int, default=2000, help="active employees (default 2000)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument("--as-of", type=date.fromisoformat, default=None, help="as-of date, YYYY-MM-DD")

    imp = with_db(commands.add_parser("import", help="import a CSV or XLSX file into a table"))
    imp.add_argument("table", choices=sorted(n for n, spec in TABLES.items() if spec.importable))
    imp.add_argument("file", type=Path)
    imp.add_argument("--mapping", type=Path, help="a mapping JSON file (as saved by the Data page)")
    imp.add_argument("--map", action="append", default=[], metavar="SOURCE=TARGET",
                     help="file column SOURCE goes to table column TARGET (repeatable)")
    imp.add_argument("--value", action="append", default=[], metavar="TARGET:FROM=TO",
                     help="translate a value of a table column, e.g. status:Yes=left (repeatable)")
    imp.add_argument("--derive", action="append", default=[], metavar="TARGET=OP(SOURCE,ARG)",
                     help="derive a column, e.g. hire_date=years_before(YearsAtCompany,2024-12-31) (repeatable)")
    imp.add_argument("--date-order", choices=["MDY", "DMY", "YMD"],
                     help="how dates such as 05/07/2011 are written, where no day above 12 tells it: month first "
                          "(MDY, US systems) or day first (DMY); read from the file where it can be")
    imp.add_argument("--repeats", choices=["refuse", "average", "last"],
                     help="360 ratings: what to do when the same rater rated the same item of the same person again "
                          "in one review: refuse (the default; each repeat is listed), average the scores, or keep "
                          "the last (by the timestamp, else file order); read from --mapping where it says")
    imp.add_argument("--problems", type=Path, help="write the problem list to this CSV file")

    exp = with_db(commands.add_parser("export", help="export a table to CSV or XLSX (by the file's suffix)"))
    exp.add_argument("table", choices=sorted(TABLES))
    exp.add_argument("file", type=Path)

    with_db(commands.add_parser("tables", help="list the tables and their row counts"))
    backup = with_db(commands.add_parser("backup", help="copy the database to a new file"))
    backup.add_argument("file", type=Path)
    restore = with_db(commands.add_parser("restore", help="replace the database with a backup (stop the app first)"))
    restore.add_argument("file", type=Path)

    bench = commands.add_parser("bench", help="time a demo company of N employees: generation, import, pages")
    bench.add_argument("--employees", type=int, default=10_000)
    bench.add_argument("--out", type=Path, help="write the result as JSON here")
    bench.add_argument("--pages", nargs="+", help="only these pages (overview, data, evaluation, pay, ...)")
    bench.add_argument("--ratings-360", type=int, nargs="+", metavar="ROWS",
                       help="instead: time synthetic long-format 360 exports of these sizes through the import and "
                            "the command line (e.g. 55000 100000)")
    # The import and the pages run in processes of their own, so each peak memory is theirs (see hrcore.bench).
    bench.add_argument("--pages-of", type=Path, help=argparse.SUPPRESS)
    bench.add_argument("--import-of", type=Path, help=argparse.SUPPRESS)

    user = with_db(commands.add_parser("user", help="add, change or list accounts"))
    user.add_argument("action", choices=["add", "set", "list"])
    user.add_argument("name", nargs="?", help="the account's user name (add, set)")
    user.add_argument("--role", choices=["admin", "hr_analyst", "manager", "viewer"])
    user.add_argument("--department", help="the department a manager manages (its subtree is their scope)")
    user.add_argument("--display-name", help="the name shown in the app")
    user.add_argument("--employee", help="the employee id the account belongs to (required for an HR "
                                         "analyst or a manager, optional for an admin or a viewer; '' unlinks): nobody scores, rates, certifies, "
                                         "calibrates or approves their own record")
    user.add_argument("--password", action="store_true",
                      help="set a new password (set); asked for, or read from $HRCORE_PASSWORD")
    user.add_argument("--disable", action="store_true", help="disable the account (set)")
    user.add_argument("--enable", action="store_true", help="enable the account again (set)")
    return parser


def _password() -> str:
    if os.environ.get("HRCORE_PASSWORD"):
        return os.environ["HRCORE_PASSWORD"]
    try:
        first = getpass.getpass("password: ")
        again = getpass.getpass("again: ")
    except EOFError:
        raise ValueError("password: no terminal to ask on; set $HRCORE_PASSWORD") from None
    if again != first:
        raise ValueError("password: the two entries differ")
    return first


def _user(args, store: Store) -> int:
    from hrcore import access

    if args.action == "list":
        print(access.users(store)[["username", "role", "department_id", "employee_id", "active", "last_sign_in"]]
              .to_string(index=False))
        return 0
    if not args.name:
        raise ValueError("name: give the account's user name")
    if args.action == "add":
        if not args.role:
            raise ValueError("role: give --role admin|hr_analyst|manager|viewer")
        if args.role in access.LINKED_ROLES and not args.employee:
            # Without the link nothing stops them judging their own record.
            raise ValueError(f"employee: give --employee, the {args.role}'s own employee id")
        access.add_user(store, args.name, _password(), args.role, args.department, args.display_name, args.employee)
        print(f"account {args.name} ({args.role}) created")
        return 0
    active = False if args.disable else True if args.enable else None
    role = args.role or access.users(store).set_index("username")["role"].get(args.name)
    if role in access.LINKED_ROLES and args.employee is not None and not args.employee.strip():
        raise ValueError(f"employee: a {role}'s account keeps naming their own record; give their employee id")
    access.update_user(store, args.name, role=args.role, department_id=args.department, active=active,
                       password=_password() if args.password else None, display_name=args.display_name,
                       employee_id=args.employee)
    print(f"account {args.name} changed")
    return 0


def _mapping(args, columns: list[str]) -> dict:
    from hrcore.imports import suggest_mapping

    spec: dict = {"columns": {}, "values": {}, "derive": {}}
    if args.mapping:
        loaded = json.loads(args.mapping.read_text(encoding="utf-8"))
        for part in spec:
            spec[part].update(loaded.get(part) or {})
    for item in args.map:
        source, _, target = item.rpartition("=")
        if not source or not target:
            raise ValueError(f"--map {item!r}: use SOURCE=TARGET")
        spec["columns"][target] = source
    for item in args.value:
        target, _, pair = item.partition(":")
        old, sep, new = pair.partition("=")
        if not target or not sep:
            raise ValueError(f"--value {item!r}: use TARGET:FROM=TO")
        spec["values"].setdefault(target, {})[old] = new
    for item in args.derive:
        target, _, call = item.partition("=")
        op, _, rest = call.partition("(")
        parts = [p.strip() for p in rest.rstrip(")").split(",")]
        if not target or not op or not parts[0]:
            raise ValueError(f"--derive {item!r}: use TARGET=OP(SOURCE,ARG)")
        rule = {"op": op.strip(), "source": parts[0]}
        if len(parts) > 1:
            rule["factor" if rule["op"] == "multiply" else "as_of"] = (
                float(parts[1]) if rule["op"] == "multiply" else parts[1])
        spec["derive"][target] = rule
    if not any(spec.values()):
        # As the Data page starts: the table's own names and the headings its files usually carry.
        spec = {"columns": suggest_mapping(columns, args.table)}
        print("columns: " + (", ".join(f"{source} → {target}" for target, source in spec["columns"].items())
                             or "none recognised"), file=sys.stderr)
    if args.date_order:
        spec["date_order"] = args.date_order
    elif args.mapping:
        spec["date_order"] = json.loads(args.mapping.read_text(encoding="utf-8")).get("date_order")
    if args.repeats:
        spec["repeats"] = args.repeats
    elif args.mapping and json.loads(args.mapping.read_text(encoding="utf-8")).get("repeats"):
        spec["repeats"] = json.loads(args.mapping.read_text(encoding="utf-8"))["repeats"]
    return spec


def _refused(args, problems) -> int:
    from hrcore.imports import problems_csv

    print(f"{len(problems)} problem(s) in {args.file.name}; nothing was written.", file=sys.stderr)
    print(problems.head(50).to_string(index=False), file=sys.stderr)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more", file=sys.stderr)
    if args.problems:
        args.problems.write_bytes(problems_csv(problems))
        print(f"problem list written to {args.problems}", file=sys.stderr)
    return 1


def _import(args, store: Store) -> int:
    from hrcore.imports import FileProblems, commit_rows, plan_import, read_file

    try:
        raw = read_file(args.file.read_bytes(), args.file.name)
    except FileProblems as refused:
        return _refused(args, refused.problems)
    plan = plan_import(store, args.table, raw.frame, _mapping(args, list(raw.frame.columns)))
    for column, written in plan.date_formats.items():
        print(f"dates: {column} read as {written}", file=sys.stderr)
    if plan.notes:
        from hrcore.i18n import import_note

        for code, values in plan.notes:
            print(f"summary: {import_note(code, values, 'en')}", file=sys.stderr)
    for note in plan.warnings:
        print(f"note: {note}", file=sys.stderr)
    if not plan.ok:
        return _refused(args, plan.problems)
    result = commit_rows(store, args.table, plan.rows)
    print(f"{args.table}: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged "
          f"({raw.encoding})")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "bench":
        from hrcore.bench import import_only, pages_only, run

        if args.ratings_360:
            from hrcore.bench import import_360

            result = import_360(args.ratings_360)
        elif args.pages_of:
            result = pages_only(args.pages_of, args.pages)
        elif args.import_of:
            result = import_only(args.import_of)
        else:
            result = run(args.employees, pages=args.pages)
        text = json.dumps(result, indent=2)
        if args.out:
            args.out.write_text(text + "\n")
        print(text)
        return 0
    if args.command == "restore":
        # Before opening the database: a restore replaces the file itself.
        from hrcore.store import restore

        try:
            safety = restore(args.file, args.db or default_path())
        except (ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"{args.db or default_path()} restored from {args.file}"
              + (f"; what was there is kept in {safety}" if safety else ""))
        return 0
    from hrcore.access import User

    try:
        opened = Store(args.db or default_path())
    except OSError as exc:  # in use by the app, damaged, not an hrcore database: one line, never a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # Changes made here go into the audit trail under the operating-system account that ran the command.
    store = opened.as_user(User(f"cli:{getpass.getuser()}", "admin"))
    try:
        if args.command == "demo":
            from hrcore.demo import DEFAULT_AS_OF, build_demo

            started = time.perf_counter()
            counts = build_demo(store, employees=args.employees, seed=args.seed,
                                as_of=args.as_of or DEFAULT_AS_OF)
            print(f"demo company written to {store.path} in {time.perf_counter() - started:.1f} s")
            for name, n in counts.items():
                print(f"  {name:20s} {n:>12,}")
        elif args.command == "import":
            return _import(args, store)
        elif args.command == "export":
            from hrcore.imports import export_table

            fmt = args.file.suffix.lower().lstrip(".")
            args.file.write_bytes(export_table(store, args.table, fmt))
            print(f"{args.table}: {store.count(args.table):,} rows written to {args.file}")
        elif args.command == "backup":
            print(f"{store.path} backed up to {store.backup(args.file)}")
        elif args.command == "user":
            return _user(args, store)
        elif args.command == "tables":
            for name, n in store.counts().items():
                print(f"{name:20s} {n:>12,}")
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
