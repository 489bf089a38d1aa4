import { createHash } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@sons/platform';
import { AuditEntry } from './audit-entry.entity.js';

export const GENESIS_HASH = '0'.repeat(64);
export const GLOBAL_CHAIN = 'global';

// Canonical JSON: object keys sorted at every level, no undefined; the same entry always hashes the same, whatever
// order the database (PostgreSQL jsonb) gives its keys back in.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Everything an entry says except its row id and its own hash.
export function hashedContent(e: AuditEntry): Record<string, unknown> {
  return {
    chain: e.chain,
    seq: Number(e.seq),
    at: new Date(e.at).toISOString(),
    action: e.action,
    resource: e.resource ?? null,
    method: e.method,
    route: e.route,
    path: e.path,
    caseId: e.caseId ?? null,
    status: Number(e.status),
    outcome: e.outcome,
    userId: e.userId ?? null,
    email: e.email ?? null,
    roles: e.roles ?? [],
    vendorId: e.vendorId ?? null,
    ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
    correlationId: e.correlationId ?? null,
    changes: e.changes ?? null,
    details: e.details ?? null,
  };
}

export function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson(hashedContent(e)))
    .digest('hex');
}

export type BrokenEntry = {
  id: number;
  chain: string;
  seq: number;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap';
  detail: string;
};
export type VerifyReport = { ok: boolean; chains: number; entries: number; broken: BrokenEntry[] };

// Walks every chain in (chain, seq) order, a page at a time. An edited entry fails its own hash; a deleted or
// reordered one breaks the sequence and the next entry's link. (Truncating a chain's tail is only detectable
// against an exported copy of the chain heads: see docs/identity.md.)
export async function verifyAuditChains(
  em: EntityManager,
  options: { chain?: string; pageSize?: number; maxBroken?: number } = {},
): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 1000;
  const maxBroken = options.maxBroken ?? 1000;
  const broken: BrokenEntry[] = [];
  let chains = 0;
  let entries = 0;
  let last: { chain: string; seq: number; hash: string } | null = null;
  for (;;) {
    const where: FilterQuery<AuditEntry> = options.chain
      ? { chain: options.chain, ...(last ? { seq: { $gt: last.seq } } : {}) }
      : last
        ? { $or: [{ chain: { $gt: last.chain } }, { chain: last.chain, seq: { $gt: last.seq } }] }
        : {};
    const page: AuditEntry[] = await em.find(AuditEntry, where, { orderBy: { chain: 'asc', seq: 'asc' }, limit: pageSize });
    em.clear();
    for (const e of page) {
      const seq = Number(e.seq);
      const sameChain: boolean = last !== null && last.chain === e.chain;
      if (!sameChain) chains++;
      entries++;
      const expectedSeq: number = sameChain ? last!.seq + 1 : 1;
      const expectedPrev = sameChain ? last!.hash : GENESIS_HASH;
      if (seq !== expectedSeq)
        broken.push({
          id: e.id,
          chain: e.chain,
          seq,
          reason: 'sequence-gap',
          detail: `expected seq ${expectedSeq}, found ${seq}`,
        });
      else if (e.prevHash !== expectedPrev)
        broken.push({
          id: e.id,
          chain: e.chain,
          seq,
          reason: 'prev-hash-mismatch',
          detail: 'does not link to the previous entry (which was changed, removed or reordered)',
        });
      if (entryHash(e.prevHash, e) !== e.hash)
        broken.push({ id: e.id, chain: e.chain, seq, reason: 'hash-mismatch', detail: 'content changed after it was written' });
      last = { chain: e.chain, seq, hash: e.hash };
    }
    if (page.length < pageSize || broken.length >= maxBroken) break;
  }
  return { ok: broken.length === 0, chains, entries, broken: broken.slice(0, maxBroken) };
}
