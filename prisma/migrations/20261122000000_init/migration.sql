-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ListType" AS ENUM ('BASIC', 'COOPERATIVE', 'RECLAIMED');

-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('TOWNSHIP', 'DEPARTMENT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PRIMARY', 'SECONDARY', 'NONE');

-- CreateTable
CREATE TABLE "county" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "county_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "township" (
    "county_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "township_pkey" PRIMARY KEY ("county_id","code")
);

-- CreateTable
CREATE TABLE "department" (
    "county_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("county_id","code")
);

-- CreateTable
CREATE TABLE "duty_item" (
    "county_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "township_code" TEXT,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tasks" TEXT[],
    "basis" JSONB NOT NULL,

    CONSTRAINT "duty_item_pkey" PRIMARY KEY ("county_id","code")
);

-- CreateTable
CREATE TABLE "list_publication" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "document_no" TEXT,
    "published_on" DATE NOT NULL,
    "effective_from" DATE NOT NULL,

    CONSTRAINT "list_publication_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "list_entry" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "type" "ListType" NOT NULL,
    "terms" JSONB NOT NULL,
    "content" JSONB NOT NULL,
    "assignment" JSONB,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "opened_by" TEXT NOT NULL,
    "closed_by" TEXT,

    CONSTRAINT "list_entry_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "adjustment" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "trigger" JSONB NOT NULL,
    "proposer" JSONB NOT NULL,
    "proposed_on" DATE NOT NULL,
    "changes" JSONB NOT NULL,
    "published_on" DATE,
    "effective_from" DATE,

    CONSTRAINT "adjustment_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "adjustment_approval" (
    "county_id" TEXT NOT NULL,
    "adjustment_id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "authority" TEXT NOT NULL,
    "approved_on" DATE NOT NULL,
    "document_no" TEXT,

    CONSTRAINT "adjustment_approval_pkey" PRIMARY KEY ("county_id","adjustment_id","level")
);

-- CreateTable
CREATE TABLE "temporary_task" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "decision" JSONB NOT NULL,
    "requesting_department" TEXT NOT NULL,
    "township_codes" TEXT[],
    "content" TEXT NOT NULL,
    "township_role" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "planned_end_on" DATE NOT NULL,
    "closed_on" DATE,
    "closing_note" TEXT,

    CONSTRAINT "temporary_task_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "assessment_plan" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "first_level" JSONB NOT NULL,

    CONSTRAINT "assessment_plan_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "county_id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parent_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subject" "PartyKind" NOT NULL,
    "track" TEXT,
    "points" DECIMAL(12,4) NOT NULL,
    "method" JSONB NOT NULL,
    "binding" JSONB NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("county_id","plan_id","code")
);

-- CreateTable
CREATE TABLE "performance_record" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "subject_kind" "PartyKind" NOT NULL,
    "subject_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "item_code" TEXT,
    "matter" TEXT,
    "date" DATE NOT NULL,
    "value_kind" TEXT NOT NULL,
    "achieved" DECIMAL(20,6),
    "target" DECIMAL(20,6),
    "events" INTEGER,
    "score" DECIMAL(20,6),
    "passed" BOOLEAN,

    CONSTRAINT "performance_record_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "whistle_request" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "raised_on" DATE NOT NULL,
    "time_limit_days" INTEGER NOT NULL,
    "answered_on" DATE,

    CONSTRAINT "whistle_request_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "guarantee_delivery" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_by" DATE NOT NULL,
    "delivered_on" DATE,

    CONSTRAINT "guarantee_delivery_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "push_down_report" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "matter" TEXT NOT NULL,

    CONSTRAINT "push_down_report_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "unattended_report" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "unattended_report_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "department_rating" (
    "county_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "score" DECIMAL(8,4) NOT NULL,

    CONSTRAINT "department_rating_pkey" PRIMARY KEY ("county_id","id")
);

-- CreateTable
CREATE TABLE "determination" (
    "county_id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "failure" JSONB NOT NULL,
    "list_type" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "determination_pkey" PRIMARY KEY ("county_id","decision_id")
);

-- CreateTable
CREATE TABLE "determination_party" (
    "county_id" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "party_kind" "PartyKind" NOT NULL,
    "party_code" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "rule_ids" TEXT[],
    "factors" TEXT[],
    "reason" TEXT,
    "explanation" TEXT NOT NULL,

    CONSTRAINT "determination_party_pkey" PRIMARY KEY ("county_id","decision_id","party_kind","party_code")
);

-- CreateIndex
CREATE INDEX "duty_item_county_id_category_idx" ON "duty_item"("county_id", "category");

-- CreateIndex
CREATE INDEX "list_entry_county_id_township_code_item_code_effective_from_idx" ON "list_entry"("county_id", "township_code", "item_code", "effective_from");

-- CreateIndex
CREATE INDEX "list_entry_county_id_type_idx" ON "list_entry"("county_id", "type");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_plan_county_id_year_key" ON "assessment_plan"("county_id", "year");

-- CreateIndex
CREATE INDEX "performance_record_county_id_date_idx" ON "performance_record"("county_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "department_rating_county_id_year_township_code_department_c_key" ON "department_rating"("county_id", "year", "township_code", "department_code");

-- CreateIndex
CREATE INDEX "determination_county_id_township_code_date_idx" ON "determination"("county_id", "township_code", "date");

-- AddForeignKey
ALTER TABLE "township" ADD CONSTRAINT "township_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_item" ADD CONSTRAINT "duty_item_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "county"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_entry" ADD CONSTRAINT "list_entry_county_id_township_code_fkey" FOREIGN KEY ("county_id", "township_code") REFERENCES "township"("county_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "list_entry" ADD CONSTRAINT "list_entry_county_id_item_code_fkey" FOREIGN KEY ("county_id", "item_code") REFERENCES "duty_item"("county_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adjustment_approval" ADD CONSTRAINT "adjustment_approval_county_id_adjustment_id_fkey" FOREIGN KEY ("county_id", "adjustment_id") REFERENCES "adjustment"("county_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_county_id_plan_id_fkey" FOREIGN KEY ("county_id", "plan_id") REFERENCES "assessment_plan"("county_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "determination_party" ADD CONSTRAINT "determination_party_county_id_decision_id_fkey" FOREIGN KEY ("county_id", "decision_id") REFERENCES "determination"("county_id", "decision_id") ON DELETE RESTRICT ON UPDATE CASCADE;

