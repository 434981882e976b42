import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min, Validate, ValidatorConstraint, validateSync } from 'class-validator';
import { IsCalendarDay } from './calendar-day';
import type { DomainError, FieldError } from './problem';
import { createValidationPipe, flattenValidationErrors, shapeErrors } from './validation';

class Sample {
  @IsInt()
  @Min(0)
  @Max(5)
  grade!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @IsNumber()
  @Max(10)
  ratio?: number;
}

const errorsOf = (body: object) => flattenValidationErrors(validateSync(plainToInstance(Sample, body)));

describe('one message for a value of the wrong type', () => {
  it('a string grade: one message naming the field and its range', () => {
    expect(errorsOf({ grade: '4' })).toEqual([{ field: 'grade', message: 'grade must be an integer 0–5' }]);
  });
  it('every integer and number field behaves the same', () => {
    expect(errorsOf({ grade: 1, page: 'x', ratio: '2' })).toEqual([
      { field: 'page', message: 'page must be an integer ≥ 1' },
      { field: 'ratio', message: 'ratio must be a number ≤ 10' },
    ]);
    // 2.5 is within 0–5, so class-validator reports no bound to fold in.
    expect(errorsOf({ grade: 2.5 })).toEqual([{ field: 'grade', message: 'grade must be an integer' }]);
  });
  it('a number of the right type out of range keeps the range message alone', () => {
    expect(errorsOf({ grade: 7 })).toEqual([{ field: 'grade', message: 'grade must not be greater than 5' }]);
    expect(errorsOf({ grade: 3 })).toEqual([]);
  });
});

class Period {
  @IsCalendarDay()
  from!: string;

  @IsOptional()
  @IsCalendarDay({ each: true })
  holidays?: string[];
}

describe('calendar days keep to the years 1900–2999 (the shape check, before any service or the database)', () => {
  const shapeOf = (body: object) => {
    const out: FieldError[] = [];
    shapeErrors(Period, body, '', out);
    return out;
  };
  it.each(['1900-01-01', '2999-12-31', '2999-12-31T12:00:00+01:00'])('%s is accepted', (from) => {
    expect(shapeOf({ from })).toEqual([]);
  });
  it.each(['9999-12-30', '1899-12-31', '3000-01-01', '2999-12-31T23:30:00-01:00'])('%s is refused, naming the field', (from) => {
    expect(shapeOf({ from })).toEqual([{ field: 'from', message: 'must be a date in the years 1900 to 2999' }]);
  });
  it('each entry of a list of days is checked', () => {
    expect(shapeOf({ from: '2026-01-01', holidays: ['2026-12-25', '9999-12-31'] })).toEqual([
      { field: 'holidays[1]', message: 'must be a date in the years 1900 to 2999' },
    ]);
  });
  it('what is no date at all is left to the calendar-day validator', () => {
    expect(shapeOf({ from: '+275760-01-01' })).toEqual([]);
  });
});

describe('the pipe keeps each class’s rules, and sees rules added later', () => {
  const pipe = createValidationPipe();
  const run = async (metatype: new () => object, body: unknown): Promise<FieldError[]> => {
    try {
      await pipe.transform(body, { type: 'body', metatype, data: '' });
      return [];
    } catch (e) {
      return (e as DomainError).errors ?? [];
    }
  };

  it('a rule added to a class after it was first validated is applied from then on', async () => {
    class Late {
      @IsOptional()
      @IsInt()
      a?: number;
    }
    expect(await run(Late, { a: 1, b: 'x' })).toEqual([{ field: 'b', message: 'unknown field' }]);
    // b gets a rule only now: the kept rules of Late must not hide it.
    IsInt()(Late.prototype, 'b');
    expect(await run(Late, { a: 1, b: 'x' })).toEqual([{ field: 'b', message: 'b must be an integer' }]);
    expect(await run(Late, { a: 1, b: 2 })).toEqual([]);
  });

  it('an async rule is awaited: the pipe leaves validateSync once one is registered', async () => {
    @ValidatorConstraint({ name: 'isRemoteOk', async: true })
    class RemoteOk {
      validate(v: unknown) {
        return new Promise<boolean>((r) => setTimeout(() => r(v === 'ok'), 1));
      }
      defaultMessage() {
        return 'not ok remotely';
      }
    }
    class Remote {
      @Validate(RemoteOk)
      v!: string;
    }
    expect(await run(Remote, { v: 'nope' })).toEqual([{ field: 'v', message: 'not ok remotely' }]);
    expect(await run(Remote, { v: 'ok' })).toEqual([]);
  });
});
