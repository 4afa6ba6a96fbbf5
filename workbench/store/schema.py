"""The project schema, as forward migrations numbered by ``PRAGMA user_version``."""

from __future__ import annotations

# Each entry upgrades the schema by one version; never edit a released entry, append.
MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        source_path TEXT,
        encoding TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        paragraph INTEGER NOT NULL,
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'draft', 'translated', 'reviewed', 'approved')),
        updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX segments_position ON segments(document_id, position);
    CREATE INDEX segments_status ON segments(document_id, status);

    -- A named English version of a document: 'working', 'reference:NAME', 'draft:NAME'.
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('working', 'reference', 'draft')),
        source_path TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (document_id, name)
    );
    -- The English sentences of an imported version, in document order.
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (version_id, idx)
    );
    -- An alignment link: a group of segments facing a group of sentences (either may be empty).
    CREATE TABLE links (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        confidence REAL NOT NULL,
        UNIQUE (version_id, idx)
    );
    CREATE TABLE link_segments (
        link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        PRIMARY KEY (link_id, segment_id)
    );
    CREATE INDEX link_segments_segment ON link_segments(segment_id);
    CREATE TABLE link_sentences (
        link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
        sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
        PRIMARY KEY (link_id, sentence_id)
    );
    -- The English of one segment in one version (for imported versions: its link's sentences).
    CREATE TABLE translations (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (segment_id, version_id)
    ) WITHOUT ROWID;
    CREATE INDEX translations_version ON translations(version_id);

    -- Append-only history of every change to a working translation.
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        old_text TEXT,
        new_text TEXT,
        old_status TEXT,
        new_status TEXT,
        reverts INTEGER REFERENCES revisions(id)
    );
    CREATE INDEX revisions_segment ON revisions(segment_id, id);
    -- Only segment_id may change: merging two segments re-points the history of the second.
    CREATE TRIGGER revisions_append_only_update BEFORE UPDATE OF
        id, at, author, action, old_text, new_text, old_status, new_status, reverts ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;

    CREATE TABLE glossary (
        id INTEGER PRIMARY KEY,
        term TEXT NOT NULL,
        rendering TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        forbidden TEXT NOT NULL DEFAULT '',
        UNIQUE (term, rendering)
    );

    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'comment',
        text TEXT NOT NULL
    );
    CREATE INDEX notes_segment ON notes(segment_id);

    -- A reviewer's or translator's acceptance of a QA finding; valid while the text is unchanged.
    CREATE TABLE overrides (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        term TEXT,
        reason TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        target_text TEXT NOT NULL
    );
    CREATE INDEX overrides_segment ON overrides(segment_id);
    -- An override holds only for the text it was made on: a changed text clears it.
    CREATE TRIGGER overrides_clear_on_update AFTER UPDATE OF text ON translations
        WHEN NEW.text IS NOT OLD.text
        BEGIN DELETE FROM overrides WHERE segment_id = NEW.segment_id
            AND version_id = NEW.version_id AND target_text IS NOT NEW.text; END;
    CREATE TRIGGER overrides_clear_on_delete AFTER DELETE ON translations
        BEGIN DELETE FROM overrides WHERE segment_id = OLD.segment_id
            AND version_id = OLD.version_id; END;

    -- Scoring runs of a version against references, and their per-segment scores.
    CREATE TABLE score_runs (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        refs TEXT NOT NULL,
        at TEXT NOT NULL,
        results TEXT NOT NULL
    );
    CREATE TABLE segment_scores (
        run_id INTEGER NOT NULL REFERENCES score_runs(id) ON DELETE CASCADE,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        bleu REAL,
        chrf REAL,
        ter REAL,
        PRIMARY KEY (run_id, segment_id)
    ) WITHOUT ROWID;
    """,
    # bilingual dictionaries the project uses (files stay where the user keeps them)
    """
    CREATE TABLE dictionaries (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        headwords INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
