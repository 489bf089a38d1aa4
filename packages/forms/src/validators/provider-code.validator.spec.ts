import { providerCodeValidator } from './provider-code.validator.js';

describe('providerCodeValidator', () => {
  it('should accept 8 digits when no pattern is configured', () => {
    expect(providerCodeValidator.check('12345678')).toEqual({ ok: true });
  });

  it.each([['1234567'], ['123456789'], ['123456-78'], ['1234567a'], ['']])(
    'should refuse %j when it is not 8 digits',
    (value) => {
      expect(providerCodeValidator.check(value)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('should use the configured pattern, anchored, when the schema sets validatorParam', () => {
    expect(providerCodeValidator.check('123456-78', '[0-9]{6}-[0-9]{2}')).toEqual({ ok: true });
    expect(providerCodeValidator.check('x123456-78', '[0-9]{6}-[0-9]{2}')).toEqual({ ok: false, reason: 'format' });
    expect(providerCodeValidator.check('12345678', '[0-9]{6}-[0-9]{2}')).toEqual({ ok: false, reason: 'format' });
  });

  it('should report a configuration error when the configured pattern does not compile', () => {
    expect(providerCodeValidator.checkParam?.('[0-9')).toBeDefined();
    expect(providerCodeValidator.check('12345678', '[0-9')).toEqual({ ok: false, reason: 'configuration' });
  });
});
