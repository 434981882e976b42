import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { jsonTextOf } from './evaluation-body';

/**
 * Sends the JSON text an answer was rendered as (withJsonText), instead of
 * serialising the object again: an evaluation's body is megabytes, rendered
 * once off the request thread. Other answers pass unchanged.
 */
@Injectable()
export class JsonTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        const text = jsonTextOf(value);
        if (text === undefined) return value;
        void context.switchToHttp().getResponse<FastifyReply>().header('content-type', 'application/json; charset=utf-8');
        return text;
      }),
    );
  }
}
