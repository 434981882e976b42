import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { PERMISSIONS, type Permission } from '@app/procedure';
import { PUBLIC_KEY } from '../apps/api/src/auth/auth-context';
import { PERMISSION_KEY } from '../apps/api/src/auth/access';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Who may call what, for every route: a change shows up in review as a
 * snapshot diff. Also proves deny-by-default: no route lacks a declaration.
 */
describe('route permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  function routeTable(): string[] {
    const modules = t.app.get(ModulesContainer);
    const reflector = t.app.get(Reflector);
    const scanner = new MetadataScanner();
    const rows: string[] = [];
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
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype]);
        const permission = reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, metatype]);
        const who = permission ? `${permission} (${[...PERMISSIONS[permission].roles].sort().join(',')})` : 'NONE';
        rows.push(`${method.padEnd(6)} ${full} -> ${isPublic ? 'PUBLIC' : who}`);
      }
    }
    return rows.sort();
  }

  it('every route declares its permission (deny by default)', () => {
    const table = routeTable();
    expect(table.length).toBeGreaterThan(15);
    expect(table.filter((r) => r.endsWith('-> NONE'))).toEqual([]);
  });

  it('matches the reviewed permission table', () => {
    expect(routeTable()).toMatchSnapshot();
  });
});
