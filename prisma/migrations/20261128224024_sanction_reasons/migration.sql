-- AlterTable
ALTER TABLE "sanction" ADD COLUMN     "reasons" TEXT;
