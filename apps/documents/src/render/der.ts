// Just enough DER (ITU-T X.690) to write the CMS of a PDF signature and to cut exact fields out of a certificate:
// the signing-certificate attribute must carry the issuer and serial number byte for byte.

const lengthOctets = (length: number): Buffer => {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
  return Buffer.from([0x80 | octets.length, ...octets]);
};

export const tlv = (tag: number, ...content: Uint8Array[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthOctets(body.length), body]);
};

export const sequence = (...content: Uint8Array[]): Buffer => tlv(0x30, ...content);

// DER sorts the elements of a SET OF by their encodings (X.690 §11.6).
export const setOf = (...elements: Buffer[]): Buffer => tlv(0x31, ...[...elements].sort((a, b) => Buffer.compare(a, b)));

// [n] for an EXPLICIT tag or an IMPLICIT SET/SEQUENCE (constructed, context-specific).
export const contextTag = (n: number, ...content: Uint8Array[]): Buffer => tlv(0xa0 | n, ...content);

export const octetString = (bytes: Uint8Array): Buffer => tlv(0x04, bytes);

export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

export const smallInteger = (value: number): Buffer => {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new RangeError(`smallInteger: ${value}`);
  return tlv(0x02, Buffer.from([value]));
};

export const objectIdentifier = (dotted: string): Buffer => {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  if (first === undefined || second === undefined) throw new RangeError(`OID ${dotted}`);
  const octets = [40 * first + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift((value & 0x7f) | 0x80);
    octets.push(...chunk);
  }
  return tlv(0x06, Buffer.from(octets));
};

export type DerNode = { tag: number; start: number; contentStart: number; end: number };

export const readNode = (der: Uint8Array, offset: number): DerNode => {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined || (tag & 0x1f) === 0x1f) throw new Error(`DER: unreadable element at ${offset}`);
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error(`DER: unsupported length at ${offset}`);
    length = 0;
    for (let index = 0; index < count; index += 1) length = length * 256 + (der[contentStart + index] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > der.length) throw new Error(`DER: element at ${offset} runs past the end`);
  return { tag, start: offset, contentStart, end };
};

export const childrenOf = (der: Uint8Array, node: DerNode): DerNode[] => {
  const children: DerNode[] = [];
  for (let at = node.contentStart; at < node.end;) {
    const child = readNode(der, at);
    children.push(child);
    at = child.end;
  }
  return children;
};

export const bytesOf = (der: Uint8Array, node: DerNode): Buffer => Buffer.from(der.subarray(node.start, node.end));
