-- Tallies kept current by writes (issue 16, docs/architecture.md "Maintained tallies"): a county's
-- year of performance records judged against its stored lists (S7) and tallied per subject,
-- indicator, outcome and entry (S8), as `tallyPerformanceRecords` computes them, stored with what
-- they were computed from. A write of records adds its own records' tallies in its transaction; a
-- change to the lists or the plan leaves them stale, and the next read computes them again. Every
-- table is county-owned (distributed by county_id).

-- A revision per county and year of its performance records, bumped by every statement that
-- writes the table (an update bumps the years of its old and new rows), whoever writes (the store, an operator's SQL): kept tallies whose revision
-- differs from it were not kept by that write, and are computed again rather than trusted.
CREATE TABLE "county_record_revision" (
    "county_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "county_record_revision_pkey" PRIMARY KEY ("county_id", "year")
);

-- What the kept tallies of a county's year were computed from: the plan's indicators and
-- bindings as the statement takes them (its exact JSON), the lists' revision and the records'.
CREATE TABLE "record_tally_state" (
    "county_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "plan_key" TEXT NOT NULL,
    "list_revision" BIGINT NOT NULL,
    "record_revision" BIGINT NOT NULL,

    CONSTRAINT "record_tally_state_pkey" PRIMARY KEY ("county_id", "year")
);

-- The kept tallies: '' for a counted record's reason, and for a tally without an entry.
CREATE TABLE "record_tally" (
    "county_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "subject_kind" TEXT NOT NULL,
    "subject_code" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "first_id" TEXT,
    "count" INTEGER NOT NULL,
    "achieved" DECIMAL NOT NULL,
    "target" DECIMAL NOT NULL,
    "events" BIGINT NOT NULL,
    "graded" DECIMAL NOT NULL,
    "graded_count" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,

    CONSTRAINT "record_tally_pkey" PRIMARY KEY ("county_id", "year", "subject_kind", "subject_code", "indicator_code", "reason", "entry_id")
);

CREATE FUNCTION "bump_county_record_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "county_record_revision" AS r ("county_id", "year", "revision")
    SELECT DISTINCT "county_id", extract(year FROM "date")::integer, 1 FROM "changed"
    ON CONFLICT ("county_id", "year") DO UPDATE SET "revision" = r."revision" + 1;
  RETURN NULL;
END
$$;

CREATE FUNCTION "bump_every_county_record_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "county_record_revision" SET "revision" = "revision" + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "performance_record_record_revision_insert" AFTER INSERT ON "performance_record"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_record_revision"();
CREATE TRIGGER "performance_record_record_revision_update_new" AFTER UPDATE ON "performance_record"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_record_revision"();
CREATE TRIGGER "performance_record_record_revision_update_old" AFTER UPDATE ON "performance_record"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_record_revision"();
CREATE TRIGGER "performance_record_record_revision_delete" AFTER DELETE ON "performance_record"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_record_revision"();
CREATE TRIGGER "performance_record_record_revision_truncate" AFTER TRUNCATE ON "performance_record"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_record_revision"();
