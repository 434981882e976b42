import { bidBody, bidder, nodeBody, publishedTender } from './support/builders';

import { twoBuyerSuite } from './support/test-app';

jest.setTimeout(60_000);

/**
 * A close racing with bid submissions: every bid that is stored was stored
 * before the close the tender row records, and every other submission was
 * refused with 409 naming the CLOSED status. Repeated a few rounds, because
 * one round may happen not to interleave.
 */
describe('tender close racing with bid submissions', () => {
  const s = twoBuyerSuite();
  const ROUNDS = 3;
  const BIDS = 16;

  it(`stores no bid after the recorded close (${ROUNDS} rounds of ${BIDS} bids and a close)`, async () => {
    let stored = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // A deadline just past in real time: the close below runs on the system clock, as in service.
      const tenderId = await publishedTender(s.w.officer, { submissionDeadline: new Date(Date.now() - 1000).toISOString() });
      const bidders = await Promise.all(Array.from({ length: BIDS }, (_, i) => bidder(s.w.officer, `Racer ${round}-${i} AG`)));
      const submit = (bidderId: string, i: number) =>
        s.w.officer.api.post(
          `/api/v1/tenders/${tenderId}/bids`,
          bidBody(bidderId, { price: `${100000 + i}.00`, supplyChain: nodeBody(`Racer ${round}-${i} AG`) }),
        );
      // The close is sent among the submissions, not after them.
      const half = BIDS / 2;
      const answers = await Promise.all([
        ...bidders.slice(0, half).map((b, i) => submit(b, i)),
        s.w.officer.api.post(`/api/v1/tenders/${tenderId}/close`),
        ...bidders.slice(half).map((b, i) => submit(b, half + i)),
      ]);
      const close = answers[half];
      expect(close.status).toBe(200);
      const bidAnswers = answers.filter((_, i) => i !== half);
      for (const a of bidAnswers) {
        expect([201, 409]).toContain(a.status);
        if (a.status === 409) expect(a.body.tenderStatus).toBe('CLOSED');
      }

      const tender = await s.t.prisma.tender.findUniqueOrThrow({ where: { id: tenderId } });
      const bids = await s.t.prisma.bid.findMany({ where: { tenderId } });
      const closeEvent = await s.t.prisma.auditEvent.findFirstOrThrow({ where: { tenderId, action: 'tender.close' } });
      expect(tender.status).toBe('CLOSED');
      expect(bids).toHaveLength(bidAnswers.filter((a) => a.status === 201).length);
      const late = bids.filter((b) => b.createdAt.getTime() > tender.closedAt!.getTime());
      expect(late.map((b) => `${b.id} created ${b.createdAt.toISOString()} after close ${tender.closedAt!.toISOString()}`)).toEqual([]);
      // The audit trail tells the same order: every bid's event precedes the close's.
      const bidEvents = await s.t.prisma.auditEvent.findMany({ where: { tenderId, action: 'bid.submitted' } });
      expect(bidEvents).toHaveLength(bids.length);
      for (const e of bidEvents) expect(e.seq < closeEvent.seq).toBe(true);
      stored += bids.length;
      refused += bidAnswers.length - bids.length;
    }
    console.log(`close race: ${stored} bids stored before the close, ${refused} refused with 409, over ${ROUNDS} rounds`);
  });
});
