import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min, validateSync } from 'class-validator';
import { flattenValidationErrors } from './validation';

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
