import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { negotiateLang, type Lang } from '@app/i18n';

/**
 * The caller's language from `Accept-Language` (q-values honoured, de-CH → de,
 * default en): finding messages and data-gap notes are answered in it; codes
 * never change with it.
 */
export const RequestLang = createParamDecorator((_: unknown, ctx: ExecutionContext): Lang =>
  negotiateLang(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['accept-language']),
);
