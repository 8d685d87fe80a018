-- "bump_county_revision" with one code path instead of two copies that differed only in the key
-- column: a fix to one copy can no longer miss the other. OR REPLACE keeps the function itself,
-- so the triggers of migration county_revision run the new body without being recreated.
--
-- Same behaviour as before: one bump per county per statement, announced on channel
-- county_revision as "<county> <revision>" at commit. The key is chosen as before ("id" for the
-- county table itself, "county_id" for any other argument, or none), so no trigger, whatever it
-- passes, reads a column other than the one it read before. Dynamic SQL because a column cannot
-- be a parameter; the statement still sees the trigger's transition table "changed" (PL/pgSQL
-- registers it for every query the function runs, EXECUTE included). %I quotes the key.
CREATE OR REPLACE FUNCTION "bump_county_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key TEXT := CASE WHEN TG_ARGV[0] = 'id' THEN 'id' ELSE 'county_id' END;
  bumped RECORD;
BEGIN
  FOR bumped IN EXECUTE format(
    'INSERT INTO "county_revision" AS r ("county_id", "revision")
       SELECT DISTINCT %I, 1 FROM "changed"
       ON CONFLICT ("county_id") DO UPDATE SET "revision" = r."revision" + 1
       RETURNING r."county_id", r."revision"', key)
  LOOP
    PERFORM pg_notify('county_revision', bumped."county_id" || ' ' || bumped."revision");
  END LOOP;
  RETURN NULL;
END
$$;
