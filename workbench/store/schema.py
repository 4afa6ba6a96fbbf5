"""The project schema, as forward migrations numbered by ``PRAGMA user_version``."""

from __future__ import annotations

import re

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
    # 2: change groups (an import, a find-and-replace, a batch: undone as one) and locks
    """
    CREATE TABLE change_groups (
        id INTEGER PRIMARY KEY,
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        reverts INTEGER REFERENCES change_groups(id)
    );
    CREATE INDEX change_groups_document ON change_groups(document_id, id);
    ALTER TABLE revisions ADD COLUMN group_id INTEGER REFERENCES change_groups(id);
    CREATE INDEX revisions_group ON revisions(group_id);
    CREATE TRIGGER revisions_group_append_only BEFORE UPDATE OF group_id ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    -- An approved segment is locked: its English changes only after an explicit unlock.
    ALTER TABLE segments ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
    -- A version-1 project's approved work (there were no locks) is locked as it upgrades.
    UPDATE segments SET locked = 1 WHERE status = 'approved';
    """,
    # 3: indexes that make per-segment look-ups and foreign-key cascades index seeks
    """
    -- A segment's link in a version: seek the segment's few links, then check each link's
    -- version by its id (the index holds link_id, so link_segments is never read).
    CREATE INDEX link_segments_segment_link ON link_segments(segment_id, link_id);
    DROP INDEX link_segments_segment;
    -- Deleting a version's sentences (re-importing a translation) cascades by sentence_id.
    CREATE INDEX link_sentences_sentence ON link_sentences(sentence_id);
    -- Undo looks for the revision that reverted another; deleting revisions checks it too.
    CREATE INDEX revisions_reverts ON revisions(reverts) WHERE reverts IS NOT NULL;
    -- Deleting a segment (a merge) cascades into every score run's scores by segment_id.
    CREATE INDEX segment_scores_segment ON segment_scores(segment_id);
    -- The latest score run of a version (the low-score filter).
    CREATE INDEX score_runs_version ON score_runs(version_id, id);
    """,
    # 4: spelling word list; LQA (MQM) errors and settings
    """
    -- Words the project knows (workbench spelling add): never flagged by the spell checker.
    CREATE TABLE spelling_words (
        id INTEGER PRIMARY KEY,
        word TEXT NOT NULL,
        folded TEXT NOT NULL UNIQUE,
        author TEXT NOT NULL,
        at TEXT NOT NULL
    );

    -- A reviewer's MQM error on a segment's working translation, kept with the revision (and
    -- the English) it was made on; removing one only marks it removed.
    CREATE TABLE lqa_errors (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        revision_id INTEGER REFERENCES revisions(id),
        target_text TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('neutral', 'minor', 'major', 'critical')),
        span_start INTEGER,
        span_end INTEGER,
        comment TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT,
        CHECK ((span_start IS NULL) = (span_end IS NULL)),
        CHECK (span_start IS NULL OR (0 <= span_start AND span_start < span_end))
    );
    CREATE INDEX lqa_errors_segment ON lqa_errors(segment_id);
    CREATE INDEX lqa_errors_revision ON lqa_errors(revision_id);

    -- LQA settings of the project: 'weight:SEVERITY' and 'threshold'.
    CREATE TABLE lqa_settings (
        key TEXT PRIMARY KEY,
        value REAL NOT NULL
    );
    """,
    # 5: bilingual dictionaries the project uses (files stay where the user keeps them)
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
    # 6: client documents: the original file of a document imported from DOCX, ODT, HTML,
    # Markdown or XLIFF, and the place and tag map of each of its paragraphs (blocks)
    """
    -- The original bytes the export 'original' writes back; one row per such document.
    CREATE TABLE document_sources (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        original BLOB NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        blocks INTEGER NOT NULL,
        filter_version INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    );
    -- A translatable paragraph of the original: segments.paragraph is its number. The tag
    -- map says what each placeholder of its segments stands for (JSON).
    CREATE TABLE source_blocks (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        paragraph INTEGER NOT NULL,
        place TEXT NOT NULL,
        kind TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (document_id, paragraph)
    ) WITHOUT ROWID;
    """,
    # 7: translation memory (issue 12): memories, their units, the project's own memory kept by
    # triggers, and the matching index (vocabulary codes, per-unit keys, posting lists)
    """
    CREATE TABLE tm_memories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('project', 'external')),
        source_path TEXT,
        created_at TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}'
    );
    -- Memory 1 is the project's own: one unit per confirmed segment.
    INSERT INTO tm_memories (id, name, kind, created_at)
        VALUES (1, 'project', 'project', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
    CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        memory_id INTEGER NOT NULL REFERENCES tm_memories(id) ON DELETE CASCADE,
        segment_id INTEGER,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at TEXT,
        created_by TEXT,
        changed_at TEXT,
        changed_by TEXT,
        status TEXT,
        tuid TEXT,
        context_prev TEXT,
        context_next TEXT,
        meta TEXT
    );
    CREATE INDEX tm_units_memory ON tm_units(memory_id);
    CREATE UNIQUE INDEX tm_units_segment ON tm_units(segment_id) WHERE segment_id IS NOT NULL;
    -- Matching data of each unit's source: the hash of its word sequence and its words and
    -- stems as code strings (one character a word; see workbench/tm/codes.py).
    CREATE TABLE tm_keys (
        unit_id INTEGER PRIMARY KEY,
        hash INTEGER NOT NULL,
        stems TEXT NOT NULL,
        words TEXT NOT NULL
    );
    CREATE INDEX tm_keys_hash ON tm_keys(hash);
    CREATE TABLE tm_tokens (
        code INTEGER PRIMARY KEY,
        token TEXT NOT NULL UNIQUE
    );
    -- Posting lists of stems: the ids (uint32) of the units holding a stem, their word counts
    -- (uint8) and, in pos (uint16), where the stem first is in each (high byte) and a hash of
    -- the word written there (low byte); in parts (one per about 100,000 imported units; small
    -- parts, grown in place, for the project memory).
    CREATE TABLE tm_postings (
        token INTEGER NOT NULL,
        memory_id INTEGER NOT NULL,
        part INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ids BLOB NOT NULL,
        lens BLOB NOT NULL,
        pos BLOB NOT NULL,
        PRIMARY KEY (token, memory_id, part)
    ) WITHOUT ROWID;
    -- Project units not indexed yet (the service indexes them before it matches).
    CREATE TABLE tm_pending (unit_id INTEGER PRIMARY KEY);
    -- Bumped whenever the posting lists change, so that caches know to forget.
    CREATE TABLE tm_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
    INSERT INTO tm_state VALUES (1, 0);

    CREATE TRIGGER tm_units_deleted AFTER DELETE ON tm_units
        BEGIN
            DELETE FROM tm_keys WHERE unit_id = OLD.id;
            DELETE FROM tm_pending WHERE unit_id = OLD.id;
        END;
    -- The project memory follows the working translations: every change of one is a revision.
    -- A confirmed (translated, reviewed, approved) text becomes or replaces the segment's unit;
    -- an undo or a status change back to new/draft withdraws it; plain draft edits (and locking
    -- or unlocking) keep it. (schema_postgres: the same, set-based, per statement.)
    CREATE TRIGGER tm_project_confirmed AFTER INSERT ON revisions
        WHEN NEW.new_status IN ('translated', 'reviewed', 'approved')
            AND trim(coalesce(NEW.new_text, '')) != '' AND NEW.action NOT IN ('lock', 'unlock')
        BEGIN
            UPDATE tm_units SET target = NEW.new_text, status = NEW.new_status,
                changed_at = NEW.at, changed_by = NEW.author
                WHERE segment_id = NEW.segment_id;
            INSERT INTO tm_units (memory_id, segment_id, source, target, created_at,
                                  created_by, changed_at, changed_by, status)
                SELECT 1, s.id, s.source, NEW.new_text, NEW.at, NEW.author, NEW.at,
                       NEW.author, NEW.new_status
                FROM segments s WHERE s.id = NEW.segment_id
                    AND NOT EXISTS (SELECT 1 FROM tm_units WHERE segment_id = NEW.segment_id);
            -- a unit not indexed yet waits for the service (imported units are indexed as
            -- they are written: no trigger on tm_units slows their import)
            INSERT OR IGNORE INTO tm_pending (unit_id)
                SELECT u.id FROM tm_units u WHERE u.segment_id = NEW.segment_id
                    AND NOT EXISTS (SELECT 1 FROM tm_keys k WHERE k.unit_id = u.id);
        END;
    CREATE TRIGGER tm_project_withdrawn AFTER INSERT ON revisions
        WHEN NEW.action IN ('undo', 'status')
            AND coalesce(NEW.new_status, 'new') NOT IN ('translated', 'reviewed', 'approved')
        BEGIN DELETE FROM tm_units WHERE segment_id = NEW.segment_id; END;
    CREATE TRIGGER tm_project_source AFTER UPDATE OF source ON segments
        WHEN NEW.source IS NOT OLD.source
        BEGIN DELETE FROM tm_units WHERE segment_id = NEW.id; END;
    CREATE TRIGGER tm_project_segment_deleted AFTER DELETE ON segments
        BEGIN DELETE FROM tm_units WHERE segment_id = OLD.id; END;

    -- Segments confirmed before this migration join the project memory now.
    INSERT INTO tm_units (memory_id, segment_id, source, target, created_at, created_by,
                          changed_at, changed_by, status)
        SELECT 1, s.id, s.source, t.text,
               (SELECT min(r.at) FROM revisions r WHERE r.segment_id = s.id),
               (SELECT r.author FROM revisions r WHERE r.segment_id = s.id ORDER BY r.id LIMIT 1),
               coalesce((SELECT max(r.at) FROM revisions r WHERE r.segment_id = s.id),
                        t.updated_at),
               (SELECT r.author FROM revisions r WHERE r.segment_id = s.id
                ORDER BY r.id DESC LIMIT 1),
               s.status
        FROM segments s
        JOIN versions v ON v.document_id = s.document_id AND v.name = 'working'
        JOIN translations t ON t.segment_id = s.id AND t.version_id = v.id
        WHERE s.status IN ('translated', 'reviewed', 'approved') AND trim(t.text) != '';
    INSERT INTO tm_pending (unit_id) SELECT id FROM tm_units WHERE segment_id IS NOT NULL;
    """,
    # 8: team work: each segment's revision (a stale edit is a conflict, never an overwrite)
    # and who has which segment open (presence, expiring heartbeats)
    """
    -- Grows with every change of a segment's working English, status or lock, whoever makes
    -- it (the triggers below): a save made on an older revision is a conflict.
    ALTER TABLE segments ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    CREATE TRIGGER segments_revision_status AFTER UPDATE OF status, locked ON segments
        WHEN NEW.revision = OLD.revision
            AND (NEW.status IS NOT OLD.status OR NEW.locked IS NOT OLD.locked)
        BEGIN UPDATE segments SET revision = revision + 1 WHERE id = NEW.id; END;
    CREATE TRIGGER translations_revision_insert AFTER INSERT ON translations
        WHEN EXISTS (SELECT 1 FROM versions WHERE id = NEW.version_id AND kind = 'working')
        BEGIN UPDATE segments SET revision = revision + 1 WHERE id = NEW.segment_id; END;
    CREATE TRIGGER translations_revision_update AFTER UPDATE OF text ON translations
        WHEN NEW.text IS NOT OLD.text
            AND EXISTS (SELECT 1 FROM versions WHERE id = NEW.version_id AND kind = 'working')
        BEGIN UPDATE segments SET revision = revision + 1 WHERE id = NEW.segment_id; END;
    CREATE TRIGGER translations_revision_delete AFTER DELETE ON translations
        WHEN EXISTS (SELECT 1 FROM versions WHERE id = OLD.version_id AND kind = 'working')
        BEGIN UPDATE segments SET revision = revision + 1 WHERE id = OLD.segment_id; END;

    -- One row per open client (a TUI): the segment it has open, refreshed by heartbeats; a
    -- row not refreshed for a while is ignored (a crashed client leaves no lock behind).
    CREATE TABLE presence (
        client TEXT PRIMARY KEY,
        author TEXT NOT NULL,
        document_id INTEGER,
        segment_id INTEGER,
        seen_at REAL NOT NULL
    );
    """,
    # 9: the English words of each external translation memory (issue 15: the spell checker
    # knows them); memories imported before this migration wait in tm_words_pending until
    # the service reads their English (SQL cannot cut it into words as the checker does)
    """
    CREATE TABLE tm_words (
        memory_id INTEGER NOT NULL REFERENCES tm_memories(id) ON DELETE CASCADE,
        word TEXT NOT NULL,
        PRIMARY KEY (memory_id, word)
    ) WITHOUT ROWID;
    CREATE TABLE tm_words_pending (
        memory_id INTEGER PRIMARY KEY REFERENCES tm_memories(id) ON DELETE CASCADE
    );
    INSERT INTO tm_words_pending (memory_id) SELECT id FROM tm_memories WHERE kind = 'external';
    """,
    # 10: a counter of the changes to what the QA checks of a segment read besides the segment
    # (glossary, spelling word list, dictionaries, external memories and their words): a
    # client keeps its glossary matcher and known words while it is unchanged (issue 14)
    """
    CREATE TABLE qa_stamp (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stamp INTEGER NOT NULL
    );
    INSERT INTO qa_stamp (id, stamp) VALUES (1, 0);
    CREATE TRIGGER glossary_qa_stamp_insert AFTER INSERT ON glossary
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER glossary_qa_stamp_update AFTER UPDATE ON glossary
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER glossary_qa_stamp_delete AFTER DELETE ON glossary
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER spelling_words_qa_stamp_insert AFTER INSERT ON spelling_words
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER spelling_words_qa_stamp_update AFTER UPDATE ON spelling_words
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER spelling_words_qa_stamp_delete AFTER DELETE ON spelling_words
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER dictionaries_qa_stamp_insert AFTER INSERT ON dictionaries
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER dictionaries_qa_stamp_update AFTER UPDATE ON dictionaries
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER dictionaries_qa_stamp_delete AFTER DELETE ON dictionaries
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_memories_qa_stamp_insert AFTER INSERT ON tm_memories
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_memories_qa_stamp_update AFTER UPDATE ON tm_memories
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_memories_qa_stamp_delete AFTER DELETE ON tm_memories
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_words_pending_qa_stamp_insert AFTER INSERT ON tm_words_pending
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_words_pending_qa_stamp_update AFTER UPDATE ON tm_words_pending
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    CREATE TRIGGER tm_words_pending_qa_stamp_delete AFTER DELETE ON tm_words_pending
        BEGIN UPDATE qa_stamp SET stamp = stamp + 1; END;
    """,
    # 11: what undoing an import takes back besides the English: the working alignment an
    # import of a translation as the working one replaced; the notes and LQA errors it added
    """
    CREATE TABLE replaced_alignments (
        group_id INTEGER PRIMARY KEY REFERENCES change_groups(id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        -- JSON: {"sentences": [[paragraph, text], ...], "links": [[[segment id, ...],
        -- [sentence idx, ...]], ...], "confidence": [...]}
        before TEXT NOT NULL,
        -- the digest of the alignment the group stored (undo restores only while it stands)
        after TEXT NOT NULL
    );
    -- the change group (an import) that brought a note or an LQA error: its undo takes them
    -- away with it
    ALTER TABLE notes ADD COLUMN group_id INTEGER REFERENCES change_groups(id);
    CREATE INDEX notes_group ON notes(group_id) WHERE group_id IS NOT NULL;
    ALTER TABLE lqa_errors ADD COLUMN group_id INTEGER REFERENCES change_groups(id);
    CREATE INDEX lqa_errors_group ON lqa_errors(group_id) WHERE group_id IS NOT NULL;
    """,
    # 12: an LQA error's id is never given again (reviewers name errors by id in `lqa remove`
    # and reports; an undo that deleted the newest errors gave their ids to the next ones);
    # an override stays when its text changes, in force again once the text is back (an undo)
    """
    DROP TRIGGER overrides_clear_on_update;
    ALTER TABLE lqa_errors RENAME TO lqa_errors_before_12;
    CREATE TABLE lqa_errors (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        revision_id INTEGER REFERENCES revisions(id),
        target_text TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('neutral', 'minor', 'major', 'critical')),
        span_start INTEGER,
        span_end INTEGER,
        comment TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT,
        group_id INTEGER REFERENCES change_groups(id),
        CHECK ((span_start IS NULL) = (span_end IS NULL)),
        CHECK (span_start IS NULL OR (0 <= span_start AND span_start < span_end))
    );
    INSERT INTO lqa_errors (id, segment_id, revision_id, target_text, category, severity,
        span_start, span_end, comment, author, at, removed_at, removed_by, group_id)
        SELECT id, segment_id, revision_id, target_text, category, severity, span_start,
        span_end, comment, author, at, removed_at, removed_by, group_id
        FROM lqa_errors_before_12;
    DROP TABLE lqa_errors_before_12;
    CREATE INDEX lqa_errors_segment ON lqa_errors(segment_id);
    CREATE INDEX lqa_errors_revision ON lqa_errors(revision_id);
    CREATE INDEX lqa_errors_group ON lqa_errors(group_id) WHERE group_id IS NOT NULL;
    """,
    # 13: the normalisation the memory's matching index was made with (workbench/tm/tokens.py
    # index_stamp; NULL: made before this migration); a writer re-indexes under another one
    """
    ALTER TABLE tm_state ADD COLUMN normalisation TEXT;
    """,
    # 14: where a segment a merge took away went (its history moved to the segment it was
    # merged into): `history` and `undo` of its id name the segment holding its history now
    """
    CREATE TABLE merged_segments (
        segment_id INTEGER PRIMARY KEY,  -- the segment merged away (in segments no more)
        merged_into INTEGER NOT NULL,    -- the segment it was merged into
        -- the segment holding its history now (merged_into, or what that was merged into)
        holder_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL
    );
    CREATE INDEX merged_segments_holder ON merged_segments(holder_id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def tables_of(version: int) -> set[str]:
    """The tables a project of schema ``version`` has (migrations add tables, never drop one)."""
    found: set[str] = set()
    for script in MIGRATIONS[:version]:
        found.update(re.findall(r"^\s*CREATE TABLE (\w+)", script, re.MULTILINE))
    return found
