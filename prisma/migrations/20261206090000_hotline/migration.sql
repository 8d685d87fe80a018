-- H1, H2: the 12345 hotline (work orders, their corrections, the vocabulary and gazetteer the
-- matcher reads) and the whistle loop's steps. All county-owned (county_id first, for Citus); all
-- append-only in use: a correction or a step is a new row, never an edit.

-- AlterTable
ALTER TABLE "whistle_request" ADD COLUMN "matter" TEXT;

-- CreateTable
CREATE TABLE "hotline_phrase" (
    "county_id" TEXT NOT NULL,
    "id" INTEGER NOT NULL,
    "item_code" TEXT,
    "phrase" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "work_order_id" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hotline_phrase_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "hotline_place" (
    "county_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,

    CONSTRAINT "hotline_place_pkey" PRIMARY KEY ("county_id","name")
);

-- CreateTable
CREATE TABLE "work_order" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "township_code" TEXT,
    "address" TEXT,
    "received_on" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "unassigned" BOOLEAN NOT NULL,
    "unassigned_reason" TEXT,
    "item_code" TEXT,
    "list_type" TEXT,
    "handler_kind" TEXT NOT NULL,
    "handler_code" TEXT NOT NULL,
    "dispatch" JSONB NOT NULL,
    "candidates" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "work_order_correction" (
    "county_id" TEXT NOT NULL,
    "work_order_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "unassigned" BOOLEAN NOT NULL,
    "item_code" TEXT,
    "list_type" TEXT,
    "handler_kind" TEXT NOT NULL,
    "handler_code" TEXT NOT NULL,
    "dispatch" JSONB NOT NULL,
    "note" TEXT,
    "actor_subject" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_correction_pkey" PRIMARY KEY ("county_id","work_order_id","seq")
);

-- CreateTable
CREATE TABLE "whistle_event" (
    "county_id" TEXT NOT NULL,
    "whistle_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "note" TEXT,
    "actor_subject" TEXT NOT NULL,
    "recorded_on" DATE NOT NULL DEFAULT CURRENT_DATE,

    CONSTRAINT "whistle_event_pkey" PRIMARY KEY ("county_id","whistle_id","seq")
);

-- CreateIndex
CREATE INDEX "work_order_county_id_received_on_idx" ON "work_order"("county_id", "received_on");

-- Writes to these tables change what an assessment or a dispatch reads: bump the county's
-- revision like every other county-owned table (migration county_revision).
CREATE TRIGGER "whistle_event_revision_insert" AFTER INSERT ON "whistle_event" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "whistle_event_revision_truncate" AFTER TRUNCATE ON "whistle_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_every_county_revision"();
CREATE TRIGGER "hotline_phrase_revision_insert" AFTER INSERT ON "hotline_phrase" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "hotline_place_revision_insert" AFTER INSERT ON "hotline_place" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "work_order_revision_insert" AFTER INSERT ON "work_order" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
CREATE TRIGGER "work_order_correction_revision_insert" AFTER INSERT ON "work_order_correction" REFERENCING NEW TABLE AS "changed"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_county_revision"('county_id');
