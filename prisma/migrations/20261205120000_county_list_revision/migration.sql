-- A second revision per county, of its lists alone: bumped by every statement that writes a table
-- the county's dataset is loaded from (the county, its townships, departments, catalogue, lists,
-- adjustments and ledger), not by records, plans or cases. The API keeps a loaded county (lists,
-- index, determinations) while this revision stays the same, so recording a performance record,
-- a whistle or a push-down no longer reloads the lists: the next request only re-tallies what the
-- write changed (docs/benchmarks.md, B4). Same mechanism as county_revision: statement-level
-- triggers with transition tables, one row per county, announced on channel
-- county_list_revision as "<county> <revision>" at commit; TRUNCATE bumps every county ("*").

-- CreateTable
CREATE TABLE "county_list_revision" (
    "county_id" TEXT NOT NULL,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "county_list_revision_pkey" PRIMARY KEY ("county_id")
);

CREATE FUNCTION "bump_county_list_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key TEXT := CASE WHEN TG_ARGV[0] = 'id' THEN 'id' ELSE 'county_id' END;
  bumped RECORD;
BEGIN
  FOR bumped IN EXECUTE format(
    'INSERT INTO "county_list_revision" AS r ("county_id", "revision")
       SELECT DISTINCT %I, 1 FROM "changed"
       ON CONFLICT ("county_id") DO UPDATE SET "revision" = r."revision" + 1
       RETURNING r."county_id", r."revision"', key)
  LOOP
    PERFORM pg_notify('county_list_revision', bumped."county_id" || ' ' || bumped."revision");
  END LOOP;
  RETURN NULL;
END
$$;

CREATE FUNCTION "bump_every_county_list_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "county_list_revision" SET "revision" = "revision" + 1;
  PERFORM pg_notify('county_list_revision', '*');
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t TEXT;
  key TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['county', 'township', 'department', 'duty_item', 'list_publication',
    'list_entry', 'adjustment', 'adjustment_approval', 'temporary_task']
  LOOP
    key := CASE WHEN t = 'county' THEN 'id' ELSE 'county_id' END;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_list_revision"(%L)', t || '_list_revision_insert', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_list_revision"(%L)', t || '_list_revision_update', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_list_revision"(%L)', t || '_list_revision_delete', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_list_revision"()', t || '_list_revision_truncate', t);
  END LOOP;
END
$$;

-- Counties stored before this migration start at their revision of everything.
INSERT INTO "county_list_revision" ("county_id", "revision")
  SELECT "county_id", "revision" FROM "county_revision";
