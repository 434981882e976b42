/** The four languages of the service: English (default), and Switzerland's French, German and Italian. */
export type Lang = 'en' | 'fr' | 'de' | 'it';
export const LANGS: readonly Lang[] = ['en', 'fr', 'de', 'it'];
export const DEFAULT_LANG: Lang = 'en';

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && (LANGS as readonly string[]).includes(x);

/**
 * The language for an `Accept-Language` header (RFC 9110 §12.5.4): the
 * highest q-value whose primary subtag we speak (`de-CH` → de, `fr-CH` → fr,
 * `it-CH` → it); ties keep the header's order; `*` or nothing known → en.
 * Malformed entries are skipped, never an error: a header cannot break a request.
 */
export function negotiateLang(header: string | string[] | null | undefined): Lang {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: Lang; q: number } | null = null;
  for (const part of text.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
      else if (/^\s*q\s*=/i.test(p)) q = -1;
    }
    if (q <= 0 || q > 1) continue;
    const lang: Lang | null = primary === '*' ? DEFAULT_LANG : isLang(primary) ? primary : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}
