-- BI: read-only views with plain SQL types (text, date, numeric, integer, boolean; Chinese names
-- as text columns, no JSON to unpack) for tools that speak SQL (Metabase, Superset, DBeaver,
-- Power BI), a function for the lists as of one date, stored score snapshots (scores are computed
-- by the core, in TypeScript: the API stores what it computed, with the knowledge time it
-- reflects), and a role that may read the views and nothing else. Every view carries county_id.
-- docs/bi.md describes every view and column.

-- CreateTable
CREATE TABLE "score_snapshot" (
    "county_id" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "plan_id" TEXT NOT NULL,
    "county_revision" BIGINT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "score_snapshot_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "township_score" (
    "county_id" TEXT NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "township_name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "core_score" DECIMAL(20,6) NOT NULL,
    "collaborative_score" DECIMAL(20,6) NOT NULL,
    "total_score" DECIMAL(20,6) NOT NULL,
    "grade" TEXT NOT NULL,
    "grade_reason" TEXT NOT NULL,

    CONSTRAINT "township_score_pkey" PRIMARY KEY ("county_id","snapshot_id","township_code")
);

-- CreateTable
CREATE TABLE "department_score" (
    "county_id" TEXT NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "department_code" TEXT NOT NULL,
    "department_name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "total_score" DECIMAL(20,6) NOT NULL,
    "grade" TEXT NOT NULL,
    "grade_reason" TEXT NOT NULL,

    CONSTRAINT "department_score_pkey" PRIMARY KEY ("county_id","snapshot_id","department_code")
);

-- CreateIndex
CREATE INDEX "score_snapshot_county_id_year_id_idx" ON "score_snapshot"("county_id", "year", "id");

