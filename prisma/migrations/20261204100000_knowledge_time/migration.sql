-- Knowledge time (L2): every change keeps the day the engine recorded it beside the day it speaks
-- about, so the lists, the ledger and the records can be replayed "as known on" a day.
--
-- Existing rows get the date they speak about as their recording date (publication, proposal,
-- approval, start, closing; a record's latest stated date; a rating the last day of its year):
-- nothing already stored changes its answer. A task's registration date (登记日期, L5) is its
-- start, so it covers its townships exactly as before.

ALTER TABLE "list_publication" ADD COLUMN "recorded_on" DATE;
UPDATE "list_publication" SET "recorded_on" = "published_on";
ALTER TABLE "list_publication" ALTER COLUMN "recorded_on" SET NOT NULL;

ALTER TABLE "adjustment" ADD COLUMN "recorded_on" DATE, ADD COLUMN "publication_recorded_on" DATE;
UPDATE "adjustment" SET "recorded_on" = "proposed_on", "publication_recorded_on" = "published_on";
ALTER TABLE "adjustment" ALTER COLUMN "recorded_on" SET NOT NULL;

ALTER TABLE "adjustment_approval" ADD COLUMN "recorded_on" DATE;
UPDATE "adjustment_approval" SET "recorded_on" = "approved_on";
ALTER TABLE "adjustment_approval" ALTER COLUMN "recorded_on" SET NOT NULL;

ALTER TABLE "temporary_task"
  ADD COLUMN "registered_on" DATE,
  ADD COLUMN "recorded_on" DATE,
  ADD COLUMN "closing_recorded_on" DATE;
UPDATE "temporary_task"
  SET "registered_on" = "starts_on", "recorded_on" = "starts_on", "closing_recorded_on" = "closed_on";
ALTER TABLE "temporary_task" ALTER COLUMN "registered_on" SET NOT NULL;
ALTER TABLE "temporary_task" ALTER COLUMN "recorded_on" SET NOT NULL;

-- Records: written with the day they were entered; CURRENT_DATE only when a writer leaves it out.
ALTER TABLE "performance_record" ADD COLUMN "recorded_on" DATE;
UPDATE "performance_record" SET "recorded_on" = "date";
ALTER TABLE "performance_record" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;

ALTER TABLE "whistle_request" ADD COLUMN "recorded_on" DATE;
UPDATE "whistle_request" SET "recorded_on" = COALESCE("answered_on", "raised_on");
ALTER TABLE "whistle_request" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;

ALTER TABLE "guarantee_delivery" ADD COLUMN "recorded_on" DATE;
UPDATE "guarantee_delivery" SET "recorded_on" = GREATEST("due_by", "delivered_on");
ALTER TABLE "guarantee_delivery" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;

ALTER TABLE "push_down_report" ADD COLUMN "recorded_on" DATE;
UPDATE "push_down_report" SET "recorded_on" = "date";
ALTER TABLE "push_down_report" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;

ALTER TABLE "unattended_report" ADD COLUMN "recorded_on" DATE;
UPDATE "unattended_report" SET "recorded_on" = "date";
ALTER TABLE "unattended_report" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;

ALTER TABLE "department_rating" ADD COLUMN "recorded_on" DATE;
UPDATE "department_rating" SET "recorded_on" = make_date("year", 12, 31);
ALTER TABLE "department_rating" ALTER COLUMN "recorded_on" SET NOT NULL,
  ALTER COLUMN "recorded_on" SET DEFAULT CURRENT_DATE;
