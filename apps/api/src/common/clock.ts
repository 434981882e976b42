import { Injectable } from '@nestjs/common';

/**
 * The service's "now" for procedure rules (closing after the deadline, the
 * lifecycle timestamps). Production reads the system clock. Only code in the
 * application's own process sets it: the e2e tests (test/support/builders.ts)
 * and the demo seed, which records a past procedure before the service
 * listens. There is no configuration, header or route that moves it.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date();
  }

  /** The fixed time, or null when the system clock runs. */
  fixedAt(): Date | null {
    return this.fixed ? new Date(this.fixed.getTime()) : null;
  }

  /** Freeze the clock at `at`, or back to the system clock with null (in-process only, see above). */
  setFixed(at: Date | null): void {
    this.fixed = at ? new Date(at.getTime()) : null;
  }
}
