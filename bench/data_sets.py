"""The two data sets: fresh databases for them (in bench/run.py's process), and building each one (in a
child process, inside Django): *small* is content/ as ``load_content`` loads it, *scale* adds every pair
of codes and every text in all 12 languages (bench/scale_data.py).
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from bench.common import ASSEMBLED_PAIR, BASE_DIR, PG_DATABASES, WORK_DIR, local_only, setup_django


def prepare_databases(args) -> dict[str, str]:
    """Fresh, empty databases for both data sets; their URLs."""
    if args.db == "sqlite":
        urls = {}
        for kind in PG_DATABASES:
            path = WORK_DIR / f"{kind}.sqlite3"
            if not args.keep_data:
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            urls[kind] = f"sqlite:///{path}"
        return urls
    import psycopg

    server = local_only(args.postgres.rstrip("/"))
    if not args.keep_data:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            for name in PG_DATABASES.values():
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
    return {kind: f"{server}/{name}" for kind, name in PG_DATABASES.items()}


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def database_size() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return Path(connection.settings_dict["NAME"]).stat().st_size


def child_build(kind: str, out: Path) -> None:
    setup_django()
    from django.core.management import call_command

    from codes.models import StatusCode
    from comparisons.models import Comparison

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    if kind == "small":
        call_command("load_content", path=str(BASE_DIR / "content"), stdout=io.StringIO())
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as the scale set does: both planned from fresh statistics
        report = {
            "codes": StatusCode.objects.count(),
            "comparisons": Comparison.objects.count(),
            "published": Comparison.objects.published().count(),
            "drafts": [],
            "seconds": time.perf_counter() - started - migrated,
        }
    else:
        from bench import scale_data

        built = scale_data.build(content=BASE_DIR / "content", drafts=[ASSEMBLED_PAIR])
        report = {
            "codes": built.codes,
            "comparisons": built.comparisons,
            "published": built.published,
            "drafts": built.drafts,
            "code_texts_generated": built.code_texts_generated,
            "comparison_texts_generated": built.comparison_texts_generated,
            "seconds": built.seconds,
        }
    report.update(migrate_seconds=migrated, database=database_version(), bytes=database_size())
    out.write_text(json.dumps(report))
