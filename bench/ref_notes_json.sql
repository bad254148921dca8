-- ref_notes_json.sql: what `stemtui export notes --format json` writes,
-- one json_object per row as the sqlite3 CLI gives it (after
-- ref_factor_order.sql and ref_notes_rows.sql): group, about and author
-- null when empty, as stemtui writes them.  stemtui writes one array with
-- ", " and ": " between members: bench_exports.sh compares the objects.
SELECT json_object('id', id, 'programme', programme, 'session', session,
	'session_kind', session_kind, 'date', date, 'created_at', created_at,
	'updated_at', updated_at, 'kind', kind, 'group', nullif("group", ''),
	'about', nullif(about, ''), 'author', nullif(author, ''), 'text', text, 'tags', tags)
FROM note_rows;
