-- CreateTable
CREATE TABLE "background_job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "buyer_id" UUID,
    "tender_id" UUID,
    "created_by_id" UUID,
    "params" JSONB NOT NULL,
    "dedupe_key" TEXT,
    "payload" BYTEA,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "result_type" TEXT,
    "result_id" UUID,
    "result_location" TEXT,
    "problem" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "background_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_cache" (
    "evaluation_id" UUID NOT NULL,
    "lang" TEXT NOT NULL,
    "model_digest" CHAR(64) NOT NULL,
    "digest" CHAR(64) NOT NULL,
    "pdf" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_cache_pkey" PRIMARY KEY ("evaluation_id","lang","model_digest")
);

-- CreateIndex
CREATE INDEX "background_job_kind_dedupe_key_idx" ON "background_job"("kind", "dedupe_key");
