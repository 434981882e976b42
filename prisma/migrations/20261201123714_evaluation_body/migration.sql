-- CreateTable
CREATE TABLE "evaluation_body" (
    "evaluation_id" UUID NOT NULL,
    "lang" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "evaluation_body_pkey" PRIMARY KEY ("evaluation_id","lang")
);

-- AddForeignKey
ALTER TABLE "evaluation_body" ADD CONSTRAINT "evaluation_body_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
