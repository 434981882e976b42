-- AlterTable
ALTER TABLE "finding" ADD COLUMN     "params" JSONB;
