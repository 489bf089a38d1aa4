import { rcsValidator } from './rcs.validator.js';

describe('rcsValidator', () => {
  it.each([['B123456'], ['B1'], ['F9876'], ['A12345'], ['K1234567']])(
    'should accept %s when it is a section letter and a number',
    (value) => {
      expect(rcsValidator.check(value)).toEqual({ ok: true });
    },
  );

  it.each([
    ['B 123456', 'format'],
    ['b123456', 'format'],
    ['123456', 'format'],
    ['B0123', 'format'],
    ['B12345678', 'format'],
    ['RCS B123456', 'format'],
    ['I123456', 'section'],
    ['Z123', 'section'],
  ])('should refuse %s with reason %s when it is not an RCS number', (value, reason) => {
    expect(rcsValidator.check(value)).toEqual({ ok: false, reason });
  });
});
