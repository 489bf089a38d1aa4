import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import {
  getCnsTransaction,
  seedCnsTransactions,
  type CnsTransactionClaims,
  type ParsedRequestOf,
  type ResponseOf,
} from '@sons/contracts';
import { CONFIG, ServiceRuntime } from '@sons/platform';
import { ensureSimulatorKeys } from '../cns/cns-keys.js';
import { canonicalJson } from '../cns/canonical-json.js';
import { signJws } from '../cns/jws.js';
import type { ConnectionConfig } from '../config.js';

// The local CNS transaction registry (outside production only, CNS_REGISTRY=simulator): it answers
// `sons.cns.transaction.get` like the real registry adapter, with transactions signed by its own throwaway ECDSA
// P-256 key, so the platform's verification code is the real one. Transactions live in a NATS KV bucket (the
// outside world's state, not the connection database). Seeded by `sons.cns.transaction.seed` (tests, demo data).
export const simulatorBucket = (subjectPrefix: string) =>
  `sons_cns_simulator${subjectPrefix ? `_${subjectPrefix.replace(/[^A-Za-z0-9]/g, '')}` : ''}`;
const keyOf = (reference: string) => Buffer.from(reference, 'utf8').toString('hex');
const encoder = new TextEncoder();
const QUEUE = 'sons-cns-simulator';

@Injectable()
export class CnsSimulator implements OnApplicationBootstrap {
  private kv: KV | null = null;
  private keys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;

  constructor(
    @Inject(ServiceRuntime) private readonly runtime: ServiceRuntime,
    @Inject(CONFIG) private readonly config: ConnectionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.CNS_REGISTRY !== 'simulator') return;
    this.keys = ensureSimulatorKeys(this.config.DATA_DIR);
    this.kv = await new Kvm(this.runtime.nc).create(simulatorBucket(this.config.SONS_SUBJECT_PREFIX), { history: 1 });
    const { bus, log } = this.runtime;
    bus.handle(getCnsTransaction, (request) => this.get(request), QUEUE);
    bus.handle(seedCnsTransactions, (request) => this.seed(request), QUEUE);
    log.warn('CNS registry SIMULATOR answering sons.cns.transaction.* (development and tests only)');
  }

  private async get(request: ParsedRequestOf<typeof getCnsTransaction>): Promise<ResponseOf<typeof getCnsTransaction>> {
    const entry = await this.kv!.get(keyOf(request.reference));
    if (!entry || entry.operation !== 'PUT' || entry.length === 0)
      return { reference: request.reference, found: false, jws: null };
    const stored = entry.json<{ jws: string }>();
    return { reference: request.reference, found: true, jws: stored.jws };
  }

  private async seed(request: ParsedRequestOf<typeof seedCnsTransactions>): Promise<ResponseOf<typeof seedCnsTransactions>> {
    const seeded: ResponseOf<typeof seedCnsTransactions>['seeded'] = [];
    for (const t of request.transactions) {
      const claims: CnsTransactionClaims = {
        reference: t.reference,
        kind: t.kind,
        providerCode: t.providerCode,
        timestamp: new Date(t.timestamp).toISOString(),
        ...(t.amountCents !== undefined ? { amountCents: t.amountCents } : {}),
        issuer: 'CNS (simulator)',
      };
      let jws: string;
      if (t.defect === 'foreign_key') {
        // Signed by a key the CNS does not hold: a forged transaction.
        const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        jws = signJws(claims, foreign.privateKey, this.keys!.publicKey);
      } else {
        jws = signJws(claims, this.keys!.privateKey, this.keys!.publicKey);
        if (t.defect === 'tampered') {
          // Claims altered after signing (here: the provider code), signature kept.
          const [h, , s] = jws.split('.');
          const altered = { ...claims, providerCode: t.providerCode.split('').reverse().join('') };
          jws = `${h}.${Buffer.from(canonicalJson(altered)).toString('base64url')}.${s}`;
        }
      }
      await this.kv!.put(keyOf(t.reference), encoder.encode(JSON.stringify({ jws })));
      seeded.push({ reference: t.reference, kind: t.kind, providerCode: t.providerCode, timestamp: claims.timestamp });
    }
    return { seeded };
  }
}
