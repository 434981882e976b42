/*
  Warnings:

  - A unique constraint covering the columns `[chain_key,chain_seq]` on the table `audit_event` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "chain_key" TEXT,
ADD COLUMN     "chain_seq" INTEGER;

-- CreateTable
CREATE TABLE "audit_chain" (
    "chain_key" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("chain_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_chain_key_chain_seq_key" ON "audit_event"("chain_key", "chain_seq");

-- Hand-written: per-chain appends (libs/audit-chain/src/chains.ts). The existing
-- events stay untouched (the table is append-only): chain_key null marks them as
-- the frozen global chain, verified as it always was.
-- Heads: the legacy global chain's, and each tender chain's, which continues.
INSERT INTO "audit_chain" ("chain_key", "seq", "hash")
SELECT 'global', "seq", "hash" FROM "audit_event" ORDER BY "seq" DESC LIMIT 1;

INSERT INTO "audit_chain" ("chain_key", "seq", "hash")
SELECT DISTINCT ON ("tender_id") 'tender:' || "tender_id", "tender_seq", "tender_hash"
FROM "audit_event" WHERE "tender_id" IS NOT NULL
ORDER BY "tender_id", "tender_seq" DESC;

-- seq now comes from the sequence (it only orders); continue after the legacy events.
-- Keep its CACHE at 1: the checkpoint's watermark relies on values handed out in order.
SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), COALESCE((SELECT max("seq") FROM "audit_event"), 0) + 1, false);

-- A chain head only moves forward (the appends' own updates: seq + 1, then the
-- new hash at that seq): rewinding or removing it would hide deleted events.
-- As for audit_event, enforced for every client; only the table owner can
-- switch it off, which the signed checkpoint then shows.
CREATE FUNCTION "audit_chain_forward_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."chain_key" = OLD."chain_key" AND NEW."seq" >= OLD."seq" THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_chain heads only move forward: UPDATE of chain % from seq % to % refused', OLD."chain_key", OLD."seq", NEW."seq"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_chain heads only move forward: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_chain_no_rewind"
BEFORE UPDATE OR DELETE ON "audit_chain"
FOR EACH ROW EXECUTE FUNCTION "audit_chain_forward_only"();

CREATE TRIGGER "audit_chain_no_truncate"
BEFORE TRUNCATE ON "audit_chain"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_forward_only"();
