import QRCode from 'qrcode';
import { RenderInputError } from './render.exception.js';

const QUIET_ZONE = 4;

// `<baseUrl>/verify/<reference>`: the public verification page of a document.
export const buildVerifyUrl = (baseUrl: string, reference: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(reference)}`;

// The verification URL is printed and encoded in the QR code: only an absolute http(s) URL.
export const assertVerifyUrl = (verifyUrl: string): URL => {
  let url: URL;
  try {
    url = new URL(verifyUrl);
  } catch {
    throw new RenderInputError('verifyUrl', 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RenderInputError('verifyUrl', 'only http(s) URLs can be printed');
  }
  return url;
};

// Server-side QR code as an inline SVG data: URI (synchronous, no network, no canvas): one path of
// unit squares, crisp at any print size.
export const verificationQrDataUri = (text: string): string => {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const dimension = size + QUIET_ZONE * 2;
  let path = '';
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (data[row * size + column]) path += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dimension} ${dimension}" shape-rendering="crispEdges">` +
    `<rect width="${dimension}" height="${dimension}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
};
