import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@app/procedure';

export const PERMISSION_KEY = 'tender:permission';

/**
 * The permission a route needs (libs/procedure/src/access.ts). The guard checks
 * the caller's role against it before the handler; the service checks the
 * target (buyer, impartiality, four-eyes) with AccessService.require inside
 * its transaction. A route without @Allow or @Public is denied to everyone.
 */
export const Allow = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
