import { sniffContentType } from './attachments.js';

describe('sniffContentType', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('should detect a PDF from its magic bytes when the name says otherwise', () => {
    expect(sniffContentType(bytes('%PDF-1.7\n...'))).toBe('application/pdf');
  });
  it('should detect PNG and JPEG signatures', () => {
    expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });
  it('should refuse binary content that matches no accepted type', () => {
    expect(sniffContentType(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]))).toBeNull();
  });
  it('should accept plain UTF-8 text and XML', () => {
    expect(sniffContentType(bytes('Résultats des tests RECL\n'))).toBe('text/plain');
    expect(sniffContentType(bytes('<?xml version="1.0"?><a/>'))).toBe('application/xml');
  });
});
