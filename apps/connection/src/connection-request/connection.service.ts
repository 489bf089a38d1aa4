import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import {
  COLLECTIVE_DELIVERY_NOTE_TYPES,
  DomainError,
  SYSTEM_CALLER,
  connectionCircuitChecked,
  connectionPaymentRequested,
  connectionRefused,
  connectionSubmitted,
  connectionVerificationStarted,
  connectionVerified,
  decodeCursor,
  encodeCursor,
  form4DataSchema,
  getVendor,
  hasRole,
  isOperator,
  validationError,
  zodIssuesToFieldErrors,
  type Caller,
  type ConnectionDetail,
  type ConnectionStatus,
  type ConnectionSummary,
  type EventDefinition,
  type FieldError,
  type Form4Data,
  type Page,
  type ParsedRequestOf,
  type listConnections,
  type submitConnection,
} from '@sons/contracts';
import {
  ATTACHMENTS,
  Bus,
  CONFIG,
  EventRecorder,
  Programme,
  SystemClock,
  UnitOfWork,
  type AttachmentStore,
} from '@sons/platform';
import type { CnsTrust } from '../cns/cns-keys.js';
import { CNS_REGISTRY, type CnsRegistry } from '../cns/cns-registry.js';
import { CNS_TRUST } from '../cns/cns.module.js';
import type { ConnectionConfig } from '../config.js';
import { LabelService } from '../label/label.service.js';
import { allPassed, evaluateCircuit, readTransaction, type TransactionReading } from './circuit-check.js';
import { ConnectedProviderRow, ConnectionRequest, ProviderIncentive, TransactionClaim } from './connection-request.entity.js';

const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

const notFound = () =>
  new DomainError('CONNECTION_NOT_FOUND', 404, {
    fr: 'Cette demande de raccordement est introuvable.',
    en: 'This connection request was not found.',
  });

const sameName = (a: string, b: string) => {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s.,'’-]+/g, ' ')
      .trim();
  return norm(a) === norm(b);
};

const forbidden = (what: { fr: string; en: string }) => new DomainError('FORBIDDEN', 403, what);

export const toSummary = (c: ConnectionRequest): ConnectionSummary => ({
  connectionId: c.id,
  vendorId: c.vendorId,
  vendorName: c.vendorName,
  status: c.status,
  deliveryNoteType: c.deliveryNoteType,
  softwareName: c.softwareName,
  softwareVersion: c.softwareVersion,
  providerCount: c.providerCount,
  passedCount: c.passedCount,
  submittedAt: c.submittedAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  version: c.version,
});

async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