-- AddForeignKey
ALTER TABLE "score_snapshot" ADD CONSTRAINT "score_snapshot_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "township_score" ADD CONSTRAINT "township_score_county_id_snapshot_id_fkey" FOREIGN KEY ("county_id", "snapshot_id") REFERENCES "score_snapshot"("county_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "department_score" ADD CONSTRAINT "department_score_county_id_snapshot_id_fkey" FOREIGN KEY ("county_id", "snapshot_id") REFERENCES "score_snapshot"("county_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The Chinese names of the codes (the core's LIST_TYPE_NAMES, ROLE_NAMES, WHISTLE_*_NAMES; the
-- determination sheet's names of TEMPORARY and OFF_LIST). IMMUTABLE: inlined into the views.
CREATE FUNCTION "bi_list_type_name"(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE code
    WHEN 'BASIC' THEN '基本履职事项'
    WHEN 'COOPERATIVE' THEN '配合履职事项'
    WHEN 'RECLAIMED' THEN '上级部门收回事项'
    WHEN 'TEMPORARY' THEN '临时性工作任务'
    WHEN 'OFF_LIST' THEN '清单外事项'
  END
$$;

CREATE FUNCTION "bi_role_name"(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE code WHEN 'PRIMARY' THEN '主要责任' WHEN 'SECONDARY' THEN '次要责任' WHEN 'NONE' THEN '不承担责任' END
$$;

CREATE FUNCTION "bi_party_kind_name"(code text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE code WHEN 'TOWNSHIP' THEN '乡镇(街道)' WHEN 'DEPARTMENT' THEN '县级部门' WHEN 'DESK' THEN '12345热线派单席' END
$$;

-- The versions of each township's lists (L2, the core's listVersionAsOf): every publication or
-- adjustment that opened or closed one of its entries is a change, dated by its earliest effect;
-- version n is in force from the n-th change (by date, then id) until the next.
CREATE VIEW "list_version" AS
WITH change AS (
  SELECT county_id, township_code, change_id, min(effective_from) AS effective_from
  FROM (
    SELECT county_id, township_code, opened_by AS change_id, effective_from FROM list_entry
    UNION ALL
    SELECT county_id, township_code, closed_by, effective_to FROM list_entry
    WHERE closed_by IS NOT NULL AND effective_to IS NOT NULL
  ) AS events
  GROUP BY county_id, township_code, change_id
), numbered AS (
  SELECT change.*,
    row_number() OVER w AS version_number,
    lead(effective_from) OVER w AS next_from
  FROM change
  WINDOW w AS (PARTITION BY county_id, township_code ORDER BY effective_from, change_id COLLATE "C")
)
SELECT n.county_id, n.township_code, t.name AS township_name,
  n.version_number::integer AS version_number, n.change_id,
  CASE WHEN p.id IS NOT NULL THEN 'PUBLICATION' WHEN a.id IS NOT NULL THEN 'ADJUSTMENT' END AS change_kind,
  CASE WHEN p.id IS NOT NULL THEN '清单公布' WHEN a.id IS NOT NULL THEN '清单调整' END AS change_kind_name,
  COALESCE(p.title, a.title) AS change_title,
  p.document_no AS change_document_no,
  n.effective_from AS valid_from,
  -- several changes taking effect on one day: only the last is in force (the others: [d, d))
  n.next_from AS valid_to,
  COALESCE(p.recorded_on, a.publication_recorded_on) AS recorded_on
FROM numbered n
  JOIN township t ON t.county_id = n.county_id AND t.code = n.township_code
  LEFT JOIN list_publication p ON p.county_id = n.county_id AND p.id = n.change_id
  LEFT JOIN adjustment a ON a.county_id = n.county_id AND a.id = n.change_id;

-- Every list entry with its interval [valid_from, valid_to) (L1, L2; valid_to null: open), as
-- stored now — backdated adjustments included. opened_recorded_on / closed_recorded_on are the
-- knowledge times of the change that opened / closed it.
CREATE VIEW "list_entry_fact" AS
SELECT e.county_id, c.name AS county_name, e.id AS entry_id,
  e.township_code, t.name AS township_name, t.kind AS township_kind,
  e.item_code, e.content->>'name' AS item_name, e.content->>'category' AS item_category,
  e.type::text AS list_type, bi_list_type_name(e.type::text) AS list_type_name,
  e.effective_from AS valid_from, e.effective_to AS valid_to,
  e.opened_by, COALESCE(op.title, oa.title) AS opened_by_title,
  CASE WHEN op.id IS NOT NULL THEN 'PUBLICATION' WHEN oa.id IS NOT NULL THEN 'ADJUSTMENT' END AS opened_by_kind,
  op.document_no AS opened_by_document_no,
  COALESCE(op.recorded_on, oa.publication_recorded_on) AS opened_recorded_on,
  e.closed_by, ca.title AS closed_by_title, ca.publication_recorded_on AS closed_recorded_on,
  lead.codes AS lead_department_codes, lead.names AS lead_department_names,
  e.terms->>'receivingDepartment' AS receiving_department_code, rd.name AS receiving_department_name
FROM list_entry e
  JOIN county c ON c.id = e.county_id
  JOIN township t ON t.county_id = e.county_id AND t.code = e.township_code
  LEFT JOIN list_publication op ON op.county_id = e.county_id AND op.id = e.opened_by
  LEFT JOIN adjustment oa ON oa.county_id = e.county_id AND oa.id = e.opened_by
  LEFT JOIN adjustment ca ON ca.county_id = e.county_id AND ca.id = e.closed_by
  LEFT JOIN department rd ON rd.county_id = e.county_id AND rd.code = e.terms->>'receivingDepartment'
  LEFT JOIN LATERAL (
    SELECT string_agg(l.code, ',' ORDER BY l.n) AS codes,
      string_agg(COALESCE(d.name, l.code), '、' ORDER BY l.n) AS names
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.terms->'leadDepartments') = 'array'
        THEN e.terms->'leadDepartments' ELSE '[]'::jsonb END) WITH ORDINALITY AS l(code, n)
      LEFT JOIN department d ON d.county_id = e.county_id AND d.code = l.code
  ) AS lead ON true;

-- The lists of a county's townships as they stood on one day (the core's listsAsOf): the entries
-- in force, each with the township's list version that day. An entry closed later shows open, as
-- the lists of that day did (entryAsOf).
CREATE FUNCTION "lists_as_of"(county text, on_date date)
RETURNS TABLE (
  county_id text, township_code text, township_name text, item_code text, item_name text,
  item_category text, list_type text, list_type_name text, entry_id text, valid_from date,
  valid_to date, opened_by text, opened_by_title text, lead_department_codes text,
  lead_department_names text, receiving_department_code text, receiving_department_name text,
  version_number integer, version_change_id text, version_change_title text, as_of date
)
LANGUAGE sql STABLE AS $$
  SELECT f.county_id, f.township_code, f.township_name, f.item_code, f.item_name, f.item_category,
    f.list_type, f.list_type_name, f.entry_id, f.valid_from,
    CASE WHEN f.closed_by IS NOT NULL THEN NULL ELSE f.valid_to END,
    f.opened_by, f.opened_by_title, f.lead_department_codes, f.lead_department_names,
    f.receiving_department_code, f.receiving_department_name,
    COALESCE(v.version_number, 0), v.change_id, v.change_title, on_date
  FROM list_entry_fact f
    LEFT JOIN list_version v ON v.county_id = f.county_id AND v.township_code = f.township_code
      AND v.valid_from <= on_date AND (v.valid_to IS NULL OR on_date < v.valid_to)
  WHERE f.county_id = county AND f.valid_from <= on_date AND (f.valid_to IS NULL OR on_date < f.valid_to)
