import { Injectable } from '@nestjs/common';
import { normaliseName } from '@app/evaluation';
import { addDays, dayOfDateValue, isDate, zurichDate } from '@app/procedure';
import { RescreeningService } from '../alerts/rescreening.service';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { AccessService } from '../auth/access.service';
import { Transactional } from '../database/transaction';
import { SanctionRepository, type SanctionRow } from './sanction.repository';
import { FieldError, invalid, notFound } from '../common/problem';
import { CreateSanctionDto, identifierList, SanctionDto, SanctionQueryDto, SanctionStatus } from './sanctions.dto';
import { Page, pageFromList } from '../common/paging';

const day = dayOfDateValue;
/** Art. 45(1): excluded for up to 5 years. */
const MAX_YEARS = 5;

/** The last day of a period of `years` years starting on `from` (inclusive): the day before the anniversary; from 29 February, the anniversary is 1 March. */
function lastDayWithin(from: string, years: number): string {
  const [y, m, d] = from.split('-');
  const same = `${Number(y) + years}-${m}-${d}`;
  return addDays(isDate(same) ? same : `${Number(y) + years}-03-01`, -1);
}

function statusOf(s: Pick<SanctionRow, 'from' | 'until'>, today: string): SanctionStatus {
  if (today < day(s.from)) return 'UPCOMING';
  return today > day(s.until) ? 'EXPIRED' : 'ACTIVE';
}

/** What the audit trail keeps of an entry: everything but the status of the day. */
function recorded(s: SanctionDto): Omit<SanctionDto, 'status'> {
  const { status: _status, ...rest } = s;
  return rest;
}

export function toSanctionDto(s: SanctionRow, today = zurichDate(new Date())): SanctionDto {
  return {
    id: s.id,
    name: s.name,
    normalizedName: s.normalizedName,
    identifiers: s.identifiers,
    country: s.country,
    ground: s.ground,
    reasons: s.reasons,
    from: day(s.from),
    until: day(s.until),
    scope: s.scope,
    buyerId: s.buyerId,
    status: statusOf(s, today),
    createdById: s.createdById,
    createdAt: s.createdAt.toISOString(),
  };
}

/**
 * The Art. 45 sanctions list (ADMIN). The evaluation engine does the matching
 * (identifier, or normalised name and country; period covering the tender's
 * deadline; scope covering its buyer): here the entries are kept, with the
 * normalised name stored for look-ups.
 */
@Injectable()
export class SanctionsService {
  constructor(
    private readonly sanctions: SanctionRepository,
    private readonly audit: AuditService,
    private readonly rescreening: RescreeningService,
    private readonly access: AccessService,
  ) {}

  @Transactional()
  async create(auth: AuthContext, dto: CreateSanctionDto): Promise<SanctionDto> {
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Sanction' });
    const errors: FieldError[] = [];
    const normalizedName = normaliseName(dto.name);
    if (normalizedName === '') errors.push({ field: 'name', message: 'name must contain letters or digits' });
    // Both are calendar dates (checked by the DTO).
    if (dto.until < dto.from) errors.push({ field: 'until', message: 'until must not be before from' });
    const lastDay = lastDayWithin(dto.from, MAX_YEARS);
    if (dto.until > lastDay) errors.push({ field: 'until', message: `a sanction lasts at most ${MAX_YEARS} years (Art. 45(1)): until at most ${lastDay}` });
    if (dto.scope === 'BUYER' && !dto.buyerId) errors.push({ field: 'buyerId', message: 'a BUYER-scope sanction names the buyer concerned' });
    if (dto.scope === 'ALL_FEDERAL' && dto.buyerId)
      errors.push({ field: 'buyerId', message: 'an ALL_FEDERAL sanction applies to every federal buyer and names none' });
    if (dto.scope === 'BUYER' && dto.buyerId && !(await this.sanctions.knownBuyers([dto.buyerId])).has(dto.buyerId)) {
      errors.push({ field: 'buyerId', message: 'no buyer with this id' });
    }
    if (errors.length) throw invalid(errors);
    const s = await this.sanctions.create({
      name: dto.name.trim(),
      normalizedName,
      identifiers: identifierList(dto.identifiers),
      country: dto.country.toUpperCase(),
      ground: dto.ground,
      reasons: dto.reasons?.trim() || null,
      from: dto.from,
      until: dto.until,
      scope: dto.scope,
      buyerId: dto.scope === 'BUYER' ? dto.buyerId! : null,
      createdById: auth.userId,
    });
    const out = toSanctionDto(s);
    await this.audit.record({
      auth,
      action: 'sanction.created',
      objectType: 'sanction',
      objectId: s.id,
      tenderId: null,
      buyerId: s.buyerId,
      payload: { sanction: recorded(out) },
    });
    // Art. 26(1): active awards it may concern are screened again.
    await this.rescreening.request(auth, { kind: 'SANCTION', id: s.id, label: `sanction ${s.name}`, buyerIds: s.buyerId ? [s.buyerId] : null });
    return out;
  }

  async list(q: SanctionQueryDto): Promise<Page<SanctionDto>> {
    const today = zurichDate(new Date());
    const rows = await this.sanctions.all();
    // The status is relative to today (Europe/Zurich), so the filter runs on the mapped entries.
    return pageFromList(
      q,
      rows.map((s) => toSanctionDto(s, today)).filter((s) => !q.status || s.status === q.status),
    );
  }

  async get(auth: AuthContext, id: string): Promise<SanctionDto> {
    const s = await this.sanctions.find(id);
    if (!s) throw notFound('Sanction');
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Sanction' });
    return toSanctionDto(s);
  }

  /** Removes an entry (Art. 45: an entry is deleted when the sanction expires); the audit trail keeps what it said. */
  @Transactional()
  async remove(auth: AuthContext, id: string): Promise<void> {
    const s = await this.sanctions.lock(id);
    if (!s) throw notFound('Sanction');
    await this.access.require(auth, 'reference.manage', { buyerId: null, label: 'Sanction' });
    if (!(await this.sanctions.remove(id))) throw notFound('Sanction');
    await this.audit.record({
      auth,
      action: 'sanction.deleted',
      objectType: 'sanction',
      objectId: id,
      tenderId: null,
      buyerId: s.buyerId,
      payload: { sanction: recorded(toSanctionDto(s)) },
    });
  }
}
