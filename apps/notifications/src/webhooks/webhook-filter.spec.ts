import { matchesAny, matchesType, unknownFilters } from './webhook-filter.js';

describe('webhook event-type filters', () => {
  const submitted = 'lu.esante.sons.enrolment.application.submitted.v1';

  it('should match exact types, prefixes ending in .* and *', () => {
    expect(matchesType(submitted, submitted)).toBe(true);
    expect(matchesType('lu.esante.sons.enrolment.*', submitted)).toBe(true);
    expect(matchesType('lu.esante.sons.enrolment.application.*', submitted)).toBe(true);
    expect(matchesType('lu.esante.sons.billing.*', submitted)).toBe(false);
    expect(matchesType('lu.esante.sons.enrolment.application.submitted', submitted)).toBe(false);
    expect(matchesType('*', submitted)).toBe(true);
    expect(matchesAny(['lu.esante.sons.billing.*', submitted], submitted)).toBe(true);
  });

  it('should name the filters that match no event of the catalogue', () => {
    expect(unknownFilters([submitted, 'lu.esante.sons.enrolment.*', '*'])).toEqual([]);
    expect(unknownFilters(['lu.esante.sons.enrolment.application.submited.v1', 'lu.esante.sons.nothing.*'])).toEqual([
      'lu.esante.sons.enrolment.application.submited.v1',
      'lu.esante.sons.nothing.*',
    ]);
  });
});
