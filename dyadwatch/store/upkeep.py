"""Removing and replacing stored articles with everything derived from them, in portable SQL.

Why one module for both backends: ``forget`` and ``recode`` must leave the same store on DuckDB and PostgreSQL,
so the statements are written once here (``?`` placeholders) and each backend only supplies its transaction and
its bulk insert (``DuckDBStore.rewrite``, ``PostgresStore.rewrite``).

What "everything derived" means: an article's events, their cause -> response links, their memberships in event
groups, and the groups themselves. A group can hold mentions of other articles too; such a group is dissolved and
its surviving mentions' articles are marked ungrouped (``grouped_articles``), so the next grouping run, which every
command that reads groups starts with, places them again. Within the rewrite's transaction the store is never left
with a membership pointing at a removed event, nor a group counting a removed mention.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Execute = Callable[[str, Sequence[Any]], Any]


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def remove_derived(execute: Execute, hashes: Sequence[str]) -> None:
    """Delete the articles ``hashes`` and everything derived from them; dissolve the groups they touched.

    Runs inside the caller's transaction. The touched groups are looked up once and then deleted by key, so the
    cost follows the batch, not the store (no anti-join over every membership).
    """
    if not hashes:
        return
    marks = _marks(len(hashes))
    params = list(hashes)
    touched = sorted({str(r[0]) for r in execute(
        "SELECT DISTINCT m.group_id FROM event_group_members m JOIN events e ON e.event_id = m.event_id "
        f"WHERE e.content_hash IN ({marks})", params).fetchall()})
    for i in range(0, len(touched), 1000):
        groups = touched[i:i + 1000]
        in_groups = _marks(len(groups))
        # Articles whose mentions share a dissolved group: grouping must place them again.
        execute("DELETE FROM grouped_articles WHERE content_hash IN (SELECT e.content_hash FROM events e "
                f"JOIN event_group_members m ON m.event_id = e.event_id WHERE m.group_id IN ({in_groups}))", groups)
        execute(f"DELETE FROM event_group_members WHERE group_id IN ({in_groups})", groups)
        execute(f"DELETE FROM event_groups WHERE group_id IN ({in_groups})", groups)
    execute(f"DELETE FROM event_group_members WHERE event_id IN (SELECT event_id FROM events "
            f"WHERE content_hash IN ({marks}))", params)
    for table in ("grouped_articles", "event_links", "events", "recode_pending", "articles"):
        execute(f"DELETE FROM {table} WHERE content_hash IN ({marks})", params)


# --- check -----------------------------------------------------------------------------------------------------
# Each finding: a name, the query counting it, and the repair (statements) when one is safe without the coder.
CHECKS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "events-without-article",
        "events whose article is not stored",
        "SELECT count(*) AS n FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.content_hash = e.content_hash)",
        ("DELETE FROM event_group_members WHERE event_id IN (SELECT e.event_id FROM events e WHERE NOT EXISTS "
         "(SELECT 1 FROM articles a WHERE a.content_hash = e.content_hash))",
         "DELETE FROM events WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.content_hash = events.content_hash)"),
    ),
    (
        "links-without-event",
        "cause -> response links whose article is not stored",
        "SELECT count(*) AS n FROM event_links l WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.content_hash = l.content_hash)",
        ("DELETE FROM event_links WHERE NOT EXISTS "
         "(SELECT 1 FROM articles a WHERE a.content_hash = event_links.content_hash)",),
    ),
    (
        "members-without-event",
        "group memberships of events that are not stored",
        "SELECT count(*) AS n FROM event_group_members m WHERE NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.event_id = m.event_id)",
        # The group loses a member: dissolve it and let grouping place its other mentions again.
        ("DELETE FROM grouped_articles WHERE content_hash IN (SELECT e.content_hash FROM events e "
         "JOIN event_group_members m ON m.event_id = e.event_id WHERE m.group_id IN (SELECT m2.group_id FROM "
         "event_group_members m2 WHERE NOT EXISTS (SELECT 1 FROM events e2 WHERE e2.event_id = m2.event_id)))",
         "DELETE FROM event_groups WHERE group_id IN (SELECT m2.group_id FROM event_group_members m2 WHERE NOT "
         "EXISTS (SELECT 1 FROM events e2 WHERE e2.event_id = m2.event_id))",
         "DELETE FROM event_group_members WHERE NOT EXISTS "
         "(SELECT 1 FROM event_groups g WHERE g.group_id = event_group_members.group_id)"),
    ),
    (
        "members-without-group",
        "group memberships whose group is not stored",
        "SELECT count(*) AS n FROM event_group_members m WHERE NOT EXISTS "
        "(SELECT 1 FROM event_groups g WHERE g.group_id = m.group_id)",
        ("DELETE FROM grouped_articles WHERE content_hash IN (SELECT e.content_hash FROM events e "
         "JOIN event_group_members m ON m.event_id = e.event_id WHERE NOT EXISTS "
         "(SELECT 1 FROM event_groups g WHERE g.group_id = m.group_id))",
         "DELETE FROM event_group_members WHERE NOT EXISTS "
         "(SELECT 1 FROM event_groups g WHERE g.group_id = event_group_members.group_id)"),
    ),
    (
        "groups-without-members",
        "event groups without a single mention",
        "SELECT count(*) AS n FROM event_groups g WHERE NOT EXISTS "
        "(SELECT 1 FROM event_group_members m WHERE m.group_id = g.group_id)",
        ("DELETE FROM event_groups WHERE NOT EXISTS "
         "(SELECT 1 FROM event_group_members m WHERE m.group_id = event_groups.group_id)",),
    ),
    (
        "events-in-several-groups",
        "mentions placed in more than one event group",
        "SELECT count(*) AS n FROM (SELECT event_id FROM event_group_members GROUP BY event_id "
        "HAVING count(*) > 1) t",
        ("DELETE FROM grouped_articles WHERE content_hash IN (SELECT e.content_hash FROM events e JOIN "
         "event_group_members m ON m.event_id = e.event_id WHERE m.group_id IN (SELECT group_id FROM "
         "event_group_members WHERE event_id IN (SELECT event_id FROM event_group_members GROUP BY event_id "
         "HAVING count(*) > 1)))",
         "DELETE FROM event_groups WHERE group_id IN (SELECT group_id FROM event_group_members WHERE event_id IN "
         "(SELECT event_id FROM event_group_members GROUP BY event_id HAVING count(*) > 1))",
         "DELETE FROM event_group_members WHERE NOT EXISTS "
         "(SELECT 1 FROM event_groups g WHERE g.group_id = event_group_members.group_id)"),
    ),
    (
        "ungrouped-events",
        "countable mentions of grouped articles that are in no event group",
        "SELECT count(*) AS n FROM events e WHERE NOT e.negated AND NOT e.hypothetical "
        "AND EXISTS (SELECT 1 FROM grouped_articles ga WHERE ga.content_hash = e.content_hash) "
        "AND NOT EXISTS (SELECT 1 FROM event_group_members m WHERE m.event_id = e.event_id)",
        ("DELETE FROM grouped_articles WHERE content_hash IN (SELECT e.content_hash FROM events e "
         "WHERE NOT e.negated AND NOT e.hypothetical AND NOT EXISTS "
         "(SELECT 1 FROM event_group_members m WHERE m.event_id = e.event_id))",),
    ),
    (
        "marks-without-article",
        "grouping marks of articles that are not stored",
        "SELECT count(*) AS n FROM grouped_articles g WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.content_hash = g.content_hash)",
        ("DELETE FROM grouped_articles WHERE NOT EXISTS "
         "(SELECT 1 FROM articles a WHERE a.content_hash = grouped_articles.content_hash)",),
    ),
)
