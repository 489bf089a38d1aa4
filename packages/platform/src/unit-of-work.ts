import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/sql';
import { DomainError } from '@sons/contracts';
import type { OutboxRelay } from './outbox.js';

// One transaction per command: the state change and its outbox events commit together; ORM conflicts become
// errors a person can act on (STYLE.md §5, §6).
export class UnitOfWork {
  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay | null,
  ) {}

  fork(): EntityManager {
    return this.orm.em.fork();
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.orm.em.fork().transactional(work);
      this.relay?.notify();
      return result;
    } catch (error) {
      throw translateOrmError(error);
    }
  }
}

export function translateOrmError(error: unknown): unknown {
  if (error instanceof OptimisticLockError) {
    return new DomainError('CONCURRENT_UPDATE', 409, {
      fr: 'Ce dossier vient d’être modifié par quelqu’un d’autre. Rechargez-le et recommencez votre action.',
      en: 'This case was just changed by someone else. Reload it and repeat your action.',
    });
  }
  if (error instanceof UniqueConstraintViolationException) {
    return new DomainError('DUPLICATE', 409, {
      fr: 'Cet enregistrement existe déjà.',
      en: 'This record already exists.',
    });
  }
  return error;
}
