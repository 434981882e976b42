import { Injectable } from '@nestjs/common';
import { Repository } from '../database/transaction';

/** What access decisions read: the caller's impartiality declaration on a tender, in the acting transaction. */
@Injectable()
export class AccessRepository extends Repository {
  async declaration(tenderId: string, userId: string): Promise<{ impartial: boolean } | null> {
    return this.db.evaluatorDeclaration.findUnique({ where: { tenderId_userId: { tenderId, userId } }, select: { impartial: true } });
  }
}