$$;

-- Score snapshots: the latest per county and year (township_score_fact, department_score_fact),
-- and every one (…_history). A snapshot is what the core computed from everything stored at
-- computed_at (knowledge time); is_current says whether the county was written since.
CREATE VIEW "township_score_history" AS
SELECT s.county_id, c.name AS county_name, s.year, s.plan_id, s.id AS snapshot_id, s.computed_at,
  s.county_revision, s.county_revision = COALESCE(r.revision, 0) AS is_current,
  ts.township_code, ts.township_name, t.kind AS township_kind, ts.rank,
  trim_scale(ts.core_score) AS core_score, trim_scale(ts.collaborative_score) AS collaborative_score,
  trim_scale(ts.total_score) AS total_score, ts.grade, ts.grade_reason
FROM score_snapshot s
  JOIN county c ON c.id = s.county_id
  JOIN township_score ts ON ts.county_id = s.county_id AND ts.snapshot_id = s.id
  LEFT JOIN township t ON t.county_id = ts.county_id AND t.code = ts.township_code
  LEFT JOIN county_revision r ON r.county_id = s.county_id;

CREATE VIEW "department_score_history" AS
SELECT s.county_id, c.name AS county_name, s.year, s.plan_id, s.id AS snapshot_id, s.computed_at,
  s.county_revision, s.county_revision = COALESCE(r.revision, 0) AS is_current,
  ds.department_code, ds.department_name, ds.rank, trim_scale(ds.total_score) AS total_score, ds.grade,
  ds.grade_reason
FROM score_snapshot s
  JOIN county c ON c.id = s.county_id
  JOIN department_score ds ON ds.county_id = s.county_id AND ds.snapshot_id = s.id
  LEFT JOIN county_revision r ON r.county_id = s.county_id;

CREATE VIEW "township_score_fact" AS
SELECT h.* FROM township_score_history h
WHERE h.snapshot_id = (SELECT max(s.id) FROM score_snapshot s WHERE s.county_id = h.county_id AND s.year = h.year);

CREATE VIEW "department_score_fact" AS
SELECT h.* FROM department_score_history h
WHERE h.snapshot_id = (SELECT max(s.id) FROM score_snapshot s WHERE s.county_id = h.county_id AND s.year = h.year);

-- Stored determinations, one row per party × case (A1–A11), with the item, the list and the list
-- version they cite. recorded_at is the knowledge time: a stored case is never rewritten.
CREATE VIEW "determination_party_fact" AS
SELECT d.county_id, d.decision_id, d.township_code, t.name AS township_name, d.date AS failure_date,
  d.failure->'subject'->>'kind' AS subject_kind,
  COALESCE(d.result->'entry'->>'itemCode', d.failure->'subject'->>'itemCode') AS item_code,
  COALESCE(d.result->'entry'->'content'->>'name', i.name) AS item_name,
  d.failure->'subject'->>'description' AS matter,
  d.list_type, bi_list_type_name(d.list_type) AS list_type_name,
  d.result->'entry'->>'id' AS entry_id,
  (d.result->'entry'->>'effectiveFrom')::date AS entry_valid_from,
  (d.result->'listVersion'->>'number')::integer AS list_version_number,
  d.result->'listVersion'->>'changeId' AS list_version_change_id,
  (d.result->'listVersion'->>'effectiveFrom')::date AS list_version_valid_from,
  d.result->'temporaryTask'->>'id' AS temporary_task_id,
  (d.result->>'knownOn')::date AS known_on,
  p.party_kind::text AS party_kind, bi_party_kind_name(p.party_kind::text) AS party_kind_name,
  p.party_code, COALESCE(pt.name, pd.name, p.party_code) AS party_name,
  p.role::text AS role_code, bi_role_name(p.role::text) AS role_name,
  array_to_string(p.rule_ids, ',') AS rule_ids, array_to_string(p.factors, ',') AS factors,
  p.reason, p.explanation, d.result->>'summary' AS summary, d.recorded_at
