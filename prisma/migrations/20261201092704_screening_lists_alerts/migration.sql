-- CreateEnum
CREATE TYPE "SanctionListFormat" AS ENUM ('CSV', 'JSON');

-- CreateEnum
CREATE TYPE "AlertTriggerKind" AS ENUM ('SANCTION', 'SANCTION_LIST', 'RISK_DATASET');

-- AlterTable
ALTER TABLE "finding" ADD COLUMN     "data" JSONB;

-- AlterTable
ALTER TABLE "sanction" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "line" INTEGER,
ADD COLUMN     "list_id" UUID,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "sanction_list" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "format" "SanctionListFormat" NOT NULL,
    "content_digest" CHAR(64) NOT NULL,
    "mapping" JSONB,
    "entry_count" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sanction_list_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_alert" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "award_id" UUID NOT NULL,
    "finding_id" UUID NOT NULL,
    "trigger_kind" "AlertTriggerKind" NOT NULL,
    "trigger_id" UUID NOT NULL,
    "match" JSONB NOT NULL,
    "job_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sanction_list_name_version_key" ON "sanction_list"("name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "screening_alert_finding_id_key" ON "screening_alert"("finding_id");

-- CreateIndex
CREATE INDEX "screening_alert_buyer_id_created_at_idx" ON "screening_alert"("buyer_id", "created_at");

-- CreateIndex
CREATE INDEX "sanction_list_id_idx" ON "sanction"("list_id");

-- AddForeignKey
ALTER TABLE "sanction" ADD CONSTRAINT "sanction_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "sanction_list"("id") ON DELETE SET NULL ON UPDATE CASCADE;
