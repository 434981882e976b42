-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "token_version" INTEGER NOT NULL DEFAULT 0;
