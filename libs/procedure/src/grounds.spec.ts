import { defaultGround, groundArticleOf } from './grounds';

describe('Art. 44 grounds', () => {
  it('prints a ground code as its article', () => {
    expect(groundArticleOf('44-1-a')).toBe('Art. 44(1)(a)');
    expect(groundArticleOf('44-2-h')).toBe('Art. 44(2)(h)');
  });

  it('an escalated finding defaults to the first Art. 44 ground it cites, else 44-1-a (participation conditions)', () => {
    expect(defaultGround('Art. 38(3), 44(2)(c)')).toBe('44-2-c');
    expect(defaultGround('Art. 44(2)(f), 44(2)(g)')).toBe('44-2-f');
    expect(defaultGround('Art. 12(4), 26(1)')).toBe('44-1-a');
    expect(defaultGround('Art. 44(2)')).toBe('44-1-a');
  });
});
