-- CreateTable
CREATE TABLE "red_flag_threshold_version" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "thresholds" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "red_flag_threshold_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "red_flag_threshold_version_version_key" ON "red_flag_threshold_version"("version");

-- Version 1: the defaults of libs/interop/src/red-flags/types.ts (DEFAULT_RED_FLAG_THRESHOLDS).
INSERT INTO "red_flag_threshold_version" ("id", "version", "thresholds", "active", "note")
VALUES (gen_random_uuid(), 1, '{"priceClusterPercent":"1","referenceClusterPercent":"1","winnerReferencePercent":"1","winnerChangesMin":2,"minSubmissionDays":"20"}', true, 'Defaults');
