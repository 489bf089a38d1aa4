import { DomainError, getCnsTransaction } from '@sons/contracts';
import type { Bus } from '@sons/platform';

// The CNS transaction registry, behind one seam: the circuit check asks it for a registered transaction by reference
// and gets the CNS-signed JWS back (or "not registered"). NATS adapter below; an HTTP adapter to the real registry
// would implement the same type.
export type CnsLookup = { found: false } | { found: true; jws: string };
export type CnsRegistry = { lookup(reference: string): Promise<CnsLookup> };
export const CNS_REGISTRY = Symbol('CNS_REGISTRY');

export class BusCnsRegistry implements CnsRegistry {
  constructor(
    private readonly bus: Bus,
    private readonly timeoutMs: number,
  ) {}

  async lookup(reference: string): Promise<CnsLookup> {
    try {
      const answer = await this.bus.request(getCnsTransaction, { reference }, { timeoutMs: this.timeoutMs });
      return answer.found && answer.jws ? { found: true, jws: answer.jws } : { found: false };
    } catch (error) {
      // Unreachable registry: never recorded as "not registered" — the check is retried later.
      throw new DomainError(
        'CNS_REGISTRY_UNAVAILABLE',
        503,
        {
          fr: 'Le registre des transactions de la CNS ne répond pas : la vérification du circuit n’a pas pu être faite. Relancez-la dans quelques instants.',
          en: 'The CNS transaction registry does not answer: the circuit check could not run. Run it again in a moment.',
        },
        { retryable: true, meta: { cause: (error as Error).message.slice(0, 200) } },
      );
    }
  }
}
