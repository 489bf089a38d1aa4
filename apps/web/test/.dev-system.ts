import { startSystem } from '@sons/testing';
const system = await startSystem({ name: 'webdev' });
console.log('BASE', system.baseUrl);
process.on('SIGTERM', async () => { await system.stop(); process.exit(0); });
setInterval(() => undefined, 1 << 30);
