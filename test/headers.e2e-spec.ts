import { twoBuyerSuite } from './support/test-app';

/**
 * Response headers: nosniff on every answer; no-store on the token answer and
 * on every answer under /api/v1 (authenticated data, errors included);
 * nothing may frame any page, the API docs included, while Swagger UI keeps
 * working under its Content-Security-Policy.
 */
describe('security headers', () => {
  const s = twoBuyerSuite();

  const directives = (csp: string | null): Map<string, string> =>
    new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')]),
    );

  it('the token answer is not stored by any cache and not sniffed', async () => {
    const res = await s.t.api.post('/api/v1/auth/token', { email: s.w.officer.email, password: s.w.officer.password });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['an authenticated list', 'GET', '/api/v1/tenders', 200],
    ['an authenticated read of a buyer', 'GET', 'BUYER', 200],
    ['a refused read (no token)', 'GET', '/api/v1/tenders', 401],
    ['an unknown id', 'GET', '/api/v1/tenders/00000000-0000-4000-8000-000000000000', 404],
    ['an invalid body', 'POST', '/api/v1/tenders', 422],
  ])('%s under /api/v1 carries no-store and nosniff', async (_what, method, path, status) => {
    const url = path === 'BUYER' ? `/api/v1/buyers/${s.w.buyerId}` : path;
    const api = status === 401 ? s.t.api : s.w.officer.api;
    const res = await api.request(method, url, method === 'POST' ? { title: 1 } : undefined);
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('errors Fastify answers before any route (bad URL encoding, over-long path) carry nosniff and no-store too', async () => {
    for (const [path, status] of [
      ['/api/v1/tenders/%E0%A4%A', 400],
      [`/api/v1/tenders/${'a'.repeat(5000)}`, 414],
    ] as const) {
      const res = await s.w.officer.api.get(path);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('/health is not framed and not sniffed', async () => {
    const res = await s.t.api.get('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('/api/docs cannot be framed; its CSP allows exactly what Swagger UI loads (same-origin scripts, no inline script)', async () => {
    const page = await s.t.api.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = directives(page.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");

    // The page works under script-src 'self' only if every script is an external same-origin file that is served.
    const html = page.text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attrs)?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const asset = await s.t.api.get(new URL(src!, `${s.t.api.baseUrl}/api/docs`).pathname);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    }
    // Stylesheets from the same origin; inline style blocks need 'unsafe-inline' in style-src, images data: URIs.
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    const json = await s.t.api.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
