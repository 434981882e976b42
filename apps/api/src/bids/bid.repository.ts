import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../database/database-errors';
import { Repository } from '../database/transaction';
import { conflict } from '../common/problem';
import type { TenderHead } from '../tenders/tender.repository';
import type { BidDto, SupplyChainNodeOut } from './bids.dto';
import { treeOfNodes, type NodeJson, type NodeRow } from './supply-chain';
import { CALLER_COLUMNS, callerHead, type CallerColumns, type UserHead } from '../users/user.repository';

/** What intake needs of the tender and the bidder, read with the tender's row lock. */
export interface IntakeHead {
  /** The tender's head (as TenderRepository.lock reads it). */
  tender: TenderHead;
  currency: string;
  /** Codes of the tender's NUMBER_* criteria, in criterion order: a bid carries a figure for each. */
  numberCodes: string[];
  /** The bidder's name when it is in the register of the tender's buyer, else null. */
  bidderName: string | null;
}

export interface NewBid {
  id: string;
  tenderId: string;
  bidderId: string;
  /** Instant, as an ISO string (millisecond precision, as stored). */
  receivedAt: string;
  /** Decimal string. */
  price: string;
  figures: Record<string, string>;
  createdById: string;
  /** The normalised tree as depth-first rows (supply-chain.ts). */
  nodes: NodeRow[];
}

/** The stored bid as answered: money with at least two decimals, instants as ISO strings, dates YYYY-MM-DD. */
const MONEY = (col: string) => `CASE WHEN scale(trim_scale(${col})) < 2 THEN round(${col}, 2)::text ELSE trim_scale(${col})::text END`;
const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DAY = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/** A node without its subcontractors, keys in answer order (SupplyChainNodeOut); with its id and parent's for the tree. */
const NODE_JSON = `json_build_array(n.id, n.parent_id, json_build_object(
  'name', n.name,
  'country', n.country,
  'identifiers', json_build_object('uid', n.uid, 'lei', n.lei, 'vat', n.vat),
  'sharePercent', trim_scale(n.share_percent)::text,
  'goods', COALESCE(to_json(n.goods), '[]'::json),
  'declarations', json_build_object(
    'labourProtection', n.labour_protection,
    'workingConditions', n.working_conditions,
    'equalPay', n.equal_pay,
    'illegalEmploymentDuties', n.illegal_employment_duties,
    'environmentalLaw', n.environmental_law,
    'taxesAndSocialSecurityPaid', n.taxes_and_social_security_paid,
    'iloCoreConventions', n.ilo_core_conventions,
    'additionalConventions', COALESCE(to_json(n.additional_conventions), '[]'::json),
    'subcontractClause', n.subcontract_clause),
  'evidence', COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'issuer', e.issuer, 'issuedAt', ${DAY('e.issued_at')}, 'validUntil', ${DAY('e.valid_until')}) ORDER BY e.position)
                        FROM node_evidence e WHERE e.node_id = n.id), '[]'::json),
  'violations', COALESCE((SELECT json_agg(json_build_object('ground', v.ground, 'standard', v.standard, 'occurredAt', ${DAY('v.occurred_at')}, 'source', v.source, 'description', v.description) ORDER BY v.position)
                          FROM node_violation v WHERE v.node_id = n.id), '[]'::json)))`;

/**
 * A bid summary as compact JSON text, keys in answer order (BidSummaryDto), with JSON.stringify's bytes:
 * to_json escapes strings as it does; figures (a flat jsonb object) keep jsonb's key order, as JSON.parse
 * of jsonb's text kept it. The page is sent as this text (test/bid-list-json.e2e-spec.ts holds the bytes).
 */
const SUMMARY_TEXT = `'{"id":"' || b.id::text || '","tenderId":"' || b.tender_id::text || '","bidderId":"' || b.bidder_id::text
  || '","bidderName":' || to_json(r.name)::text || ',"receivedAt":"' || ${ISO('b.received_at')} || '","price":"' || ${MONEY('b.price')}
  || '","currency":' || to_json(t.currency::text)::text
  || ',"figures":' || CASE WHEN jsonb_typeof(b.figures) = 'object'
       THEN '{' || COALESCE((SELECT string_agg(to_json(f.key)::text || ':' || f.value::text, ',' ORDER BY f.n)
                               FROM jsonb_each(b.figures) WITH ORDINALITY AS f(key, value, n)), '') || '}'
       ELSE b.figures::text END
  || ',"nodeCount":' || (SELECT count(*) FROM supply_chain_node n WHERE n.bid_id = b.id)::text
  || ',"createdAt":"' || ${ISO('b.created_at')} || '"}'`;

