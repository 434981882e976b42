-- DropIndex
DROP INDEX "tender_buyer_id_status_idx";

-- CreateIndex
CREATE INDEX "tender_buyer_id_status_created_at_idx" ON "tender"("buyer_id", "status", "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "tender_buyer_id_created_at_idx" ON "tender"("buyer_id", "created_at" DESC, "id");
