-- A revision of everything stored that datasets and assessments are read from, bumped by every
-- statement that writes one of those tables: the API keeps loaded counties and computed
-- assessments between requests while the revision stays the same (one cheap query per request).
-- Statement-level triggers: a bulk insert bumps it once per statement, not once per row.

-- CreateTable
CREATE TABLE "data_revision" (
    "id" INTEGER NOT NULL,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "data_revision_pkey" PRIMARY KEY ("id")
);

INSERT INTO "data_revision" ("id", "revision") VALUES (1, 0);

CREATE FUNCTION "bump_data_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_revision" SET "revision" = "revision" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "county_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "county" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "township_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "township" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "department_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "duty_item_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "duty_item" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "list_publication_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "list_publication" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "list_entry_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "list_entry" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "adjustment_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "adjustment" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "adjustment_approval_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "adjustment_approval" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "temporary_task_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "temporary_task" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "assessment_plan_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "assessment_plan" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "indicator_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "performance_record_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "performance_record" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "whistle_request_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "whistle_request" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "guarantee_delivery_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "guarantee_delivery" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "push_down_report_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "push_down_report" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "unattended_report_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unattended_report" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
CREATE TRIGGER "department_rating_revision" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department_rating" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_revision"();
