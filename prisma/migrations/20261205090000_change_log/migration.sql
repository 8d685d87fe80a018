-- The change log (issue "who may do what", part 2): one row per county for every mutation, import
-- and publication — who (actor subject, name, role), what (operation, the digest of its
-- arguments, the ids it wrote) and when — appended by the store in the transaction of the write
-- itself, so a refused or rolled-back write leaves no row. Rows of a county are numbered 1, 2, 3…
-- and chained as certificate-transparency logs chain theirs: each row's hash is the SHA-256 of
-- the canonical JSON of its other columns, its prev_hash (the hash of the row before; 64 zeros
-- for seq 1) included, so editing or removing a row breaks every hash after it
-- (packages/store/src/change-log.ts computes and verifies them).
--
-- change_log_head keeps each county's last seq and hash, updated in the same transaction: rows
-- removed at the end of a chain leave a head pointing past it. Appends of a county serialize on
-- pg_advisory_xact_lock (a key derived from the county id), then read the head, insert, update
-- the head. Neither table has revision triggers: the log is read by no dataset or assessment.
-- Both carry county_id and lead their keys with it (distributed by county, docs/scale.md).

-- CreateTable
CREATE TABLE "change_log" (
    "county_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_subject" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "arguments_digest" TEXT NOT NULL,
    "written_ids" TEXT[],
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "change_log_pkey" PRIMARY KEY ("county_id","seq"),
    CONSTRAINT "change_log_seq_check" CHECK ("seq" >= 1),
    CONSTRAINT "change_log_hashes_check" CHECK (
      "arguments_digest" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$' AND "hash" ~ '^[0-9a-f]{64}$'
    )
);

-- CreateTable
CREATE TABLE "change_log_head" (
    "county_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "change_log_head_pkey" PRIMARY KEY ("county_id")
);

-- CreateIndex
CREATE INDEX "change_log_county_id_operation_seq_idx" ON "change_log"("county_id", "operation", "seq");

-- CreateIndex
CREATE INDEX "change_log_county_id_actor_subject_seq_idx" ON "change_log"("county_id", "actor_subject", "seq");

-- Append-only in the database itself: UPDATE, DELETE and TRUNCATE of change_log are refused,
-- whoever sends them. An operator who means to tamper must disable the trigger deliberately
-- (ALTER TABLE change_log DISABLE TRIGGER change_log_append_only), and what he then changes is
-- found by `dutylist audit verify`. A statement-level trigger: it refuses a statement that would
-- touch no row as well.
CREATE FUNCTION "refuse_change_log_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'change_log is append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'the change log is only ever appended to (see docs/architecture.md, "Change log")';
END
$$;

CREATE TRIGGER "change_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "change_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change_log_rewrite"();
