import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

export interface DeclarationRow {
  id: string;
  tenderId: string;
  userId: string;
  impartial: boolean;
  interests: string;
  declaredAt: Date;
}

/** Officers' impartiality declarations (VöB Art. 3): one per officer and tender, replaced on repeat. */
@Injectable()
export class DeclarationRepository extends Repository {
  find(tenderId: string, userId: string): Promise<DeclarationRow | null> {
    return this.db.evaluatorDeclaration.findUnique({ where: { tenderId_userId: { tenderId, userId } } });
  }

  /** Inserts or replaces the officer's declaration; call in a transaction. */
  upsert(tenderId: string, userId: string, d: { impartial: boolean; interests: string }): Promise<DeclarationRow> {
    return this.db.evaluatorDeclaration.upsert({
      where: { tenderId_userId: { tenderId, userId } },
      create: { tenderId, userId, impartial: d.impartial, interests: d.interests },
      update: { impartial: d.impartial, interests: d.interests, declaredAt: new Date() },
    });
  }

  /** The tender's declarations, oldest first, with the officer's e-mail. */
  async page(tenderId: string, skip: number, take: number): Promise<{ rows: (DeclarationRow & { userEmail: string })[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.evaluatorDeclaration.findMany({
        where: { tenderId },
        include: { user: { select: { email: true } } },
        orderBy: [{ declaredAt: 'asc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.db.evaluatorDeclaration.count({ where: { tenderId } }),
    ]);
    return { rows: rows.map(({ user, ...d }) => ({ ...d, userEmail: user.email })), total };
  }
}
