import { randomBytes } from 'node:crypto';
import type { TemplateKey } from '@sons/contracts';

// Crockford base32: no I, L, O, U — nothing to misread when a reference is typed from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const KIND: Record<TemplateKey, string> = {
  'test-success-attestation': 'ATT',
  'label-attestation': 'LAB',
  invoice: 'FAC',
  'service-agreement': 'ACC',
  'submission-receipt': 'REC',
};

export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

// SONS-ATT-2026-7K3M9QXD: programme, kind of document, year of issue, 40 random bits (unique index behind it).
export const documentReference = (templateKey: TemplateKey, issuedAt: Date): string =>
  `SONS-${KIND[templateKey]}-${issuedAt.getUTCFullYear()}-${randomBase32(8)}`;
