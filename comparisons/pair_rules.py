"""Database triggers for the rules that span two tables.

A comparison's two codes must belong to the comparison's family and be stored lower number first
(two meanings of one number ordered by slug). CHECK constraints cannot look into another table, so
triggers enforce both on SQLite and PostgreSQL; Comparison.clean() explains them to editors.

SQLite rebuilds a table to alter it, and refuses while a trigger names the table being rebuilt, so on
SQLite the triggers are dropped before every `migrate` and created again after it (see apps.py).
"""

MESSAGE = "comparison codes must belong to its family and be stored lower number first"

SQLITE_CONDITION = """
    (SELECT family_id FROM codes_statuscode WHERE id = NEW.code_a_id) != NEW.family_id
    OR (SELECT family_id FROM codes_statuscode WHERE id = NEW.code_b_id) != NEW.family_id
    OR (SELECT number FROM codes_statuscode WHERE id = NEW.code_a_id)
       > (SELECT number FROM codes_statuscode WHERE id = NEW.code_b_id)
    OR ((SELECT number FROM codes_statuscode WHERE id = NEW.code_a_id)
        = (SELECT number FROM codes_statuscode WHERE id = NEW.code_b_id)
        AND (SELECT slug FROM codes_statuscode WHERE id = NEW.code_a_id)
            >= (SELECT slug FROM codes_statuscode WHERE id = NEW.code_b_id))
"""

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER IF NOT EXISTS comparison_pair_{event.lower()}
    BEFORE {event} ON comparisons_comparison
    FOR EACH ROW WHEN {SQLITE_CONDITION}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS comparison_pair_insert;",
    "DROP TRIGGER IF EXISTS comparison_pair_update;",
]

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION comparison_pair_check() RETURNS trigger AS $$
    DECLARE
        a_family bigint; a_number integer; a_slug text;
        b_family bigint; b_number integer; b_slug text;
    BEGIN
        SELECT family_id, number, slug INTO a_family, a_number, a_slug
            FROM codes_statuscode WHERE id = NEW.code_a_id;
        SELECT family_id, number, slug INTO b_family, b_number, b_slug
            FROM codes_statuscode WHERE id = NEW.code_b_id;
        IF a_family <> NEW.family_id OR b_family <> NEW.family_id
           OR a_number > b_number OR (a_number = b_number AND a_slug COLLATE "C" >= b_slug COLLATE "C") THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER comparison_pair_check
    BEFORE INSERT OR UPDATE ON comparisons_comparison
    FOR EACH ROW EXECUTE FUNCTION comparison_pair_check();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS comparison_pair_check ON comparisons_comparison;",
    "DROP FUNCTION IF EXISTS comparison_pair_check();",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
}


def install(connection) -> None:
    statements = STATEMENTS.get(connection.vendor)
    if statements is None:
        raise RuntimeError(f"No pair triggers for {connection.vendor}.")
    with connection.cursor() as cursor:
        for sql in statements[0]:
            cursor.execute(sql)


def remove(connection) -> None:
    statements = STATEMENTS.get(connection.vendor)
    if statements is None:
        return
    with connection.cursor() as cursor:
        for sql in statements[1]:
            cursor.execute(sql)
