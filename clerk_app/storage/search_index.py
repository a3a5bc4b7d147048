"""The full-text index behind name search (owned by the search module).

An external-content FTS5 table over ``voters.name_key`` kept in step by triggers, so every
writer of ``voters`` (import, add on the day) keeps the index right without knowing it exists.
"""

from __future__ import annotations

from sqlite_utils import Database


def create(db: Database) -> None:
    db.execute(
        """
        CREATE VIRTUAL TABLE voters_fts USING fts5(
            name_key,
            content='voters', content_rowid='list_no',
            tokenize='unicode61 remove_diacritics 0',
            prefix='1 2 3'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER voters_fts_ai AFTER INSERT ON voters BEGIN
            INSERT INTO voters_fts(rowid, name_key) VALUES (new.list_no, new.name_key);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER voters_fts_ad AFTER DELETE ON voters BEGIN
            INSERT INTO voters_fts(voters_fts, rowid, name_key) VALUES ('delete', old.list_no, old.name_key);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER voters_fts_au AFTER UPDATE OF name_key ON voters BEGIN
            INSERT INTO voters_fts(voters_fts, rowid, name_key) VALUES ('delete', old.list_no, old.name_key);
            INSERT INTO voters_fts(rowid, name_key) VALUES (new.list_no, new.name_key);
        END
        """
    )
