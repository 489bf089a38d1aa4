// Development aid: starts the real system (as the browser tests do) and keeps it running, so the browser tests can be
// re-run quickly against it:  PATH=$PWD/node_modules/.bin:$PATH tsx apps/web/scripts/test-system.ts
// then  SONS_WEB_BASE_URL=<printed URL> node_modules/.bin/node --experimental-vm-modules node_modules/jest/bin/jest.js apps/web/test
import { startSystem } from '@sons/testing';

const system = await startSystem({ name: 'webdev' });
console.log('BASE', system.baseUrl);
process.on('SIGTERM', () => void system.stop().then(() => process.exit(0)));
process.on('SIGINT', () => void system.stop().then(() => process.exit(0)));
setInterval(() => undefined, 1 << 30);
