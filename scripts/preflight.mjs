// One preflight for the start and test commands: the operating-system packages the platform needs.
// Installs them with apt-get when the machine allows it; otherwise stops with the exact command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { pkg: 'nats-server', present: () => existsSync('/usr/sbin/nats-server') || which('nats-server') },
  { pkg: 'chromium', present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  { pkg: 'poppler-utils', present: () => which('pdftotext') },
  { pkg: 'libxml2-utils', present: () => which('xmllint') },
  // The PAdES signing tests make a throwaway certificate with openssl.
  { pkg: 'openssl', present: () => which('openssl') },
  { pkg: 'fonts-dejavu-core', present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') },
];

function which(cmd) {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

const missing = needs.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length) {
  const command = `apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    console.log(`[sons] preflight: installing ${missing.join(', ')} (${command})`);
    try {
      execSync(`${command} || (apt-get update && ${command})`, {
        stdio: 'inherit',
        shell: '/bin/sh',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      console.error(`[sons] preflight: could not install ${missing.join(', ')}. Run as root: ${command}`);
      process.exit(1);
    }
  } else {
    console.error(`[sons] preflight: missing ${missing.join(', ')}. Install them with: sudo ${command}`);
    process.exit(1);
  }
}