FROM determination d
  JOIN determination_party p ON p.county_id = d.county_id AND p.decision_id = d.decision_id
  LEFT JOIN township t ON t.county_id = d.county_id AND t.code = d.township_code
  LEFT JOIN duty_item i ON i.county_id = d.county_id AND i.code = d.failure->'subject'->>'itemCode'
  LEFT JOIN township pt ON p.party_kind = 'TOWNSHIP' AND pt.county_id = p.county_id AND pt.code = p.party_code
  LEFT JOIN department pd ON p.party_kind = 'DEPARTMENT' AND pd.county_id = p.county_id AND pd.code = p.party_code;

-- 12345 work orders (H1): the machine's dispatch by the lists of the day received, and the
-- dispatch in effect (the latest operator correction, else the machine's).
CREATE VIEW "work_order_fact" AS
SELECT w.county_id, w.id AS work_order_id, w.received_on, w.channel, w.township_code,
  t.name AS township_name, w.address, w.text,
  w.unassigned AS machine_unassigned, w.unassigned_reason AS machine_unassigned_reason,
  w.item_code AS machine_item_code, w.dispatch->>'itemName' AS machine_item_name,
  w.list_type AS machine_list_type, bi_list_type_name(w.list_type) AS machine_list_type_name,
  w.handler_kind AS machine_handler_kind, w.handler_code AS machine_handler_code,
  w.dispatch->'handlers'->0->>'name' AS machine_handler_name,
  (w.dispatch->'listVersion'->>'number')::integer AS list_version_number,
  w.dispatch->'listVersion'->>'changeId' AS list_version_change_id,
  w.dispatch->>'entryId' AS entry_id,
  array_to_string(ARRAY(SELECT jsonb_array_elements_text(w.dispatch->'ruleIds')), ',') AS rule_ids,
  w.dispatch->>'reason' AS dispatch_reason,
  k.seq IS NOT NULL AS corrected, k.seq AS correction_count, k.note AS correction_note,
  COALESCE(k.unassigned, w.unassigned) AS unassigned,
  COALESCE(k.dispatch, w.dispatch)->>'unassignedReason' AS unassigned_reason,
  CASE WHEN k.seq IS NULL THEN w.item_code ELSE k.item_code END AS item_code,
  COALESCE(k.dispatch, w.dispatch)->>'itemName' AS item_name,
  CASE WHEN k.seq IS NULL THEN w.list_type ELSE k.list_type END AS list_type,
  bi_list_type_name(CASE WHEN k.seq IS NULL THEN w.list_type ELSE k.list_type END) AS list_type_name,
  COALESCE(k.handler_kind, w.handler_kind) AS handler_kind,
  bi_party_kind_name(COALESCE(k.handler_kind, w.handler_kind)) AS handler_kind_name,
  COALESCE(k.handler_code, w.handler_code) AS handler_code,
  COALESCE(k.dispatch, w.dispatch)->'handlers'->0->>'name' AS handler_name,
  w.recorded_at, k.recorded_at AS corrected_at
FROM work_order w
  LEFT JOIN township t ON t.county_id = w.county_id AND t.code = w.township_code
  LEFT JOIN LATERAL (
    SELECT c.* FROM work_order_correction c
    WHERE c.county_id = w.county_id AND c.work_order_id = w.id
    ORDER BY c.seq DESC LIMIT 1
  ) AS k ON true;

-- Whistles (H2, 吹哨报到): each with its loop's state from its steps (the core's whistleProgress),
-- and each step.
CREATE VIEW "whistle_fact" AS
SELECT w.county_id, w.id AS whistle_id, w.township_code, t.name AS township_name,
  w.department_code, d.name AS department_name, w.item_code, i.name AS item_name, w.matter,
  w.raised_on, w.time_limit_days, w.raised_on + w.time_limit_days AS due_on,
  COALESCE(w.answered_on, ev.first_reported_on) AS answered_on,
  COALESCE(COALESCE(w.answered_on, ev.first_reported_on) <= w.raised_on + w.time_limit_days, false)
    AS answered_in_time,
  CASE WHEN st.status IN ('CLOSED', 'CONFIRMED') THEN ev.closed_on END AS closed_on,
  ev.confirmed_on, COALESCE(ev.reopen_count, 0)::integer AS reopen_count,
  st.status,
  CASE st.status WHEN 'RAISED' THEN '已吹哨待报到' WHEN 'REPORTED' THEN '已报到办理中'
    WHEN 'CLOSED' THEN '已办结待确认' WHEN 'CONFIRMED' THEN '已确认办结' END AS status_name,
  w.recorded_on
