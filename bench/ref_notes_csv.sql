-- ref_notes_csv.sql: what `stemtui export notes --format csv` writes, as
-- sqlite3 -csv -header gives it (after ref_factor_order.sql and
-- ref_notes_rows.sql).  sqlite3 quotes more cells than stemtui (any with
-- a space or a letter outside ASCII) and stemtui puts ' before a cell
-- that starts like a formula: bench_exports.sh compares the cells.
SELECT * FROM note_rows;
