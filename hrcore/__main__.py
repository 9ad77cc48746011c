"""Command line: ``python -m hrcore demo|import|export|tables|settings|backup|restore|user|bench``.

Examples
--------
python -m hrcore demo --db data/hr.duckdb --employees 2000 --seed 7
python -m hrcore demo --reset   (the demo company as first built: every change and account made since goes)
python -m hrcore import employees staff.csv --map 工号=employee_id --map 月薪=base_pay
python -m hrcore import employees ibm.csv --mapping data/mappings/ibm_hr_attrition.json
python -m hrcore import employees HRDataset_v14.csv --map EmpID=employee_id --annual-pay --create-references
python -m hrcore import ratings_360 ratings.csv --mapping hris-360 --set period=2024Q4   (a mapping saved by name)
python -m hrcore import ratings_360 survey.csv --map Reviewee=ratee_id --map "Submitted at=rated_on" --repeats last
python -m hrcore export employees employees.xlsx
python -m hrcore settings as_of=2019-01-01 currency=USD
python -m hrcore backup backups/hr-2026-11-23.duckdb
python -m hrcore restore backups/hr-2026-11-23.duckdb
python -m hrcore user add li.na --role manager --department D300 --employee E0000047   (asks for the password)
python -m hrcore user set li.na --role hr_analyst
python -m hrcore user list
python -m hrcore user remove li.na
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
    demo.add_argument("--reset", action="store_true",
                      help="build the demo company again as it was first built (its size, seed and date): every "
                           "change, setting, saved mapping and account made since goes; never a company's own data")

    imp = with_db(commands.add_parser("import", help="import a CSV or XLSX file into a table"))
    imp.add_argument("table", choices=sorted(n for n, spec in TABLES.items() if spec.importable))
    imp.add_argument("file", type=Path)
    imp.add_argument("--mapping", metavar="FILE|NAME",
                     help="a mapping: a JSON file (as the Data page downloads it), or the name of a mapping saved on "
                          "the Data page or shipped in data/mappings")
    imp.add_argument("--map", action="append", default=[], metavar="SOURCE=TARGET",
                     help="file column SOURCE goes to table column TARGET (repeatable); the columns whose headings "
                          "the Data page recognises (EmpID, 工号, DateofHire ...) are mapped too, unless --no-suggest")
    imp.add_argument("--no-suggest", action="store_true",
                     help="map only the columns of --map and --mapping, not those recognised by their headings")
    imp.add_argument("--set", action="append", default=[], metavar="TARGET=VALUE",
                     help="give every row this value, e.g. period=2024Q4 (repeatable)")
    imp.add_argument("--generate-id", nargs="?", const="", metavar="[COLUMN=]PREFIX",
                     help="for a file without ids: each row's id is PREFIX and its row number in the spreadsheet "
                          "(header = row 1), e.g. --generate-id E gives E2, E3 ...")
    imp.add_argument("--annual-pay", action="store_true",
                     help="the file's pay is a year's: divide base_pay and target_bonus by 12 (stored per month)")
    imp.add_argument("--create-references", action="store_true",
                     help="also create the departments and jobs the employees refer to (named as the file writes "
                          "them) and link each manager named in a ManagerName column to that employee; written "
                          "with the employees, all or nothing")
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
    settings = with_db(commands.add_parser(
        "settings", help="print the company settings, or change them: as_of=2019-01-01 currency=USD "
                         "pay_period=annual local_avg_wage=12000 local_min_wage=2690 (as_of= clears: the extract's own date)"))
    settings.add_argument("changes", nargs="*", metavar="NAME=VALUE")
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

    user = with_db(commands.add_parser("user", help="add, change, remove or list accounts"))
    user.add_argument("action", choices=["add", "set", "remove", "list"])
    user.add_argument("name", nargs="?", help="the account's user name (add, set, remove)")
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
    if args.action == "remove":
        access.remove_user(store, args.name)
        print(f"account {args.name} removed")
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


def _load_mapping(text: str, store: Store, table: str) -> dict:
    """A mapping by file (JSON, as the Data page downloads it) or by name (saved on the Data page, or shipped)."""
    from hrcore.imports import shipped_mappings

    path = Path(text)
    if path.is_file() or path.suffix.lower() == ".json":
        if not path.is_file():
            raise ValueError(f"mapping: no file {text}")
        loaded = json.loads(path.read_text(encoding="utf-8"))
    else:
        named = {**shipped_mappings(table), **store.mappings(table)}  # one saved on the Data page comes first
        if text not in named:
            raise ValueError(f"mapping: no file and no mapping named {text!r} for {table}; "
                             f"named mappings: {', '.join(sorted(named)) or 'none yet (save one on the Data page)'}")
        loaded = named[text]
    if loaded.get("table") not in (None, table):
        raise ValueError(f"mapping: {text} is a mapping for {loaded['table']}, not {table}")
    return loaded


def _pair(item: str, option: str, form: str, last: bool = False) -> tuple[str, str]:
    left, sep, right = item.rpartition("=") if last else item.partition("=")
    if not sep or not left.strip():
        raise ValueError(f"{option} {item!r}: use {form}")
    return left.strip(), right.strip()


def _mapping(args, store: Store, columns: list[str]) -> tuple[dict, set[str]]:
    """The mapping the options describe, and the table columns mapped by suggestion (as the Data page suggests)."""
    from hrcore.imports import default_references, identity_mapping, key_column, suggest_mapping

    spec: dict = {"columns": {}, "values": {}, "derive": {}}
    suggested: set[str] = set()
    if args.mapping:
        loaded = _load_mapping(args.mapping, store, args.table)
        spec.update({k: v for k, v in loaded.items() if k not in spec and k not in ("table", "description")})
        for part in ("columns", "values", "derive"):
            spec[part].update(loaded.get(part) or {})
    elif not args.no_suggest:
        spec["columns"] = suggest_mapping(columns, args.table)
        suggested = set(spec["columns"])
    for item in args.map:
        source, target = _pair(item, "--map", "SOURCE=TARGET", last=True)
        if not target:
            raise ValueError(f"--map {item!r}: use SOURCE=TARGET")
        for other in [t for t, s in spec["columns"].items() if t in suggested and (s == source or t == target)]:
            del spec["columns"][other]  # a column the user placed is not also suggested elsewhere
            suggested.discard(other)
        spec["columns"][target] = source
    for item in args.value:
        target, _, pair = item.partition(":")
        old, sep, new = pair.partition("=")
        if not target or not sep:
            raise ValueError(f"--value {item!r}: use TARGET:FROM=TO")
        spec["values"].setdefault(target, {})[old] = new  # TO left empty: the value is stored as missing
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
    for item in args.set:
        target, value = _pair(item, "--set", "TARGET=VALUE")
        spec.setdefault("constants", {})[target] = value
    if args.generate_id is not None:
        column, sep, prefix = args.generate_id.rpartition("=")
        spec["generate_id"] = {"column": column.strip() if sep else key_column(args.table), "prefix": prefix.strip()}
    taken = {**spec.get("constants", {}), **({spec["generate_id"]["column"]: ""} if "generate_id" in spec else {})}
    for target in [t for t in spec["columns"] if t in suggested and t in taken]:
        del spec["columns"][target]  # --set and --generate-id give the column instead
        suggested.discard(target)
    if not args.mapping and not spec["columns"] and not spec["derive"]:  # a file headed as the table (an export)
        spec["columns"] = {t: s for t, s in identity_mapping(columns, args.table)["columns"].items() if t not in taken}
    if args.annual_pay:
        spec["pay_period"] = "annual"
    if args.create_references:
        spec["references"] = spec.get("references") or default_references(columns, spec)
    if args.date_order:
        spec["date_order"] = args.date_order
    if args.repeats:
        spec["repeats"] = args.repeats
    return spec, suggested


def _print_mapping(table: str, spec: dict, suggested: set[str]) -> None:
    """What goes where, in the table's column order: ``employee_id ← EmpID``."""
    order = {c: n for n, c in enumerate(TABLES[table].columns)}
    for target, source in sorted((spec.get("columns") or {}).items(), key=lambda pair: order.get(pair[0], -1)):
        print(f"{target} ← {source}" + ("  (suggested)" if target in suggested else ""), file=sys.stderr)
    for target, rule in (spec.get("derive") or {}).items():
        argument = rule.get("factor", rule.get("as_of"))
        print(f"{target} ← {rule.get('op')}({rule.get('source')}{'' if argument is None else f', {argument}'})",
              file=sys.stderr)
    for target, value in (spec.get("constants") or {}).items():
        print(f"{target} = {value}", file=sys.stderr)
    if rule := spec.get("generate_id"):
        print(f"{rule.get('column')} ← row number" + (f", prefix {rule['prefix']}" if rule.get("prefix") else ""),
              file=sys.stderr)


