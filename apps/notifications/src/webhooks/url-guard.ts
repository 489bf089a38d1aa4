import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { Localized } from '@sons/contracts';

// Callback URLs are chosen by people, then called by the platform from inside its network: refuse anything that
// would reach a cloud metadata endpoint or a link-local / non-routable address (SSRF). Private (RFC 1918) ranges
// stay allowed — downstream systems of the programme live in private networks.
const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS_BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254 (AWS, GCP, Azure, OCI metadata)
ALWAYS_BLOCKED.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
ALWAYS_BLOCKED.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
ALWAYS_BLOCKED.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, incl. 255.255.255.255
ALWAYS_BLOCKED.addAddress('::', 'ipv6');
ALWAYS_BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // link-local
ALWAYS_BLOCKED.addSubnet('ff00::', 8, 'ipv6'); // multicast
ALWAYS_BLOCKED.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

export type UrlRule = 'url' | 'protocol' | 'credentials' | 'metadata_host' | 'blocked_address' | 'loopback' | 'unresolvable';
export class UrlRefused extends Error {
  constructor(
    readonly rule: UrlRule,
    readonly reason: Localized,
  ) {
    super(reason.en);
  }
}

// ::ffff:169.254.169.254 must be judged as the IPv4 address it is.
const unmap = (address: string): { address: string; family: 'ipv4' | 'ipv6' } => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
};

export function checkAddress(raw: string, allowLoopback: boolean): void {
  const { address, family } = unmap(raw.replace(/^\[|\]$/g, ''));
  if (ALWAYS_BLOCKED.check(address, family)) {
    throw new UrlRefused('blocked_address', {
      fr: `L’adresse ${address} est une adresse link-local, de métadonnées cloud ou non routable : elle est refusée.`,
      en: `Address ${address} is link-local, a cloud metadata address or not routable: it is refused.`,
    });
  }
  if (!allowLoopback && LOOPBACK.check(address, family)) {
    throw new UrlRefused('loopback', {
      fr: `L’adresse ${address} est une adresse de bouclage (loopback) : refusée (WEBHOOK_ALLOW_LOOPBACK=off).`,
      en: `Address ${address} is a loopback address: refused (WEBHOOK_ALLOW_LOOPBACK=off).`,
    });
  }
}

type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );

// Syntax, scheme, host name and every address the name resolves to.
export async function checkCallbackUrl(raw: string, allowLoopback: boolean, resolver: Resolver = systemResolver): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('url', {
      fr: 'Ce n’est pas une URL absolue valide (ex. https://exemple.lu/webhooks).',
      en: 'Not a valid absolute URL (e.g. https://example.lu/webhooks).',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UrlRefused('protocol', {
      fr: `Seuls http et https sont admis (reçu « ${url.protocol.replace(/:$/, '')} »).`,
      en: `Only http and https are allowed (got "${url.protocol.replace(/:$/, '')}").`,
    });
  }
  if (url.username || url.password) {
    throw new UrlRefused('credentials', {
      fr: 'L’URL ne doit pas contenir d’identifiants : le webhook est authentifié par sa signature HMAC.',
      en: 'The URL must not carry credentials: the webhook is authenticated by its HMAC signature.',
    });
  }
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_HOSTS.has(host)) {
    throw new UrlRefused('metadata_host', {
      fr: `« ${host} » est un service de métadonnées cloud : refusé.`,
      en: `"${host}" is a cloud metadata service: refused.`,
    });
  }
  if (isIP(host)) {
    checkAddress(host, allowLoopback);
    return url;
  }
  let addresses: string[];
  try {
    addresses = await resolver(host);
  } catch (error) {
    throw new UrlRefused('unresolvable', {
      fr: `Le nom « ${host} » ne se résout pas (${(error as { code?: string }).code ?? 'DNS'}). Vérifiez l’URL.`,
      en: `Host name "${host}" does not resolve (${(error as { code?: string }).code ?? 'DNS'}). Check the URL.`,
    });
  }
  if (!addresses.length)
    throw new UrlRefused('unresolvable', {
      fr: `Le nom « ${host} » n’a aucune adresse.`,
      en: `Host name "${host}" has no address.`,
    });
  for (const address of addresses) checkAddress(address, allowLoopback);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

// For http.request: the connection goes only to an address that passed the check at connect time, so a DNS answer
// that changes after registration (rebinding) cannot reach a refused address.
export function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      try {
        for (const a of addresses) checkAddress(a.address, allowLoopback);
      } catch (refused) {
        return callback(Object.assign(new Error((refused as Error).message), { code: 'EADDRREFUSED' }), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      callback(null, first.address, first.family);
    });
  };
}
