import { TendersService } from '../apps/api/src/tenders/tenders.service';
import type { AuthContext } from '../apps/api/src/auth/auth-context';
import { publishTender, tenderBody } from './support/builders';
import { twoBuyerSuite } from './support/test-app';

/**
 * GET /tenders/:id sends the JSON text PostgreSQL assembles (TenderRepository.body):
 * byte for byte what toTenderDto + JSON.stringify wrote, for texts that need
 * escaping, decimals with and without trailing zeros, nulls and instants.
 */
describe('GET /tenders/:id: the text PostgreSQL assembles is toTenderDto’s JSON', () => {
  const s = twoBuyerSuite();
  const auth = (): AuthContext => ({ userId: s.w.officer.id, email: s.w.officer.email, role: 'OFFICER', buyerId: s.w.buyerId, requestId: 't' });

  const bodies = [
    tenderBody({
      title: 'Quote " back\\slash / ünïcödé 😀 <b>&amp;</b> \u2028 end',
      goods: ['Garments', 'Tôles d’acier "A"'],
      placesOfPerformance: ['CH', 'DE'],
    }),
    tenderBody({
      referencePrice: '1000',
      priceBasis: 'REFERENCE',
      abnormallyLowThreshold: '0.755',
      tieBreak: ['QUALITY'],
      additionalConventions: ['C155'],
      criteria: [
        { code: 'PRICE', name: 'Prix « net »', kind: 'PRICE', weight: '33.5', priceMethod: 'LINEAR_SPAN', span: '0.25' },
        { code: 'QUALITY', name: 'Qualität\tTab', kind: 'QUALITY', weight: '46.5' },
        { code: 'HUMAN_RIGHTS', name: 'Human rights', kind: 'HUMAN_RIGHTS', weight: '20' },
      ],
    }),
    tenderBody({ referencePrice: '1234.5678', priceBasis: 'REFERENCE' }),
  ];

  it.each(bodies.map((b, i) => [i, b]))('tender %i', async (_i, body) => {
    const created = await s.w.officer.api.post('/api/v1/tenders', body);
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const id = created.body.id as string;
    const draft = await s.w.officer.api.get(`/api/v1/tenders/${id}`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(draft.headers.get('etag')).toBe('"v1"');
    expect(draft.text).toBe(JSON.stringify(created.body));
    expect(draft.text).toBe(JSON.stringify(await s.t.app.get(TendersService).get(auth(), id)));
    // Published: the instants set by the service.
    expect((await publishTender(s.t, s.w.officer.api, id)).status).toBe(200);
    const published = await s.w.officer.api.get(`/api/v1/tenders/${id}`);
    expect(JSON.parse(published.text).publishedAt).not.toBeNull();
    expect(published.text).toBe(JSON.stringify(await s.t.app.get(TendersService).get(auth(), id)));
  });
});
