import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { PERMISSIONS, type Permission } from '@app/procedure';
import { PUBLIC_KEY } from '../../apps/api/src/auth/auth-context';
import { PERMISSION_KEY } from '../../apps/api/src/auth/access';

/** A route of the running application, as its controllers declare it. */
export interface RouteInfo {
  method: string;
  /** e.g. /api/v1/tenders/:id/bids/:bidId */
  path: string;
  isPublic: boolean;
  permission: Permission | undefined;
  /** The `:name` parameters in path order, each with the path segment before it ("tenders/:id"). */
  params: { name: string; key: string }[];
}

/** Every route of every controller (the one enumeration: routes.e2e-spec.ts, access.e2e-spec.ts). */
export function enumerateRoutes(app: INestApplicationContext): RouteInfo[] {
  const modules = app.get(ModulesContainer);
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${[base, String(path)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      const segments = full.split('/');
      const params = segments.flatMap((s, i) => (s.startsWith(':') ? [{ name: s.slice(1), key: `${segments[i - 1]}/${s}` }] : []));
      routes.push({
        method,
        path: full,
        isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype]) === true,
        permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, metatype]),
        params,
      });
    }
  }
  return routes.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
}

/** `GET    /api/v1/tenders/:id -> tender.read (AUDITOR,OFFICER)`: the reviewed route table's line. */
export function routeLine(r: RouteInfo): string {
  const who = r.permission ? `${r.permission} (${[...PERMISSIONS[r.permission].roles].sort().join(',')})` : 'NONE';
  return `${r.method.padEnd(6)} ${r.path} -> ${r.isPublic ? 'PUBLIC' : who}`;
}

export const PERMISSION_TABLE_BEGIN = '<!-- permission table: generated from libs/procedure/src/access.ts PERMISSIONS, checked by test/access.e2e-spec.ts -->';
export const PERMISSION_TABLE_END = '<!-- end of permission table -->';

/** The permission table of docs/security.md, from PERMISSIONS and the routes that name each permission. */
export function permissionTableMarkdown(routes: RouteInfo[]): string {
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map((p) => {
    const spec: { roles: readonly string[]; scope: string; impartiality?: boolean; fourEyes?: boolean; description: string } = PERMISSIONS[p];
    const gates = [spec.impartiality ? 'impartiality' : '', spec.fourEyes ? 'four-eyes' : ''].filter(Boolean).join(', ') || '—';
    const used = routes.filter((r) => r.permission === p).map((r) => `\`${r.method} ${r.path.replace('/api/v1', '')}\``);
    return `| \`${p}\` | ${[...spec.roles].join(', ')} | ${spec.scope} | ${gates} | ${spec.description} | ${used.join(', ') || '—'} |`;
  });
  return [
    PERMISSION_TABLE_BEGIN,
    '',
    '| permission | roles | scope | gates | what it allows | routes (under /api/v1) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    PERMISSION_TABLE_END,
  ].join('\n');
}
