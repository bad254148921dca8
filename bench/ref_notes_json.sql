-- ref_notes_json.sql: what `stemtui export notes --format json` writes,
-- one json_object per row as the sqlite3 CLI gives it (sqlite3 -list):
-- the rows of ref_notes_csv.sql, with group, about and author null when
-- empty, as stemtui writes them.  stemtui writes one array with ", "
-- and ": " between members: bench_exports.sh compares the objects.
WITH RECURSIVE tree(id, code, path) AS (
	SELECT id, code, printf('%010d.%019d', position, id) FROM factor WHERE parent_id IS NULL
	UNION ALL
	SELECT f.id, f.code, tree.path || '/' || printf('%010d.%019d', f.position, f.id)
	FROM factor f JOIN tree ON f.parent_id = tree.id),
ranked(id, code, rank) AS MATERIALIZED (
	SELECT id, code, row_number() OVER (ORDER BY path) FROM tree)
SELECT json_object('id', n.id, 'programme', pr.name, 'session', s.code,
	'session_kind', s.kind, 'date', n.session_date, 'created_at', n.created_at,
	'updated_at', n.updated_at, 'kind', n.kind, 'group', nullif(n.group_label, ''),
	'about', nullif(coalesce(p.first_name || ' ' || p.last_name, o.name, ''), ''),
	'author', nullif(n.author, ''), 'text', n.body,
	'tags', coalesce((SELECT group_concat(x.code || CASE x.polarity WHEN 1 THEN '+'
			WHEN -1 THEN '-' ELSE '' END, ' ')
		FROM (SELECT r.code, t.polarity FROM tag t JOIN ranked r ON r.id = t.factor_id
			WHERE t.note_id = n.id ORDER BY r.rank) x), ''))
FROM note n CROSS JOIN session s ON s.id = n.session_id
JOIN programme pr ON pr.id = s.programme_id
LEFT JOIN person p ON p.id = n.about_person_id
LEFT JOIN organisation o ON o.id = n.about_org_id
WHERE n.deleted_at IS NULL
ORDER BY n.created_at, n.id;
