import type { X509Certificate, KeyObject } from 'node:crypto';
import {
  cnsTransactionClaimsSchema,
  type CircuitCheck,
  type CircuitRule,
  type CnsTransactionClaims,
  type Localized,
} from '@sons/contracts';
import { luxDate } from '@sons/platform';
import type { CnsLookup } from '../cns/cns-registry.js';
import { verifyJws } from '../cns/jws.js';

// The circuit check of one connected provider (PROCESS.md Phase 3.2): the standardised form the doctor sent from the
// connected software is registered at the CNS, its electronic signature verifies, its timestamp lies after the label
// date and within the window, and the transaction proves no other connection. Pure: the service supplies the lookup
// and what the database says about earlier claims.

export type TransactionReading =
  | { registered: false }
  | { registered: true; signature: { valid: true; claims: CnsTransactionClaims } | { valid: false; detail: string } };

export function readTransaction(
  reference: string,
  lookup: CnsLookup,
  trust: { publicKey: KeyObject; certificate: X509Certificate | null },
): TransactionReading {
  if (!lookup.found) return { registered: false };
  const verified = verifyJws(lookup.jws, trust.publicKey);
  if (!verified.valid) return { registered: true, signature: { valid: false, detail: verified.detail } };
  const claims = cnsTransactionClaimsSchema.safeParse(verified.payload);
  if (!claims.success)
    return { registered: true, signature: { valid: false, detail: 'the signed content is not a CNS transaction' } };
  if (claims.data.reference !== reference)
    return { registered: true, signature: { valid: false, detail: 'the signed transaction carries another reference' } };
  if (trust.certificate) {
    const at = new Date(claims.data.timestamp);
    if (at < new Date(trust.certificate.validFrom) || at > new Date(trust.certificate.validTo)) {
      return {
        registered: true,
        signature: { valid: false, detail: 'the CNS certificate was not valid at the transaction date' },
      };
    }
  }
  return { registered: true, signature: { valid: true, claims: claims.data } };
}

export type CircuitContext = {
  reference: string;
  providerCode: string;
  labelledAt: Date;
  // The delivery note's submission: the proving transaction must be recent at that moment.
  submittedAt: Date;
  windowDays: number;
  // Tolerated clock difference between the CNS and the platform for "not in the future".
  skewMs: number;
  // From the database: this transaction already proves another connected provider (any vendor).
  claimedElsewhere: boolean;
  // From the database: this provider was already connected with this software (any version).
  incentiveElsewhere: boolean;
};

const DAY_MS = 24 * 3600 * 1000;
const pass = (rule: CircuitRule, reason: Localized): CircuitCheck => ({ rule, outcome: 'pass', reason });
const fail = (rule: CircuitRule, reason: Localized): CircuitCheck => ({ rule, outcome: 'fail', reason });
const skipped = (rule: CircuitRule, because: Localized): CircuitCheck => ({ rule, outcome: 'not_evaluated', reason: because });

