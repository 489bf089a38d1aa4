import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/sql';
import { DomainError } from '@sons/contracts';
import { LOGGER, SystemClock, luxDayStart, type Logger } from '@sons/platform';
import { AuditEntry, type AuditAction, type AuditChanges, type AuditOutcome } from './audit-entry.entity.js';
import { GENESIS_HASH, GLOBAL_CHAIN, entryHash, hashedContent, verifyAuditChains, type VerifyReport } from './audit-chain.js';

export type AuditInput = {
  action: AuditAction;
  resource?: string | null;
  method: string;
  route: string;
  path: string;
  caseId?: string | null;
  status: number;
  userId?: string | null;
  email?: string | null;
  roles?: readonly string[];
  vendorId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  correlationId?: string | null;
  changes?: AuditChanges | null;
  details?: Record<string, unknown> | null;
};

export type AuditView = Record<string, unknown> & {
  id: number;
  chain: string;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
};
export type AuditPeriod = { from?: string; to?: string };
export type AuditQuery = AuditPeriod & { caseId?: string; userId?: string; action?: AuditAction; cursor?: string; limit: number };

// from/to are Luxembourg days, both included: [start of from, start of the day after to).
const atWithin = ({ from, to }: AuditPeriod) => {
  if (!from && !to) return {};
  const at: { $gte?: Date; $lt?: Date } = {};
  if (from) at.$gte = luxDayStart(from);
  if (to) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    at.$lt = luxDayStart(next.toISOString().slice(0, 10));
  }
  return { at };
};

const MAX_ATTEMPTS = 20;
const cut = (value: string | null | undefined, max: number): string | null => (value == null ? null : value.slice(0, max));
// What the database gives back is what gets hashed: JSON round-trip drops undefined and turns dates into strings.
const plain = <T>(value: T | null | undefined): T | null => (value == null ? null : (JSON.parse(JSON.stringify(value)) as T));

export const outcomeOf = (status: number): AuditOutcome =>
  status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failed';

export const toAuditView = (e: AuditEntry): AuditView => ({
  id: Number(e.id),
  ...(hashedContent(e) as { chain: string; seq: number; at: string }),
  prevHash: e.prevHash,
  hash: e.hash,
});

@Injectable()
export class AuditService {
  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  // Appends to the case's chain. Two writers on one chain both read the same head; the unique (chain, seq) lets only
  // one insert win, the other re-reads the new head and links to it — the chain never forks.
  async record(input: AuditInput): Promise<AuditEntry> {
    const chain = (input.caseId ?? GLOBAL_CHAIN).slice(0, 64);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.orm.em.fork().transactional(async (em) => {
          const head = await em.findOne(AuditEntry, { chain }, { orderBy: { seq: 'desc' }, fields: ['seq', 'hash'] });
          const entry = Object.assign(new AuditEntry(), {
            chain,
            seq: head ? Number(head.seq) + 1 : 1,
            at: new Date(this.clock.now().getTime()),
            action: input.action,
            resource: cut(input.resource, 50),
            method: input.method.slice(0, 10),
            route: input.route.slice(0, 300),
            path: input.path.slice(0, 500),
            caseId: cut(input.caseId, 100),
            status: input.status,
            outcome: outcomeOf(input.status),
            userId: cut(input.userId, 36),
            email: cut(input.email, 320),
            roles: [...(input.roles ?? [])],
            vendorId: cut(input.vendorId, 36),
            ip: cut(input.ip, 100),
            userAgent: cut(input.userAgent, 300),
            correlationId: cut(input.correlationId, 100),
            changes: plain(input.changes),
            details: plain(input.details),
            prevHash: head?.hash ?? GENESIS_HASH,
          });
          entry.hash = entryHash(entry.prevHash, entry);
          em.persist(entry);
          await em.flush();
          return entry;
        });
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  // The trail must not lose a command it could not record silently: the failure is logged loudly with the facts.
  async recordOrLog(input: AuditInput): Promise<void> {
    try {
      await this.record(input);
    } catch (error) {
      this.log.error({ err: error, audit: { ...input, changes: undefined } }, 'AUDIT ENTRY COULD NOT BE WRITTEN');
    }
  }

  async list(query: AuditQuery): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const cursor = query.cursor ? Number(query.cursor) : undefined;
    if (cursor !== undefined && !Number.isSafeInteger(cursor)) {
      throw new DomainError('INVALID_CURSOR', 400, {
        fr: 'Curseur de pagination invalide : reprenez depuis la première page.',
        en: 'Invalid page cursor: start again from the first page.',
      });
    }
    const rows = await this.orm.em.fork().find(
      AuditEntry,
      {
        ...(query.caseId ? { caseId: query.caseId } : {}),
        ...(query.userId ? { userId: query.userId } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...atWithin(query),
        ...(cursor !== undefined ? { id: { $lt: cursor } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: query.limit + 1 },
    );
    const items = rows.slice(0, query.limit);
    return { items: items.map(toAuditView), nextCursor: rows.length > query.limit ? String(items.at(-1)!.id) : null };
  }

  // Oldest first, a page at a time: the export of a whole installation never sits in memory.
  async *export(query: AuditPeriod & { caseId?: string }): AsyncGenerator<AuditView> {
    let after = 0;
    for (;;) {
      const em = this.orm.em.fork();
      const rows = await em.find(
        AuditEntry,
        { ...(query.caseId ? { caseId: query.caseId } : {}), ...atWithin(query), id: { $gt: after } },
        { orderBy: { id: 'asc' }, limit: 500 },
      );
      for (const row of rows) yield toAuditView(row);
      if (rows.length < 500) return;
      after = Number(rows.at(-1)!.id);
    }
  }

  verify(chain?: string): Promise<VerifyReport> {
    return verifyAuditChains(this.orm.em.fork(), { ...(chain ? { chain } : {}), maxBroken: 200 });
  }
}