/** A tender's bid page ($1 tender, $2 limit, $3 offset) and, when $4 is a user id, the caller's row (auth/caller-in-read.ts). */
const LIST_SQL = `
SELECT ${CALLER_COLUMNS}, t.buyer_id::text AS "buyerId",
       (SELECT count(*) FROM bid c WHERE c.tender_id = t.id)::int AS total,
       (SELECT '[' || COALESCE(string_agg(${SUMMARY_TEXT}, ',' ORDER BY b.received_at, b.id), '') || ']'
          FROM (SELECT * FROM bid WHERE tender_id = t.id ORDER BY received_at, id LIMIT $2 OFFSET $3) b
          JOIN bidder r ON r.id = b.bidder_id) AS items
  FROM (SELECT) one LEFT JOIN app_user u ON u.id = $4::uuid LEFT JOIN tender t ON t.id = $1::uuid`;

/** One bid ($2) of a tender ($1) and, when $3 is a user id, the caller's row. */
const ONE_SQL = `
SELECT ${CALLER_COLUMNS}, t.buyer_id::text AS "buyerId",
       (SELECT json_build_array(b.id, b.tender_id, b.bidder_id, r.name, ${ISO('b.received_at')}, ${MONEY('b.price')}, t.currency, b.figures, ${ISO('b.created_at')},
                                (SELECT json_agg(${NODE_JSON} ORDER BY n.position) FROM supply_chain_node n WHERE n.bid_id = b.id))::text
          FROM bid b JOIN bidder r ON r.id = b.bidder_id WHERE b.id = $2::uuid AND b.tender_id = t.id) AS bid
  FROM (SELECT) one LEFT JOIN app_user u ON u.id = $3::uuid LEFT JOIN tender t ON t.id = $1::uuid`;

/** The reads run on the pool directly outside a transaction (Repository.lean); every column is text, int or bool. */
const LIST = { name: 'bid_page', text: LIST_SQL };
const ONE = { name: 'bid_one', text: ONE_SQL };

type StoredBid = [string, string, string, string, string, string, string, Record<string, string>, string, NodeJson[]];

/**
 * The bid aggregate: a bid with its supply chain (nodes, their evidence and
 * violations). Written in one statement, read in one statement with the JSON
 * assembled by PostgreSQL. The only code that touches these tables' rows for the API.
 */
@Injectable()
export class BidRepository extends Repository {
  /**
   * One statement: the tender's head under FOR SHARE (a concurrent close
   * waits for this bid, and this bid sees a close that committed first; the
   * lock covers the tender row only), its currency and NUMBER criteria, and the
   * bidder's name if it is in the register of the tender's buyer. Null: no
   * such tender. Not scoped by buyer: the caller passes the head to
   * AccessService.require before it uses anything else.
   */
  async lockForIntake(tenderId: string, bidderId: string): Promise<IntakeHead | null> {
    const rows = await this.db.$queryRaw<(TenderHead & Omit<IntakeHead, 'tender'>)[]>`
      SELECT t.id::text AS id, t.buyer_id::text AS "buyerId", t.status, t.version, t.published_at AS "publishedAt", t.currency::text AS currency,
             ARRAY(SELECT c.code FROM tender_criterion c
                    WHERE c.tender_id = t.id AND c.kind IN ('NUMBER_LOWER_BETTER', 'NUMBER_HIGHER_BETTER') ORDER BY c.position, c.code) AS "numberCodes",
             (SELECT r.name FROM bidder r WHERE r.id = ${bidderId}::uuid AND r.buyer_id = t.buyer_id) AS "bidderName"
        FROM tender t WHERE t.id = ${tenderId}::uuid FOR SHARE OF t`;
    const row = rows[0];
    if (!row) return null;
    const { id, buyerId, status, version, publishedAt, currency, numberCodes, bidderName } = row;
    return { tender: { id, buyerId, status, version, publishedAt }, currency, numberCodes, bidderName };
  }

