-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'OFFICER', 'AUDITOR');

-- CreateEnum
CREATE TYPE "Procedure" AS ENUM ('OPEN', 'SELECTIVE', 'INVITATION', 'DIRECT');

-- CreateEnum
CREATE TYPE "TenderStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'CONCLUDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('PRICE', 'QUALITY', 'HUMAN_RIGHTS', 'NUMBER_LOWER_BETTER', 'NUMBER_HIGHER_BETTER');

-- CreateEnum
CREATE TYPE "PriceMethod" AS ENUM ('LINEAR_SPAN', 'PROPORTIONAL', 'QUADRATIC', 'CUBIC', 'MIN_MAX');

-- CreateEnum
CREATE TYPE "PriceBasis" AS ENUM ('LOWEST', 'REFERENCE');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('SOCIAL_AUDIT', 'CERTIFICATION', 'REMEDIATION_PLAN');

-- CreateEnum
CREATE TYPE "ViolationStandard" AS ENUM ('ESTABLISHED', 'INDICATION');

-- CreateEnum
CREATE TYPE "FindingSeverity" AS ENUM ('EXCLUSION_GROUND', 'VERIFY', 'INFO');

-- CreateEnum
CREATE TYPE "FindingConclusion" AS ENUM ('ACCEPTED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "ExclusionStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AwardStatus" AS ENUM ('ACTIVE', 'REVOKED');

-- CreateEnum
CREATE TYPE "SanctionScope" AS ENUM ('BUYER', 'ALL_FEDERAL');

-- CreateEnum
CREATE TYPE "DatasetKind" AS ENUM ('TIP_TIERS', 'ILO_RATIFICATIONS', 'GOODS_LIST', 'PREVALENCE', 'PRICE_LEVELS');

-- CreateTable
CREATE TABLE "buyer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "holidays" DATE[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "buyer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "buyer_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "criteria_template" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "criteria_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "criteria_template_version" (
    "id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" UUID,

    CONSTRAINT "criteria_template_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tender" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "procedure" "Procedure" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "submission_deadline" TIMESTAMPTZ(3) NOT NULL,
    "places_of_performance" TEXT[],
    "goods" TEXT[],
    "status" "TenderStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "tie_break" TEXT[],
    "additional_conventions" TEXT[],
    "abnormally_low_threshold" DECIMAL(6,4) NOT NULL DEFAULT 0.80,
    "required_evaluators" INTEGER NOT NULL DEFAULT 1,
    "price_basis" "PriceBasis" NOT NULL DEFAULT 'LOWEST',
    "reference_price" DECIMAL(20,4),
    "price_level_adjustment" BOOLEAN NOT NULL DEFAULT false,
    "template_version_id" UUID,
    "created_by_id" UUID,
    "published_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "concluded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tender_criterion" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CriterionKind" NOT NULL,
    "weight" DECIMAL(9,6) NOT NULL,
    "price_method" "PriceMethod",
    "span" DECIMAL(9,6),

    CONSTRAINT "tender_criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bidder" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "uid" TEXT,
    "lei" TEXT,
    "vat" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bidder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bid" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "bidder_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "price" DECIMAL(20,4) NOT NULL,
    "figures" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supply_chain_node" (
    "id" UUID NOT NULL,
    "bid_id" UUID NOT NULL,
    "parent_id" UUID,
    "position" INTEGER NOT NULL,
    "path" TEXT[],
    "name" TEXT NOT NULL,
    "country" CHAR(2),
    "uid" TEXT,
    "lei" TEXT,
    "vat" TEXT,
    "share_percent" DECIMAL(9,6) NOT NULL,
    "goods" TEXT[],
    "labour_protection" BOOLEAN,
    "working_conditions" BOOLEAN,
    "equal_pay" BOOLEAN,
    "illegal_employment_duties" BOOLEAN,
    "environmental_law" BOOLEAN,
    "taxes_and_social_security_paid" BOOLEAN,
    "ilo_core_conventions" BOOLEAN,
    "additional_conventions" TEXT[],
    "subcontract_clause" BOOLEAN,

    CONSTRAINT "supply_chain_node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_evidence" (
    "id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "issuer" TEXT NOT NULL,
    "issued_at" DATE NOT NULL,
    "valid_until" DATE,

    CONSTRAINT "node_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node_violation" (
    "id" UUID NOT NULL,
    "node_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "ground" TEXT NOT NULL,
    "standard" "ViolationStandard" NOT NULL,
    "occurred_at" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "node_violation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluator_declaration" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "impartial" BOOLEAN NOT NULL,
    "interests" TEXT NOT NULL,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluator_declaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grade" (
    "id" UUID NOT NULL,
    "bid_id" UUID NOT NULL,
    "criterion_code" TEXT NOT NULL,
    "evaluator_id" UUID NOT NULL,
    "grade" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "grade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "method_version" TEXT NOT NULL,
    "risk_model_version" INTEGER NOT NULL,
    "dataset_versions" JSONB NOT NULL,
    "inputs" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "inputs_digest" CHAR(64) NOT NULL,
    "digest" CHAR(64) NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "bid_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "legal_basis" TEXT NOT NULL,
    "severity" "FindingSeverity" NOT NULL,
    "node_path" TEXT[],
    "finding_key" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding_resolution" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "bid_id" UUID NOT NULL,
    "finding_key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "node_path" TEXT[],
    "bidder_answer" TEXT NOT NULL,
    "conclusion" "FindingConclusion" NOT NULL,
    "exclusion_id" UUID,
    "resolved_by_id" UUID NOT NULL,
    "resolved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_resolution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion_decision" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "bid_id" UUID NOT NULL,
    "node_path" TEXT[],
    "finding_key" TEXT,
    "ground" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "status" "ExclusionStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposed_by_id" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,

    CONSTRAINT "exclusion_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "award" (
    "id" UUID NOT NULL,
    "tender_id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "winner_bid_id" UUID NOT NULL,
    "price" DECIMAL(20,4) NOT NULL,
    "procedure" "Procedure" NOT NULL,
    "decisive_advantages" JSONB NOT NULL,
    "tie_settlement" JSONB,
    "status" "AwardStatus" NOT NULL DEFAULT 'ACTIVE',
    "notified_at" TIMESTAMPTZ(3) NOT NULL,
    "appeal_deadline" TIMESTAMPTZ(3) NOT NULL,
    "awarded_by_id" UUID NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoking_exclusion_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sanction" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "identifiers" TEXT[],
    "country" CHAR(2) NOT NULL,
    "ground" TEXT NOT NULL,
    "from" DATE NOT NULL,
    "until" DATE NOT NULL,
    "scope" "SanctionScope" NOT NULL,
    "buyer_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sanction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_model_version" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "constants" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_model_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_dataset" (
    "id" UUID NOT NULL,
    "kind" "DatasetKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "licence" TEXT,
    "retrieved_at" DATE,
    "content_digest" CHAR(64) NOT NULL,
    "row_count" INTEGER NOT NULL,
    "rows" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_role" TEXT,
    "buyer_id" UUID,
    "tender_id" UUID,
    "tender_seq" INTEGER,
    "action" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT,
    "request_id" TEXT,
    "payload" JSONB NOT NULL,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "tender_prev_hash" CHAR(64),
    "tender_hash" CHAR(64),

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_buyer_id_idx" ON "app_user"("buyer_id");

-- CreateIndex
CREATE UNIQUE INDEX "criteria_template_version_template_id_version_key" ON "criteria_template_version"("template_id", "version");

-- CreateIndex
CREATE INDEX "tender_buyer_id_status_idx" ON "tender"("buyer_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "tender_buyer_id_reference_key" ON "tender"("buyer_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "tender_criterion_tender_id_code_key" ON "tender_criterion"("tender_id", "code");

-- CreateIndex
CREATE INDEX "bidder_buyer_id_name_idx" ON "bidder"("buyer_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "bid_tender_id_bidder_id_key" ON "bid"("tender_id", "bidder_id");

-- CreateIndex
CREATE INDEX "supply_chain_node_parent_id_idx" ON "supply_chain_node"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "supply_chain_node_bid_id_position_key" ON "supply_chain_node"("bid_id", "position");

-- CreateIndex
CREATE INDEX "node_evidence_node_id_idx" ON "node_evidence"("node_id");

-- CreateIndex
CREATE INDEX "node_violation_node_id_idx" ON "node_violation"("node_id");

-- CreateIndex
CREATE UNIQUE INDEX "evaluator_declaration_tender_id_user_id_key" ON "evaluator_declaration"("tender_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "grade_bid_id_criterion_code_evaluator_id_key" ON "grade"("bid_id", "criterion_code", "evaluator_id");

-- CreateIndex
CREATE UNIQUE INDEX "evaluation_tender_id_seq_key" ON "evaluation"("tender_id", "seq");

-- CreateIndex
CREATE INDEX "finding_tender_id_finding_key_idx" ON "finding"("tender_id", "finding_key");

-- CreateIndex
CREATE UNIQUE INDEX "finding_evaluation_id_finding_key_key" ON "finding"("evaluation_id", "finding_key");

-- CreateIndex
CREATE UNIQUE INDEX "finding_resolution_exclusion_id_key" ON "finding_resolution"("exclusion_id");

-- CreateIndex
CREATE UNIQUE INDEX "finding_resolution_tender_id_finding_key_key" ON "finding_resolution"("tender_id", "finding_key");

-- CreateIndex
CREATE INDEX "exclusion_decision_tender_id_status_idx" ON "exclusion_decision"("tender_id", "status");

-- CreateIndex
CREATE INDEX "award_tender_id_status_idx" ON "award"("tender_id", "status");

-- CreateIndex
CREATE INDEX "sanction_normalized_name_country_idx" ON "sanction"("normalized_name", "country");

-- CreateIndex
CREATE UNIQUE INDEX "risk_model_version_version_key" ON "risk_model_version"("version");

-- CreateIndex
CREATE UNIQUE INDEX "risk_dataset_kind_version_key" ON "risk_dataset"("kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_id_key" ON "audit_event"("id");

-- CreateIndex
CREATE INDEX "audit_event_buyer_id_seq_idx" ON "audit_event"("buyer_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_tender_id_tender_seq_key" ON "audit_event"("tender_id", "tender_seq");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_key_user_id_key_key" ON "idempotency_key"("user_id", "key");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "criteria_template_version" ADD CONSTRAINT "criteria_template_version_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "criteria_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender" ADD CONSTRAINT "tender_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender" ADD CONSTRAINT "tender_template_version_id_fkey" FOREIGN KEY ("template_version_id") REFERENCES "criteria_template_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tender_criterion" ADD CONSTRAINT "tender_criterion_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bidder" ADD CONSTRAINT "bidder_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid" ADD CONSTRAINT "bid_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bid" ADD CONSTRAINT "bid_bidder_id_fkey" FOREIGN KEY ("bidder_id") REFERENCES "bidder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_chain_node" ADD CONSTRAINT "supply_chain_node_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_chain_node" ADD CONSTRAINT "supply_chain_node_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "supply_chain_node"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_evidence" ADD CONSTRAINT "node_evidence_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "supply_chain_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_violation" ADD CONSTRAINT "node_violation_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "supply_chain_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluator_declaration" ADD CONSTRAINT "evaluator_declaration_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluator_declaration" ADD CONSTRAINT "evaluator_declaration_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grade" ADD CONSTRAINT "grade_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grade" ADD CONSTRAINT "grade_evaluator_id_fkey" FOREIGN KEY ("evaluator_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_resolution" ADD CONSTRAINT "finding_resolution_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_resolution" ADD CONSTRAINT "finding_resolution_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_resolution" ADD CONSTRAINT "finding_resolution_exclusion_id_fkey" FOREIGN KEY ("exclusion_id") REFERENCES "exclusion_decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_decision" ADD CONSTRAINT "exclusion_decision_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_decision" ADD CONSTRAINT "exclusion_decision_bid_id_fkey" FOREIGN KEY ("bid_id") REFERENCES "bid"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_revoking_exclusion_id_fkey" FOREIGN KEY ("revoking_exclusion_id") REFERENCES "exclusion_decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sanction" ADD CONSTRAINT "sanction_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
