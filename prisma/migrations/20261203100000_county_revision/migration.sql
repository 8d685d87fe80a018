-- A revision per county of everything stored that its datasets and assessments are read from,
-- bumped by every statement that writes one of those tables, whoever writes (the API, the CLI,
-- an operator's SQL): the API keeps a county's loaded dataset and computed assessments between
-- requests while its revision stays the same (one cheap query per county and request).
-- Statement-level triggers with transition tables: a bulk insert bumps each county it touches
-- once per statement, not once per row. One row per county, so writers of different counties
-- never wait for each other; the row is county-owned like the rest (distributed by county_id).

-- CreateTable
CREATE TABLE "county_revision" (
    "county_id" TEXT NOT NULL,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "county_revision_pkey" PRIMARY KEY ("county_id")
);

-- The counties in "changed" (the statement's transition table), by the column TG_ARGV[0] names.
-- Each new revision is also announced on channel county_revision as "<county> <revision>",
-- delivered at commit (never for a rollback): an embedded database's only process learns of its
-- writes without asking.
CREATE FUNCTION "bump_county_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped RECORD;
BEGIN
  IF TG_ARGV[0] = 'id' THEN
    FOR bumped IN
      INSERT INTO "county_revision" AS r ("county_id", "revision")
        SELECT DISTINCT "id", 1 FROM "changed"
        ON CONFLICT ("county_id") DO UPDATE SET "revision" = r."revision" + 1
        RETURNING r."county_id", r."revision"
    LOOP
      PERFORM pg_notify('county_revision', bumped."county_id" || ' ' || bumped."revision");
    END LOOP;
  ELSE
    FOR bumped IN
      INSERT INTO "county_revision" AS r ("county_id", "revision")
        SELECT DISTINCT "county_id", 1 FROM "changed"
        ON CONFLICT ("county_id") DO UPDATE SET "revision" = r."revision" + 1
        RETURNING r."county_id", r."revision"
    LOOP
      PERFORM pg_notify('county_revision', bumped."county_id" || ' ' || bumped."revision");
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE has no transition table: every county changes ("*" announces it).
CREATE FUNCTION "bump_every_county_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "county_revision" SET "revision" = "revision" + 1;
  PERFORM pg_notify('county_revision', '*');
  RETURN NULL;
END
$$;

-- A transition table allows one event per trigger: insert, update and delete each have their own.
DO $$
DECLARE
  t TEXT;
  key TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['county', 'township', 'department', 'duty_item', 'list_publication',
    'list_entry', 'adjustment', 'adjustment_approval', 'temporary_task', 'assessment_plan',
    'indicator', 'performance_record', 'whistle_request', 'guarantee_delivery', 'push_down_report',
    'unattended_report', 'department_rating']
  LOOP
    key := CASE WHEN t = 'county' THEN 'id' ELSE 'county_id' END;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"(%L)', t || '_revision_insert', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"(%L)', t || '_revision_update', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed" '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"(%L)', t || '_revision_delete', t, key);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_revision"()', t || '_revision_truncate', t);
  END LOOP;
END
$$;