def _print_applied(plan) -> None:
    """What the mapping did beyond renaming columns, in the words of the Data page."""
    from hrcore import i18n
    from hrcore.imports import plan_notes

    applied = plan.applied
    for row in applied.translated.itertuples(index=False):
        stored = i18n.t("data.missing", "en") if row.stored_value is None else row.stored_value
        print("synonym: " + i18n.t("data.synonym_line", "en", column=row.column, file_value=row.file_value,
                                   stored=stored, rows=row.rows), file=sys.stderr)
    for line in plan_notes(plan, "en"):
        print(f"note: {line}", file=sys.stderr)


def _refused(args, problems) -> int:
    from hrcore.imports import PROBLEM_COLUMNS, problems_csv

    print(f"{len(problems)} problem(s) in {args.file.name}; nothing was written.", file=sys.stderr)
    print(problems.head(50)[["row", "column", "value", "reason"]].to_string(index=False), file=sys.stderr)
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
    spec, suggested = _mapping(args, store, list(raw.frame.columns))
    _print_mapping(args.table, spec, suggested)
    plan = plan_import(store, args.table, raw.frame, spec)
    for column, written in plan.date_formats.items():
        print(f"dates: {column} read as {written}", file=sys.stderr)
    from hrcore.i18n import import_note

    if plan.notes:
        for code, values in plan.notes:
            print(f"summary: {import_note(code, values, 'en')}", file=sys.stderr)
    for code, values in plan.warnings:
        print(f"note: {import_note(code, values, 'en')}", file=sys.stderr)
    if not plan.ok:
        guessed = sorted(suggested & set(plan.problems["column"]))
        if guessed:
            print(f"note: {', '.join(guessed)} mapped by suggestion; give --value translations, --map another "
                  "column to it, or --no-suggest to map only the columns you name", file=sys.stderr)
        return _refused(args, plan.problems)
    _print_applied(plan)
    if plan.applied.pay_check:
        print("note: base pay is stored as the file gives it; if that is a year's pay, import the file again "
              "with --annual-pay", file=sys.stderr)
    if not args.create_references and any(code == "unknown_references" for code, _ in plan.warnings):
        print("note: --create-references creates them from the file", file=sys.stderr)
    result = commit_rows(store, args.table, plan.rows, plan.applied.references)
    print(f"{args.table}: {result.inserted} new, {result.updated} changed, {result.unchanged} unchanged "
          f"({raw.encoding})")
    for name, frame in plan.applied.references.items():
        print(f"{name}: {len(frame)} new")
    return 0


def _settings(args, store: Store) -> int:
    from hrcore import company

    changes = dict(change.partition("=")[::2] for change in args.changes)
    malformed = [change for change in args.changes if "=" not in change]
    if malformed:
        raise ValueError(f"{', '.join(malformed)}: write each change as NAME=VALUE, e.g. as_of=2019-01-01")
    settings = company.save(store, **changes) if changes else company.load(store)
    as_of = company.as_of_date(store, settings)
    for name, value in settings.model_dump().items():
        shown = value if value is not None else (
            f"(not set: {as_of}, the latest date in the data)" if company.latest_event(store) else
            f"(not set: today, {as_of}, until the data hold dates)")
        print(f"{name:16s} {shown}")
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
            from hrcore.demo import DEFAULT_AS_OF, build_demo, reset_demo

            started = time.perf_counter()
            counts = reset_demo(store) if args.reset else build_demo(
                store, employees=args.employees, seed=args.seed, as_of=args.as_of or DEFAULT_AS_OF)
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
        elif args.command == "settings":
            return _settings(args, store)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