@Injectable()
export class ConnectionService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(EventRecorder) private readonly events: EventRecorder,
    @Inject(SystemClock) private readonly clock: SystemClock,
    @Inject(Programme) private readonly programme: Programme,
    @Inject(ATTACHMENTS) private readonly attachments: AttachmentStore,
    @Inject(LabelService) private readonly labels: LabelService,
    @Inject(CNS_REGISTRY) private readonly registry: CnsRegistry,
    @Inject(CNS_TRUST) private readonly trust: CnsTrust,
    @Inject(CONFIG) private readonly config: ConnectionConfig,
    @Inject(Bus) private readonly bus: Bus,
  ) {}

  // ---------------------------------------------------------------------------------------------------------------
  // Form 4 (PROCESS.md Phase 3.1)

  parseForm4(raw: Record<string, unknown>): { data: Form4Data; deliveryNoteAttachmentId: string } {
    const parsed = form4DataSchema.safeParse(raw);
    if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
    const data = parsed.data;
    const errors: FieldError[] = [];
    const collective = COLLECTIVE_DELIVERY_NOTE_TYPES.includes(data.deliveryNoteType);
    if (data.deliveryNoteType === 'individual' && data.providers.length !== 1) {
      errors.push({
        path: 'providers',
        rule: 'individual_one_provider',
        message: {
          fr: 'Un bon de livraison individuel raccorde un seul médecin : indiquez un seul code prestataire, ou choisissez un type collectif.',
          en: 'An individual delivery note connects one doctor: give one provider code, or choose a collective type.',
        },
      });
    }
    if (collective) {
      if (!data.sites?.length) {
        errors.push({
          path: 'sites',
          rule: 'collective_sites',
          message: {
            fr: 'Un bon de livraison collectif indique chaque site raccordé et son nombre de postes.',
            en: 'A collective delivery note lists each connected site and its number of workstations.',
          },
        });
      }
      const who =
        data.deliveryNoteType === 'hospital'
          ? {
              fr: 'le responsable désigné de l’hôpital qui signe le bon de livraison',
              en: 'the hospital’s designated manager who signs the delivery note',
            }
          : data.deliveryNoteType === 'medical_house'
            ? {
                fr: 'le gestionnaire de la maison médicale qui valide le raccordement',
                en: 'the medical house’s manager who validates the connection',
              }
            : {
                fr: 'le responsable du centre qui valide le raccordement',
                en: 'the centre’s manager who validates the connection',
              };
      if (!data.validatorName) {
        errors.push({
          path: 'validatorName',
          rule: 'collective_validator',
          message: { fr: `Nom obligatoire : ${who.fr}.`, en: `Name required: ${who.en}.` },
        });
      }
      if (!data.validatorRole) {
        errors.push({
          path: 'validatorRole',
          rule: 'collective_validator',
          message: { fr: `Fonction obligatoire : ${who.fr}.`, en: `Role required: ${who.en}.` },
        });
      }
    }
    const seenCodes = new Set<string>();
    const seenRefs = new Set<string>();
    data.providers.forEach((p, i) => {
      if (seenCodes.has(p.providerCode)) {
        errors.push({
          path: `providers[${i}].providerCode`,
          rule: 'unique_provider',
          message: {
            fr: `Le code prestataire ${p.providerCode} figure deux fois sur le bon de livraison.`,
            en: `Provider code ${p.providerCode} appears twice on the delivery note.`,
          },
        });
      }
      if (seenRefs.has(p.transactionReference)) {
        errors.push({
          path: `providers[${i}].transactionReference`,
          rule: 'unique_transaction',
          message: {
            fr: `La transaction « ${p.transactionReference} » est donnée pour deux médecins : chaque médecin prouve son raccordement par sa propre transaction.`,
            en: `Transaction "${p.transactionReference}" is given for two doctors: each doctor proves the connection with a transaction of their own.`,
          },
        });
      }
      seenCodes.add(p.providerCode);
      seenRefs.add(p.transactionReference);
    });
    const deliveryNoteAttachmentId = data.deliveryNoteAttachmentId ?? data.deliveryNoteFile?.[0]?.attachmentId;
    if (!deliveryNoteAttachmentId) {
      errors.push({
        path: 'deliveryNoteAttachmentId',
        rule: 'required',
        message: {
          fr: 'Joignez le bon de livraison signé (déposez le fichier, puis envoyez son identifiant).',
          en: 'Attach the signed delivery note (upload the file, then send its id).',
        },
      });
    }
    if (errors.length) throw validationError(errors);
    return { data, deliveryNoteAttachmentId: deliveryNoteAttachmentId! };
  }

  async submit(
    request: ParsedRequestOf<typeof submitConnection>,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    const vendorId = this.requireVendor(caller);
    const { data, deliveryNoteAttachmentId } = this.parseForm4(request.data);
    const key = request.idempotencyKey ?? null;
    if (key) {
      const earlier = await this.findOwnByKey(key, vendorId, caller);
      if (earlier) return earlier;
    }
    this.programme.requireBefore('programmeClosure', { fr: 'Une demande de raccordement', en: 'A connection request' });
    const note = await this.attachments.info(deliveryNoteAttachmentId);
    if (!note || note.vendorId !== vendorId) {
      throw validationError([
        {
          path: 'deliveryNoteAttachmentId',
          rule: 'attachment',
          message: {
            fr: 'Le bon de livraison joint est introuvable parmi les fichiers de votre société : déposez-le à nouveau.',
            en: 'The attached delivery note is not among your company’s files: upload it again.',
          },
        },
      ]);
    }
    // The enrolled name is the vendor's name throughout the process (Eligibility 5).
    const enrolled = await this.bus.request(getVendor, { vendorId }, { caller: SYSTEM_CALLER, correlationId });
    try {
      const [connection, rows] = await this.uow.run(async (em): Promise<[ConnectionRequest, ConnectedProviderRow[]]> => {
        const label = await this.labels.find(em, vendorId, data.softwareName, data.softwareVersion);
        if (!label) {
          throw new DomainError(
            'SOFTWARE_NOT_LABELLED',
            422,
            {
              fr: `La version « ${data.softwareVersion} » du logiciel « ${data.softwareName} » n’est pas labellisée pour votre société : le formulaire 4 ne concerne qu’une version labellisée (voir le registre public des logiciels labellisés).`,
              en: `Version "${data.softwareVersion}" of software "${data.softwareName}" is not labelled for your company: Form 4 is only for a labelled version (see the public registry of labelled software).`,
            },
            { meta: { softwareName: data.softwareName, softwareVersion: data.softwareVersion } },
          );
        }
        // The same delivery note (same file content) twice is a retry: one connection.
        const same = await em.findOne(ConnectionRequest, { vendorId, deliveryNoteSha256: note.sha256 });
        if (same) return [same, await this.sameDeliveryNote(em, same, data)];
        const now = this.clock.now();
        const collective = COLLECTIVE_DELIVERY_NOTE_TYPES.includes(data.deliveryNoteType);
        const connection = Object.assign(new ConnectionRequest(), {
          vendorId,
          vendorName: enrolled.name,
          declaredVendorName: data.vendorName?.trim() || null,
          deliveryNoteType: data.deliveryNoteType,
          labelId: label.labelId,
          softwareKey: label.softwareKey,
          softwareName: label.softwareName,
          softwareVersion: label.version,
          labelledAt: label.labelledAt,
          sites: collective
            ? (data.sites ?? []).map((s) => ({ siteName: s.siteName, workstationCount: s.workstationCount }))
            : [],
          validator: collective ? { name: data.validatorName!, role: data.validatorRole! } : null,
          deliveryNoteAttachmentId,
          deliveryNoteSha256: note.sha256,
          data: data,
          idempotencyKey: key,
          providerCount: data.providers.length,
          submittedAt: now,
          submittedBy: caller!.userId,
          updatedAt: now,
        });
        em.persist(connection);
        const rows = data.providers.map((p, position) =>
          Object.assign(new ConnectedProviderRow(), {
            connectionId: connection.id,
            position,
            providerCode: p.providerCode,
            doctorName: p.doctorName,
            siteName: p.siteName?.trim() || (collective && data.sites?.length === 1 ? data.sites[0].siteName : null),
            transactionReference: p.transactionReference,
          }),
        );
        for (const row of rows) em.persist(row);
        this.recordStatus(em, connection, connectionSubmitted, null, correlationId);
        return [connection, rows];
      });
      return this.toDetail(connection, rows, caller);
    } catch (error) {
      // A concurrent retry won the race on the idempotency key or the delivery note: answer its result.
      if (error instanceof DomainError && error.code === 'DUPLICATE') {
        const winner =
          (key && (await this.findOwnByKey(key, vendorId, caller))) || (await this.findOwnByNote(vendorId, note.sha256, caller));
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async sameDeliveryNote(em: EntityManager, same: ConnectionRequest, data: Form4Data): Promise<ConnectedProviderRow[]> {
    const rows = await em.find(ConnectedProviderRow, { connectionId: same.id }, { orderBy: { position: 'asc' } });
    const before = rows
      .map((r) => r.providerCode)
      .sort()
      .join(',');
    const now = data.providers
      .map((p) => p.providerCode)
      .sort()
      .join(',');
    if (before !== now) {
      throw new DomainError(
        'DELIVERY_NOTE_ALREADY_SUBMITTED',
        409,
        {
          fr: 'Ce bon de livraison a déjà été envoyé avec une autre liste de médecins. Un bon de livraison correspond à une seule demande de raccordement.',
          en: 'This delivery note was already sent with another list of doctors. One delivery note is one connection request.',
        },
        { meta: { connectionId: same.id } },
      );
    }
    return rows;
  }

  private async findOwnByKey(key: string, vendorId: string, caller: Caller | null): Promise<ConnectionDetail | null> {
    const em = this.uow.fork();
    const earlier = await em.findOne(ConnectionRequest, { idempotencyKey: key });
    if (!earlier) return null;
    if (earlier.vendorId !== vendorId) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 409, {
        fr: 'Cette clé d’idempotence a déjà servi pour une autre demande : utilisez une nouvelle clé pour une nouvelle demande.',
        en: 'This idempotency key was already used for another request: use a new key for a new request.',
      });
    }
    return this.toDetail(earlier, await this.providersOf(em, earlier.id), caller);
  }

  private async findOwnByNote(vendorId: string, sha256: string, caller: Caller | null): Promise<ConnectionDetail | null> {
    const em = this.uow.fork();
    const c = await em.findOne(ConnectionRequest, { vendorId, deliveryNoteSha256: sha256 });
    return c ? this.toDetail(c, await this.providersOf(em, c.id), caller) : null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Verification by INCERT (PROCESS.md Phase 3.2)

  async startVerification(
    connectionId: string,
    expectedVersion: number | undefined,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    this.requireVerifier(caller);
    await this.uow.run(async (em) => {
      const c = await this.load(em, connectionId, caller, expectedVersion);
      const previous = c.moveTo('under_verification', this.clock.now());
      c.verificationStartedAt = c.updatedAt;
      c.verificationStartedBy = caller?.userId ?? 'system';
      this.recordStatus(em, c, connectionVerificationStarted, previous, correlationId);
    });
    return this.runCircuitCheck(connectionId, caller, correlationId);
  }

  async recheck(
    connectionId: string,
    expectedVersion: number | undefined,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    this.requireVerifier(caller);
    const c = await this.load(this.uow.fork(), connectionId, caller, expectedVersion);
    this.requireStatus(c, 'under_verification', { fr: 'relancer la vérification du circuit', en: 'run the circuit check again' });
    return this.runCircuitCheck(connectionId, caller, correlationId);
  }

  // Looks every provider that has not passed up in the CNS registry (outside the transaction), then records the
  // verdicts and the claims in one transaction. A claim lost to a concurrent request (unique constraint) replays it.
  private async runCircuitCheck(connectionId: string, caller: Caller | null, correlationId: string): Promise<ConnectionDetail> {
    const pending = (await this.providersOf(this.uow.fork(), connectionId)).filter((p) => p.outcome !== 'passed');
    const readings = new Map<string, TransactionReading>();
    await mapLimit(pending, 8, async (p) => {
      readings.set(p.id, readTransaction(p.transactionReference, await this.registry.lookup(p.transactionReference), this.trust));
    });
    const settings = this.programme.settings();
    for (let attempt = 1; ; attempt++) {
      try {
        const [c, rows] = await this.uow.run(async (em): Promise<[ConnectionRequest, ConnectedProviderRow[]]> => {
          const c = await this.load(em, connectionId, caller);
          this.requireStatus(c, 'under_verification', {
            fr: 'enregistrer la vérification du circuit',
            en: 'record the circuit check',
          });
          const rows = await this.providersOf(em, connectionId);
          const targets = rows.filter((r) => readings.has(r.id) && r.outcome !== 'passed');
          const claims = await em.find(TransactionClaim, {
            transactionReference: { $in: targets.map((r) => r.transactionReference) },
          });
          const incentives = await em.find(ProviderIncentive, {
            softwareKey: c.softwareKey,
            providerCode: { $in: targets.map((r) => r.providerCode) },
          });
          const claimedNow = new Set<string>();
          const connectedNow = new Set<string>();
          const now = this.clock.now();
          for (const row of targets) {
            const reading = readings.get(row.id)!;
            const checks = evaluateCircuit(reading, {
              reference: row.transactionReference,
              providerCode: row.providerCode,
              labelledAt: c.labelledAt,
              submittedAt: c.submittedAt,
              windowDays: settings.circuitWindowDays,
              skewMs: this.config.CNS_TIMESTAMP_SKEW_MINUTES * 60_000,
              claimedElsewhere:
                claimedNow.has(row.transactionReference) ||
                claims.some((x) => x.transactionReference === row.transactionReference && x.providerId !== row.id),
              incentiveElsewhere:
                connectedNow.has(row.providerCode) ||
                incentives.some((x) => x.providerCode === row.providerCode && x.providerId !== row.id),
            });
            row.checks = checks;
            row.checkedAt = now;
            const verified = reading.registered && reading.signature.valid ? reading.signature.claims : null;
            row.transactionKind = verified?.kind ?? null;
            row.transactionTimestamp = verified ? new Date(verified.timestamp) : null;
            row.outcome = allPassed(checks) ? 'passed' : 'failed';
            if (row.outcome === 'passed') {
              claimedNow.add(row.transactionReference);
              connectedNow.add(row.providerCode);
              em.persist(
                Object.assign(new TransactionClaim(), {
                  transactionReference: row.transactionReference,
                  connectionId,
                  providerId: row.id,
                  claimedAt: now,
                }),
              );
              em.persist(
                Object.assign(new ProviderIncentive(), {
                  softwareKey: c.softwareKey,
                  providerCode: row.providerCode,
                  connectionId,
                  providerId: row.id,
                  claimedAt: now,
                }),
              );
            }
          }
          c.passedCount = rows.filter((r) => r.outcome === 'passed').length;
          c.checkedAt = now;
          c.updatedAt = now;
          this.events.record(
            em,
            connectionCircuitChecked,
            {
              connectionId,
              vendorId: c.vendorId,
              status: c.status,
              providerCount: c.providerCount,
              passedCount: c.passedCount,
              failedCount: rows.filter((r) => r.outcome === 'failed').length,
            },
            { caseId: connectionId, sequence: c.nextSequence(), correlationId },
          );
          return [c, rows];
        });
        return this.toDetail(c, rows, caller);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'DUPLICATE' && attempt < 4) continue;
        throw error;
      }
    }
  }

  async verify(
    connectionId: string,
    expectedVersion: number | undefined,
    note: string | undefined,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    this.requireVerifier(caller);
    const [c, rows] = await this.uow.run(async (em): Promise<[ConnectionRequest, ConnectedProviderRow[]]> => {
      const c = await this.load(em, connectionId, caller, expectedVersion);
      const rows = await this.providersOf(em, connectionId);
      if (c.status === 'under_verification' && (rows.some((r) => r.outcome === 'pending') || c.passedCount === 0)) {
        throw new DomainError(
          'CIRCUIT_NOT_PROVEN',
          422,
          c.passedCount === 0
            ? {
                fr: 'Aucun médecin de cette demande n’a passé la vérification du circuit : refusez la demande (les motifs par médecin restent visibles) ou relancez la vérification.',
                en: 'No doctor of this request passed the circuit check: refuse the request (the reasons per doctor stay visible) or run the check again.',
              }
            : {
                fr: 'La vérification du circuit n’a pas encore été faite pour chaque médecin : relancez-la.',
                en: 'The circuit check has not run for every doctor yet: run it again.',
              },
          { meta: { passedCount: c.passedCount, providerCount: c.providerCount } },
        );
      }
      const previous = c.moveTo('verified', this.clock.now());
      c.decidedAt = c.updatedAt;
      c.decidedBy = caller?.userId ?? 'system';
      c.decisionNote = note ?? null;
      this.recordStatus(em, c, connectionVerified, previous, correlationId);
      return [c, rows];
    });
    return this.toDetail(c, rows, caller);
  }

  async refuse(
    connectionId: string,
    expectedVersion: number | undefined,
    reason: string,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    this.requireVerifier(caller);
    const [c, rows] = await this.uow.run(async (em): Promise<[ConnectionRequest, ConnectedProviderRow[]]> => {
      const c = await this.load(em, connectionId, caller, expectedVersion);
      const previous = c.moveTo('refused', this.clock.now());
      c.decidedAt = c.updatedAt;
      c.decidedBy = caller?.userId ?? 'system';
      c.refusalReason = reason;
      // A refused request proves no connection: its transactions and providers are free again.
      await em.nativeDelete(TransactionClaim, { connectionId });
      await em.nativeDelete(ProviderIncentive, { connectionId });
      this.recordStatus(em, c, connectionRefused, previous, correlationId);
      return [c, await this.providersOf(em, connectionId)];
    });
    return this.toDetail(c, rows, caller);
  }

  // « Connection and payment request → INCERT » (contact points): the vendor asks to be paid; billing invoices.
  async requestPayment(
    connectionId: string,
    expectedVersion: number | undefined,
    caller: Caller | null,
    correlationId: string,
  ): Promise<ConnectionDetail> {
    if (caller && !isOperator(caller) && !caller.vendorId) throw notFound();
    if (caller && isOperator(caller) && !hasRole(caller, 'incert', 'admin')) {
      throw forbidden({
        fr: 'Seuls l’industriel et INCERT peuvent demander le paiement d’un raccordement.',
        en: 'Only the vendor and INCERT may request payment for a connection.',
      });
    }
    const [c, rows] = await this.uow.run(async (em): Promise<[ConnectionRequest, ConnectedProviderRow[]]> => {
      const c = await this.load(em, connectionId, caller, expectedVersion);
      this.requireStatus(c, 'verified', { fr: 'demander le paiement', en: 'request payment' });
      this.programme.requireBefore('paymentRequestsEnd', { fr: 'Une demande de paiement', en: 'A payment request' });
      const previous = c.moveTo('invoiceable', this.clock.now());
      c.paymentRequestedAt = c.updatedAt;
      this.recordStatus(em, c, connectionPaymentRequested, previous, correlationId);
      return [c, await this.providersOf(em, connectionId)];
    });
    return this.toDetail(c, rows, caller);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads

  async get(connectionId: string, caller: Caller | null): Promise<ConnectionDetail> {
    const em = this.uow.fork();
    const c = await this.load(em, connectionId, caller);
    return this.toDetail(c, await this.providersOf(em, connectionId), caller);
  }

  async list(query: ParsedRequestOf<typeof listConnections>, caller: Caller | null): Promise<Page<ConnectionSummary>> {
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (caller && !isOperator(caller)) where.vendorId = caller.vendorId ?? NO_VENDOR;
    else if (query.vendorId) where.vendorId = query.vendorId;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const [at, id] = cursor as [string, string];
      where.$or = [{ submittedAt: { $gt: new Date(at) } }, { submittedAt: new Date(at), id: { $gt: id } }];
    }
    const rows = await this.uow
      .fork()
      .find(ConnectionRequest, where, { orderBy: { submittedAt: 'asc', id: 'asc' }, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.submittedAt.toISOString(), last.id]) : null,
    };
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async load(
    em: EntityManager,
    connectionId: string,
    caller: Caller | null,
    expectedVersion?: number,
  ): Promise<ConnectionRequest> {
    const c = await em.findOne(ConnectionRequest, { id: connectionId });
    // A vendor's user only ever loads its own vendor's requests; anything else looks like "not found".
    if (!c || (caller && !isOperator(caller) && caller.vendorId !== c.vendorId)) throw notFound();
    if (expectedVersion !== undefined && expectedVersion !== c.version) {
      throw new DomainError(
        'CONCURRENT_UPDATE',
        409,
        {
          fr: 'Cette demande vient d’être modifiée par quelqu’un d’autre. Rechargez-la et recommencez votre action.',
          en: 'This request was just changed by someone else. Reload it and repeat your action.',
        },
        { meta: { expectedVersion, currentVersion: c.version } },
      );
    }
    return c;
  }

  private providersOf(em: EntityManager, connectionId: string): Promise<ConnectedProviderRow[]> {
    return em.find(ConnectedProviderRow, { connectionId }, { orderBy: { position: 'asc' } });
  }

  private requireStatus(c: ConnectionRequest, status: ConnectionStatus, action: { fr: string; en: string }): void {
    if (c.status === status) return;
    throw new DomainError(
      'INVALID_TRANSITION',
      409,
      {
        fr: `Action impossible : pour ${action.fr}, la demande doit être au statut « ${status} » ; elle est « ${c.status} ».`,
        en: `Action not possible: to ${action.en}, the request must be "${status}"; it is "${c.status}".`,
      },
      { meta: { from: c.status, required: status } },
    );
  }

  private requireVendor(caller: Caller | null): string {
    if (!caller?.vendorId || isOperator(caller)) {
      throw forbidden({
        fr: 'Le formulaire 4 est envoyé par un utilisateur d’un industriel enrôlé.',
        en: 'Form 4 is sent by a user of an enrolled vendor.',
      });
    }
    return caller.vendorId;
  }

  // « Connection and payment request → INCERT » (PROCESS.md, contact points).
  private requireVerifier(caller: Caller | null): void {
    if (caller && !hasRole(caller, 'incert', 'admin')) {
      throw forbidden({
        fr: 'La vérification des raccordements est faite par INCERT.',
        en: 'Connections are verified by INCERT.',
      });
    }
  }

  private recordStatus(
    em: EntityManager,
    c: ConnectionRequest,
    definition: EventDefinition,
    previous: ConnectionStatus | null,
    correlationId: string,
  ): void {
    this.events.record(
      em,
      definition,
      {
        connectionId: c.id,
        vendorId: c.vendorId,
        status: c.status,
        previousStatus: previous,
        labelId: c.labelId,
        providerCount: c.providerCount,
        passedCount: c.passedCount,
      },
      { caseId: c.id, sequence: c.nextSequence(), correlationId },
    );
  }

  private allowedActions(
    c: ConnectionRequest,
    rows: readonly ConnectedProviderRow[],
    caller: Caller | null,
  ): ConnectionDetail['allowedActions'] {
    const verifier = !caller || hasRole(caller, 'incert', 'admin');
    const vendor = !!caller && !isOperator(caller) && caller.vendorId === c.vendorId;
    const actions: ConnectionDetail['allowedActions'] = [];
    switch (c.status) {
      case 'submitted':
        if (verifier) actions.push('start_verification', 'refuse');
        break;
      case 'under_verification':
        if (verifier) {
          actions.push('recheck');
          if (c.passedCount > 0 && !rows.some((r) => r.outcome === 'pending')) actions.push('verify');
          actions.push('refuse');
        }
        break;
      case 'verified':
        if (verifier || vendor) actions.push('request_payment');
        break;
      case 'refused':
      case 'invoiceable':
        break;
      default: {
        const unreachable: never = c.status;
        throw new Error(`unknown status ${String(unreachable)}`);
      }
    }
    return actions;
  }

  private toDetail(c: ConnectionRequest, rows: readonly ConnectedProviderRow[], caller: Caller | null): ConnectionDetail {
    return {
      ...toSummary(c),
      labelId: c.labelId,
      vendorNameCheck: {
        declared: c.declaredVendorName ?? null,
        enrolled: c.vendorName,
        matches: !c.declaredVendorName || sameName(c.declaredVendorName, c.vendorName),
      },
      softwareKey: c.softwareKey,
      labelledAt: c.labelledAt.toISOString(),
      sites: c.sites,
      validator: c.validator ?? null,
      deliveryNoteAttachmentId: c.deliveryNoteAttachmentId,
      deliveryNoteSha256: c.deliveryNoteSha256,
      providers: rows.map((r) => ({
        providerId: r.id,
        providerCode: r.providerCode,
        doctorName: r.doctorName,
        siteName: r.siteName ?? null,
        transactionReference: r.transactionReference,
        outcome: r.outcome,
        checks: r.checks,
        transaction:
          r.transactionKind && r.transactionTimestamp
            ? { kind: r.transactionKind, timestamp: r.transactionTimestamp.toISOString() }
            : null,
        checkedAt: r.checkedAt?.toISOString() ?? null,
      })),
      verification: {
        startedAt: c.verificationStartedAt?.toISOString() ?? null,
        startedBy: c.verificationStartedBy ?? null,
        checkedAt: c.checkedAt?.toISOString() ?? null,
        decidedAt: c.decidedAt?.toISOString() ?? null,
        decidedBy: c.decidedBy ?? null,
        note: c.decisionNote ?? null,
      },
      refusal:
        c.status === 'refused' && c.refusalReason && c.decidedAt
          ? { reason: c.refusalReason, at: c.decidedAt.toISOString() }
          : null,
      paymentRequestedAt: c.paymentRequestedAt?.toISOString() ?? null,
      contactPoint:
        c.status === 'invoiceable'
          ? { party: 'aes', topic: { fr: 'Facturation et paiement', en: 'Invoicing and payment' } }
          : { party: 'incert', topic: { fr: 'Raccordement et demande de paiement', en: 'Connection and payment request' } },
      allowedActions: this.allowedActions(c, rows, caller),
    };
  }
}