  /**
   * The bid, its nodes, evidence and violations in one statement; answers what
   * the database set (created_at, and figures as stored). A second bid of the
   * same bidder on the tender is DUPLICATE.
   */
  async insert(bid: NewBid): Promise<{ createdAt: Date; figures: Record<string, string> }> {
    const nodes: unknown[] = [];
    const evidence: unknown[] = [];
    const violations: unknown[] = [];
    for (const { id, parentId, position, path, node: n } of bid.nodes) {
      const d = n.declarations;
      nodes.push({
        id,
        parent_id: parentId,
        position,
        path,
        name: n.name,
        country: n.country,
        uid: n.identifiers.uid,
        lei: n.identifiers.lei,
        vat: n.identifiers.vat,
        share_percent: n.sharePercent,
        goods: n.goods,
        labour_protection: d.labourProtection,
        working_conditions: d.workingConditions,
        equal_pay: d.equalPay,
        illegal_employment_duties: d.illegalEmploymentDuties,
        environmental_law: d.environmentalLaw,
        taxes_and_social_security_paid: d.taxesAndSocialSecurityPaid,
        ilo_core_conventions: d.iloCoreConventions,
        additional_conventions: d.additionalConventions,
        subcontract_clause: d.subcontractClause,
      });
      n.evidence.forEach((e, i) =>
        evidence.push({ node_id: id, position: i, kind: e.kind, issuer: e.issuer, issued_at: e.issuedAt, valid_until: e.validUntil }),
      );
      n.violations.forEach((v, i) =>
        violations.push({
          node_id: id,
          position: i,
          ground: v.ground,
          standard: v.standard,
          occurred_at: v.occurredAt,
          source: v.source,
          description: v.description,
        }),
      );
    }
    try {
      const rows = await this.db.$queryRaw<{ createdAt: Date; figures: Record<string, string> }[]>`
        WITH b AS (
          INSERT INTO bid (id, tender_id, bidder_id, received_at, price, figures, created_by_id)
          VALUES (${bid.id}::uuid, ${bid.tenderId}::uuid, ${bid.bidderId}::uuid, ${bid.receivedAt}::timestamptz, ${bid.price}::numeric,
                  ${JSON.stringify(bid.figures)}::jsonb, ${bid.createdById}::uuid)
          RETURNING created_at, figures
        ), n AS (
          INSERT INTO supply_chain_node (id, bid_id, parent_id, position, path, name, country, uid, lei, vat, share_percent, goods,
                                         labour_protection, working_conditions, equal_pay, illegal_employment_duties, environmental_law,
                                         taxes_and_social_security_paid, ilo_core_conventions, additional_conventions, subcontract_clause)
          SELECT x.id, ${bid.id}::uuid, x.parent_id, x.position, x.path, x.name, x.country, x.uid, x.lei, x.vat, x.share_percent, x.goods,
                 x.labour_protection, x.working_conditions, x.equal_pay, x.illegal_employment_duties, x.environmental_law,
                 x.taxes_and_social_security_paid, x.ilo_core_conventions, x.additional_conventions, x.subcontract_clause
            FROM jsonb_to_recordset(${JSON.stringify(nodes)}::jsonb) AS x(
                 id uuid, parent_id uuid, position int, path text[], name text, country text, uid text, lei text, vat text,
                 share_percent numeric, goods text[], labour_protection boolean, working_conditions boolean, equal_pay boolean,
                 illegal_employment_duties boolean, environmental_law boolean, taxes_and_social_security_paid boolean,
                 ilo_core_conventions boolean, additional_conventions text[], subcontract_clause boolean)
        ), e AS (
          INSERT INTO node_evidence (id, node_id, position, kind, issuer, issued_at, valid_until)
          SELECT gen_random_uuid(), x.node_id, x.position, x.kind, x.issuer, x.issued_at, x.valid_until
            FROM jsonb_to_recordset(${JSON.stringify(evidence)}::jsonb) AS x(node_id uuid, position int, kind "EvidenceKind", issuer text, issued_at date, valid_until date)
        ), v AS (
          INSERT INTO node_violation (id, node_id, position, ground, standard, occurred_at, source, description)
          SELECT gen_random_uuid(), x.node_id, x.position, x.ground, x.standard, x.occurred_at, x.source, x.description
            FROM jsonb_to_recordset(${JSON.stringify(violations)}::jsonb)
                 AS x(node_id uuid, position int, ground text, standard "ViolationStandard", occurred_at date, source text, description text)
        )
        SELECT created_at AS "createdAt", figures FROM b`;
      return rows[0];
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('DUPLICATE', 'This bidder already has a bid on this tender');
      throw e;
    }
  }

  /**
   * One page of a tender's bids (oldest first) as JSON text, and their total, with the tender's buyer for the
   * access check (null: no such tender), and the caller's row when asked (auth/caller-in-read.ts).
   */
  async page(
    tenderId: string,
    take: number,
    skip: number,
    callerId: string | null = null,
  ): Promise<{ caller: UserHead | null; page: { buyerId: string; total: number; items: string } | null }> {
    const [row] = await this.lean<{ buyerId: string | null; total: number; items: string } & CallerColumns>(LIST, tenderId, take, skip, callerId);
    return { caller: callerHead(row), page: row.buyerId === null ? null : { buyerId: row.buyerId, total: row.total, items: row.items } };
  }

  /**
   * One bid of a tender with its supply chain, and the tender's buyer; found null: no such tender; bid null:
   * no such bid on it. With the caller's row when asked.
   */
  async findOne(
    tenderId: string,
    bidId: string,
    callerId: string | null = null,
  ): Promise<{ caller: UserHead | null; found: { buyerId: string; bid: BidDto | null } | null }> {
    const [row] = await this.lean<{ buyerId: string | null; bid: string | null } & CallerColumns>(ONE, tenderId, bidId, callerId);
    const caller = callerHead(row);
    if (row.buyerId === null) return { caller, found: null };
    if (row.bid === null) return { caller, found: { buyerId: row.buyerId, bid: null } };
    const [id, tid, bidderId, bidderName, receivedAt, price, currency, figures, createdAt, nodes] = JSON.parse(row.bid) as StoredBid;
    const supplyChain: SupplyChainNodeOut = treeOfNodes(nodes ?? []);
    return {
      caller,
      found: { buyerId: row.buyerId, bid: { id, tenderId: tid, bidderId, bidderName, receivedAt, price, currency, figures, supplyChain, createdAt } },
    };
  }
}
