import { enumerateRoutes, routeLine } from './support/routes';
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

  const routeTable = (): string[] => enumerateRoutes(t.app).map(routeLine).sort();

  it('every route declares its permission (deny by default)', () => {
    const table = routeTable();
    expect(table.length).toBeGreaterThan(15);
    expect(table.filter((r) => r.endsWith('-> NONE'))).toEqual([]);
  });

  it('matches the reviewed permission table', () => {
    expect(routeTable()).toMatchSnapshot();
  });
});
