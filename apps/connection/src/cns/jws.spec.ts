import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { ensureSimulatorKeys, loadCnsTrust } from './cns-keys.js';
import { signJws, verifyJws } from './jws.js';
import { selfSignedCertificate } from './x509.js';

const claims = {
  reference: 'MH-2026-000001',
  kind: 'remboursement',
  providerCode: '12345678',
  timestamp: '2026-10-01T10:00:00.000Z',
  issuer: 'CNS',
};

describe('JWS ES256 (CNS transaction signatures)', () => {
  const cns = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('should verify a transaction signed by the CNS key and return its claims', () => {
    const jws = signJws(claims, cns.privateKey, cns.publicKey);
    const result = verifyJws(jws, cns.publicKey);
    expect(result.valid).toBe(true);
    expect(result.valid && result.payload).toEqual(claims);
    expect(result.valid && result.header.alg).toBe('ES256');
  });

  it('should sign the canonical JSON so the same claims in another key order give the same payload', () => {
    const reordered = {
      issuer: 'CNS',
      timestamp: claims.timestamp,
      providerCode: claims.providerCode,
      kind: claims.kind,
      reference: claims.reference,
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(claims));
    expect(signJws(reordered, cns.privateKey, cns.publicKey).split('.')[1]).toBe(
      signJws(claims, cns.privateKey, cns.publicKey).split('.')[1],
    );
  });

  it('should refuse a transaction whose claims were changed after signing', () => {
    const [h, , s] = signJws(claims, cns.privateKey, cns.publicKey).split('.');
    const forged = `${h}.${Buffer.from(canonicalJson({ ...claims, providerCode: '87654321' })).toString('base64url')}.${s}`;
    expect(verifyJws(forged, cns.publicKey)).toMatchObject({ valid: false, problem: 'signature' });
  });

  it('should refuse a transaction signed by another key, even when it names the CNS key id', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyJws(signJws(claims, other.privateKey, cns.publicKey), cns.publicKey)).toMatchObject({
      valid: false,
      problem: 'signature',
    });
    expect(verifyJws(signJws(claims, other.privateKey, other.publicKey), cns.publicKey)).toMatchObject({
      valid: false,
      problem: 'key',
    });
  });

  it('should refuse "alg": "none", another algorithm and malformed input', () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(canonicalJson(claims)).toString('base64url')}.`;
    expect(verifyJws(unsigned, cns.publicKey).valid).toBe(false);
    const hs = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`;
    expect(verifyJws(hs, cns.publicKey)).toMatchObject({ valid: false, problem: 'algorithm' });
    expect(verifyJws('not-a-jws', cns.publicKey)).toMatchObject({ valid: false, problem: 'malformed' });
  });
});

describe('X.509 trust of the CNS key', () => {
  it('should write a self-signed P-256 certificate that node:crypto parses and verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = selfSignedCertificate({
      privateKey,
      publicKey,
      commonName: 'CNS test',
      organisation: 'Test',
      notBefore: new Date('2025-01-01'),
      notAfter: new Date('2060-01-01'),
    });
    const cert = new X509Certificate(pem);
    expect(cert.subject).toContain('CN=CNS test');
    expect(cert.verify(publicKey)).toBe(true);
    expect(cert.publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey.export({ type: 'spki', format: 'der' }))).toBe(
      true,
    );
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2060);
  });

  it('should create the simulator key pair once and trust only its certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cns-keys-'));
    const first = ensureSimulatorKeys(dir);
    const again = ensureSimulatorKeys(dir);
    expect(
      again.publicKey.export({ type: 'spki', format: 'der' }).equals(first.publicKey.export({ type: 'spki', format: 'der' })),
    ).toBe(true);
    const trust = loadCnsTrust(first.certificatePath);
    expect(trust.certificate).not.toBeNull();
    const jws = signJws(claims, first.privateKey, first.publicKey);
    expect(verifyJws(jws, trust.publicKey).valid).toBe(true);
  });

  it('should refuse to load a private key as the CNS trust anchor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cns-keys-'));
    ensureSimulatorKeys(dir);
    const leaked = join(dir, 'leaked.pem');
    writeFileSync(leaked, readFileSync(join(dir, 'cns-simulator', 'signing-key.pem')));
    expect(() => loadCnsTrust(leaked)).toThrow(/private key/);
  });
});
