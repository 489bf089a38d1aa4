export default async function globalTeardown() {
  await globalThis.__sonsNats?.stop();
}
