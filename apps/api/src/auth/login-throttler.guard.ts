import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Login (and own-password) attempts are limited twice: per client address and
 * account, so one user's typos do not lock out a shared office address, and per
 * client address across all accounts (the `perAddress` throttler in
 * auth.module.ts), so one address cannot spray guesses over many e-mails.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const userId = (req.auth as { userId?: string } | undefined)?.userId;
    if (userId) return `${req.ip}|user:${userId}`;
    const body = req.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
    return `${req.ip}|${email}`;
  }
}
