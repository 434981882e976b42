import type { INestApplicationContext } from '@nestjs/common';
import { ensureReferenceData } from '../admin/reference-data.service';
import type { AppConfig } from '../config/app-config';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';
import { type DemoCredentials, seedDemo, writeCredentials } from './demo';

/** First admin from ADMIN_EMAIL / ADMIN_PASSWORD; nothing is created when they are unset. */
export async function ensureFirstAdmin(app: INestApplicationContext, config: AppConfig): Promise<boolean> {
  if (!config.adminEmail || !config.adminPassword) return false;
  if (await app.get(UserRepository).findByEmail(config.adminEmail.toLowerCase())) return false;
  await app.get(UsersService).create(null, { email: config.adminEmail, password: config.adminPassword, role: 'ADMIN' });
  return true;
}

export interface SeededDemo {
  creds: DemoCredentials[];
  /** The 0600 file under DATA_DIR that keeps them. */
  file: string;
}

/**
 * Reference data, first admin, demo seed. The demo passwords are written to
 * DATA_DIR at once and returned: main.ts prints them after the service
 * listens, so they are the last thing a newcomer sees, not lost among the
 * start-up lines.
 */
export async function runStartupTasks(app: INestApplicationContext, config: AppConfig, embedded: boolean): Promise<SeededDemo | null> {
  await ensureReferenceData(app);
  await ensureFirstAdmin(app, config);
  if (config.seedDemo) {
    const creds = await seedDemo(app);
    return creds ? { creds, file: writeCredentials(creds, config.port, config.dataDir) } : null;
  } else if (embedded === false && (await app.get(UserRepository).count()) === 0) {
    process.stdout.write('No users yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run cli -- create-admin <email>`.\n');
  }
  return null;
}
