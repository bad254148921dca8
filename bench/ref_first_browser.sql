-- ref_first_browser.sql: the SQL of the programme browser's first screen
-- (stemtui started on a network's database), for bench_keys to run in
-- the sqlite3 CLI beside it: the statements stemtui's trace shows, in its
-- order, with the values it binds written in (the newest programme, no
-- kind or filter, a screenful of 30 rows, the first row's position, no
-- draft).  The branches of a filter stemtui leaves empty ("?8 IS NULL OR
-- instr(st_fold(...))") are left out: the sqlite3 CLI has no st_fold.
SELECT p.id, p.name, p.school_year, p.description,
	(SELECT count(*) FROM session s WHERE s.programme_id = p.id)
FROM programme p ORDER BY p.school_year DESC, p.id DESC LIMIT 1;
SELECT s.id, s.programme_id, s.code, s.code_key, s.kind, s.title, s.date, s.start_time,
	s.end_time, s.venue, s.street, s.postcode, s.city, s.room, s.report_title, s.report_url,
	coalesce(o.name, ''), s.remark
FROM session s LEFT JOIN organisation o ON o.id = s.host_org_id
WHERE s.programme_id = (SELECT id FROM programme ORDER BY school_year DESC, id DESC LIMIT 1)
ORDER BY s.code_key, s.id LIMIT 30;
SELECT count(*) FROM session s LEFT JOIN organisation o ON o.id = s.host_org_id
WHERE s.programme_id = (SELECT id FROM programme ORDER BY school_year DESC, id DESC LIMIT 1);
SELECT count(*) FROM session s LEFT JOIN organisation o ON o.id = s.host_org_id
WHERE s.programme_id = (SELECT id FROM programme ORDER BY school_year DESC, id DESC LIMIT 1)
	AND (s.code_key, s.id) < ('', 0);
SELECT key, body, kind, group_label, saved_at FROM draft
WHERE (key GLOB 'session:[0-9]*:*' OR key GLOB 'note:[0-9]*:*')
	AND substr(key, instr(key, ':') + 1 + instr(substr(key, instr(key, ':') + 1), ':')) = 'x'
ORDER BY seq DESC LIMIT 20;