FROM whistle_request w
  LEFT JOIN township t ON t.county_id = w.county_id AND t.code = w.township_code
  LEFT JOIN department d ON d.county_id = w.county_id AND d.code = w.department_code
  LEFT JOIN duty_item i ON i.county_id = w.county_id AND i.code = w.item_code
  LEFT JOIN LATERAL (
    SELECT min(e.on) FILTER (WHERE e.step = 'REPORTED') AS first_reported_on,
      max(e.on) FILTER (WHERE e.step = 'CLOSED') AS closed_on,
      max(e.on) FILTER (WHERE e.step = 'CONFIRMED') AS confirmed_on,
      count(*) FILTER (WHERE e.step = 'REOPENED') AS reopen_count,
      (array_agg(CASE e.step WHEN 'REOPENED' THEN 'REPORTED' ELSE e.step END ORDER BY e.seq DESC))[1] AS status
    FROM whistle_event e WHERE e.county_id = w.county_id AND e.whistle_id = w.id
  ) AS ev ON true
  -- the core's whistleProgress: the last step's state; without steps, reported once answered
  CROSS JOIN LATERAL (
    SELECT COALESCE(ev.status, CASE WHEN w.answered_on IS NULL THEN 'RAISED' ELSE 'REPORTED' END) AS status
  ) AS st;

CREATE VIEW "whistle_event_fact" AS
SELECT e.county_id, e.whistle_id, w.township_code, w.department_code, w.item_code, e.seq, e.step,
  CASE e.step WHEN 'REPORTED' THEN '报到' WHEN 'CLOSED' THEN '办结' WHEN 'CONFIRMED' THEN '确认办结'
    WHEN 'REOPENED' THEN '退回重办' END AS step_name,
  e.on AS step_on, e.note, e.actor_subject, e.recorded_on
FROM whistle_event e
  JOIN whistle_request w ON w.county_id = e.county_id AND w.id = e.whistle_id;

-- The read-only role: SELECT on the views (and the lists_as_of function), nothing on the tables.
-- Roles belong to the whole server: created once (when the migrating user may), granted in every
-- database. Without the right to create roles the migration goes on, and says so.
DO $$
DECLARE
  v text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dutylist_bi') THEN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      CREATE ROLE dutylist_bi NOLOGIN;
    ELSE
      RAISE NOTICE 'dutylist: role dutylist_bi not created (% may not create roles); see docs/bi.md', current_user;
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dutylist_bi') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO dutylist_bi', current_schema());
    FOREACH v IN ARRAY ARRAY['list_version', 'list_entry_fact', 'township_score_fact',
        'department_score_fact', 'township_score_history', 'department_score_history',
        'determination_party_fact', 'work_order_fact', 'whistle_fact', 'whistle_event_fact'] LOOP
      EXECUTE format('GRANT SELECT ON %I TO dutylist_bi', v);
    END LOOP;
    GRANT EXECUTE ON FUNCTION "lists_as_of"(text, date) TO dutylist_bi;
  END IF;
END $$;
