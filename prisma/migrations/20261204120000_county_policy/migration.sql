-- County policy (政策设定, 非规则): the settings the seed texts leave to the county (issue 14,
-- item 10). One row per county holding only the settings it changed (a partial core
-- CountyPolicy, JSON); whatever is not set is the core's DEFAULT_COUNTY_POLICY. Every existing
-- county gets a row with no settings, i.e. the defaults.
CREATE TABLE "county_policy" (
    "county_id" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "county_policy_pkey" PRIMARY KEY ("county_id")
);

ALTER TABLE "county_policy" ADD CONSTRAINT "county_policy_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO "county_policy" ("county_id", "settings") SELECT "id", '{}'::jsonb FROM "county";

-- Assessments now read the policy and the stored determinations (S5: the push-downs they found
-- count in the departments' deductions), so writing either changes the county's revision, as
-- writing any other table an assessment reads does (migration county_revision).
CREATE TRIGGER "county_policy_revision_insert" AFTER INSERT ON "county_policy" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "county_policy_revision_update" AFTER UPDATE ON "county_policy" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "county_policy_revision_delete" AFTER DELETE ON "county_policy" REFERENCING OLD TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "county_policy_revision_truncate" AFTER TRUNCATE ON "county_policy"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_revision"();
CREATE TRIGGER "determination_revision_insert" AFTER INSERT ON "determination" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "determination_revision_update" AFTER UPDATE ON "determination" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "determination_revision_delete" AFTER DELETE ON "determination" REFERENCING OLD TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "determination_revision_truncate" AFTER TRUNCATE ON "determination"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_revision"();
