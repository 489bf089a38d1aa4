import { EVENT_CATALOGUE } from '@sons/contracts';

// "*" = every event; "lu.esante.sons.enrolment.*" = a prefix; anything else = one exact CloudEvents type.
export function matchesType(filter: string, type: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));
  return filter === type;
}

export const matchesAny = (filters: readonly string[], type: string): boolean => filters.some((f) => matchesType(f, type));

// Filters that match no event of the catalogue are almost always typos: they are refused at registration.
export const unknownFilters = (filters: readonly string[]): string[] =>
  filters.filter((f) => !EVENT_CATALOGUE.some((e) => matchesType(f, e.type)));
