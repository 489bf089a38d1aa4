import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

// JWS compact serialization (RFC 7515) with ES256 (RFC 7518 §3.4: ECDSA P-256 + SHA-256, the signature as the
// 64-byte R || S concatenation). The CNS signs each registered transaction; the platform verifies with the CNS's
// public key / certificate only.
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export type JwsHeader = { alg: string; typ?: string; kid?: string; [key: string]: unknown };

// Key id: the base64url SHA-256 of the public key's SubjectPublicKeyInfo (DER).
export const keyIdOf = (publicKey: KeyObject): string =>
  b64url(
    createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest(),
  );

export function signJws(claims: Record<string, unknown>, privateKey: KeyObject, publicKey: KeyObject): string {
  const header: JwsHeader = { alg: 'ES256', typ: 'JOSE', kid: keyIdOf(publicKey) };
  const signingInput = `${b64url(canonicalJson(header))}.${b64url(canonicalJson(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${b64url(signature)}`;
}

export type JwsVerification =
  | { valid: true; header: JwsHeader; payload: unknown }
  | { valid: false; problem: 'malformed' | 'algorithm' | 'key' | 'signature'; detail: string };

// Verifies with the one trusted key; never trusts the header to choose the algorithm or the key ("alg: none",
// HS256 with the public key as secret, a key embedded in the header are all refused).
export function verifyJws(compact: string, publicKey: KeyObject): JwsVerification {
  const parts = compact.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[0] || !parts[1] || !parts[2]) {
    return { valid: false, problem: 'malformed', detail: 'not a JWS compact serialization' };
  }
  const [h, p, s] = parts as [string, string, string];
  let header: JwsHeader;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as JwsHeader;
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { valid: false, problem: 'malformed', detail: 'header or payload is not base64url JSON' };
  }
  if (header?.alg !== 'ES256')
    return { valid: false, problem: 'algorithm', detail: `algorithm ${String(header?.alg)} is not ES256` };
  if (header.kid !== undefined && header.kid !== keyIdOf(publicKey)) {
    return { valid: false, problem: 'key', detail: 'signed with a key other than the CNS key' };
  }
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64) return { valid: false, problem: 'signature', detail: 'ES256 signature must be 64 bytes' };
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  return ok ? { valid: true, header, payload } : { valid: false, problem: 'signature', detail: 'signature does not verify' };
}