export function evaluateCircuit(reading: TransactionReading, ctx: CircuitContext): CircuitCheck[] {
  const ref = ctx.reference;
  if (!reading.registered) {
    const because = {
      fr: 'Non évalué : la transaction n’est pas enregistrée à la CNS.',
      en: 'Not evaluated: the transaction is not registered at the CNS.',
    };
    return [
      fail('transaction_registered', {
        fr: `La transaction « ${ref} » n’est pas enregistrée au registre de la CNS (mémoire d’honoraires ou PID). Vérifiez la référence ou demandez au médecin d’envoyer un formulaire standardisé depuis le logiciel raccordé, puis relancez la vérification.`,
        en: `Transaction "${ref}" is not registered in the CNS registry (fee note or PID). Check the reference or ask the doctor to send a standardised form from the connected software, then run the check again.`,
      }),
      skipped('signature_valid', because),
      skipped('transaction_provider', because),
      skipped('timestamp_after_label', because),
      skipped('timestamp_within_window', because),
      skipped('transaction_unused', because),
      skipped('incentive_not_granted', because),
    ];
  }
  const registered = pass('transaction_registered', {
    fr: `La transaction « ${ref} » est enregistrée à la CNS.`,
    en: `Transaction "${ref}" is registered at the CNS.`,
  });
  if (!reading.signature.valid) {
    const because = {
      fr: 'Non évalué : le contenu d’une transaction dont la signature ne se vérifie pas n’est pas fiable.',
      en: 'Not evaluated: the content of a transaction whose signature does not verify cannot be trusted.',
    };
    return [
      registered,
      fail('signature_valid', {
        fr: `La signature électronique de la transaction « ${ref} » ne se vérifie pas avec le certificat de la CNS (${reading.signature.detail}). La transaction ne peut pas prouver le raccordement.`,
        en: `The electronic signature of transaction "${ref}" does not verify with the CNS certificate (${reading.signature.detail}). The transaction cannot prove the connection.`,
      }),
      skipped('transaction_provider', because),
      skipped('timestamp_after_label', because),
      skipped('timestamp_within_window', because),
      skipped('transaction_unused', because),
      skipped('incentive_not_granted', because),
    ];
  }
  const claims = reading.signature.claims;
  const at = new Date(claims.timestamp);
  const when = luxDate(at);
  const checks: CircuitCheck[] = [
    registered,
    pass('signature_valid', {
      fr: 'La signature électronique de la CNS est valide.',
      en: 'The CNS electronic signature is valid.',
    }),
  ];

  checks.push(
    claims.providerCode === ctx.providerCode
      ? pass('transaction_provider', {
          fr: `La transaction a été envoyée par le prestataire ${ctx.providerCode}.`,
          en: `The transaction was sent by provider ${ctx.providerCode}.`,
        })
      : fail('transaction_provider', {
          fr: `La transaction « ${ref} » a été envoyée par un autre prestataire que ${ctx.providerCode} : elle ne prouve pas le raccordement de ce médecin.`,
          en: `Transaction "${ref}" was sent by a provider other than ${ctx.providerCode}: it does not prove this doctor's connection.`,
        }),
  );

  const labelDay = luxDate(ctx.labelledAt);
  checks.push(
    at >= ctx.labelledAt
      ? pass('timestamp_after_label', {
          fr: `Horodatage ${when}, après la labélisation du ${labelDay}.`,
          en: `Timestamp ${when}, after the label date ${labelDay}.`,
        })
      : fail('timestamp_after_label', {
          fr: `La transaction est horodatée du ${when}, avant la labélisation du logiciel (${labelDay}) : elle ne peut pas avoir été envoyée par la version labellisée.`,
          en: `The transaction is timestamped ${when}, before the software was labelled (${labelDay}): it cannot have been sent by the labelled version.`,
        }),
  );

  // (decision) The window is counted back from the delivery note's submission: a proving transaction older than
  // circuitWindowDays is stale; one dated after the submission (beyond the clock skew) is impossible.
  const oldest = new Date(ctx.submittedAt.getTime() - ctx.windowDays * DAY_MS);
  const latest = new Date(ctx.submittedAt.getTime() + ctx.skewMs);
  const submittedDay = luxDate(ctx.submittedAt);
  checks.push(
    at < oldest
      ? fail('timestamp_within_window', {
          fr: `La transaction est horodatée du ${when}, plus de ${ctx.windowDays} jours avant la demande de raccordement (${submittedDay}) : elle est trop ancienne. Demandez au médecin d’envoyer un nouveau formulaire standardisé.`,
          en: `The transaction is timestamped ${when}, more than ${ctx.windowDays} days before the connection request (${submittedDay}): it is stale. Ask the doctor to send a new standardised form.`,
        })
      : at > latest
        ? fail('timestamp_within_window', {
            fr: `La transaction est horodatée du ${when}, après la demande de raccordement (${submittedDay}) : l’horodatage est incohérent.`,
            en: `The transaction is timestamped ${when}, after the connection request (${submittedDay}): the timestamp is inconsistent.`,
          })
        : pass('timestamp_within_window', {
            fr: `Horodatage dans la fenêtre de ${ctx.windowDays} jours précédant la demande.`,
            en: `Timestamp within the ${ctx.windowDays} days before the request.`,
          }),
  );

  // Never name the other vendor or case: the rule is enough to act on.
  checks.push(
    ctx.claimedElsewhere
      ? fail('transaction_unused', {
          fr: `La transaction « ${ref} » a déjà servi à prouver un autre raccordement. Règle : une transaction ne prouve qu’un seul raccordement, une seule fois, tous industriels confondus.`,
          en: `Transaction "${ref}" has already been used to prove another connection. Rule: one transaction proves one connection, once, across all vendors.`,
        })
      : pass('transaction_unused', {
          fr: 'La transaction n’a encore prouvé aucun autre raccordement.',
          en: 'The transaction has not proved any other connection.',
        }),
  );
  checks.push(
    ctx.incentiveElsewhere
      ? fail('incentive_not_granted', {
          fr: `Le prestataire ${ctx.providerCode} est déjà raccordé avec ce logiciel : une mise à jour du logiciel ne donne jamais droit à une nouvelle aide.`,
          en: `Provider ${ctx.providerCode} is already connected with this software: an update of the software never gives a right to a new incentive.`,
        })
      : pass('incentive_not_granted', {
          fr: 'Aucune aide déjà accordée pour ce prestataire avec ce logiciel.',
          en: 'No incentive granted yet for this provider with this software.',
        }),
  );
  return checks;
}

export const allPassed = (checks: readonly CircuitCheck[]): boolean =>
  checks.length > 0 && checks.every((c) => c.outcome === 'pass');
