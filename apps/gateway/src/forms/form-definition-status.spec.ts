import { DomainError } from '@sons/contracts';
import { assertFormTransition, FORM_DEFINITION_TRANSITIONS } from './form-definition-status.js';

describe('form definition versions: status transitions', () => {
  it('should allow draft → published → superseded → retired and nothing else', () => {
    expect(FORM_DEFINITION_TRANSITIONS).toEqual({
      draft: ['published'],
      published: ['superseded'],
      superseded: ['retired'],
      retired: [],
    });
    expect(() => assertFormTransition('form1', 2, 'draft', 'published')).not.toThrow();
    expect(() => assertFormTransition('form1', 1, 'superseded', 'retired')).not.toThrow();
  });

  it('should refuse retiring the published version with a 409 that says to publish another first', () => {
    let error: unknown;
    try {
      assertFormTransition('form1', 2, 'published', 'retired');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).body).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 409,
      meta: { formKey: 'form1', version: 2 },
    });
    expect((error as DomainError).body.detail.en).toContain('publish another version first');
  });

  it('should refuse changing a retired version back', () => {
    expect(() => assertFormTransition('form3', 1, 'retired', 'published')).toThrow(DomainError);
    expect(() => assertFormTransition('form3', 1, 'draft', 'retired')).toThrow(DomainError);
  });
});
