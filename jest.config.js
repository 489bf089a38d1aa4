// One Jest run for the whole monorepo: unit specs beside the code, integration tests under each app's test/.
// Workspace packages resolve to their TypeScript sources so a test never depends on a stale build.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@sons/(contracts|platform|forms|testing)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/packages/*/src/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/apps/*/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/packages/testing/global-setup.mjs',
  globalTeardown: '<rootDir>/packages/testing/global-teardown.mjs',
  // A failed run also prints what the systems under test logged as warnings and errors (see the reporter).
  reporters: ['default', '<rootDir>/packages/testing/failure-logs-reporter.mjs'],
  maxWorkers: 2,
  // Hooks included: a file that starts the whole system waits for it up to SONS_TEST_START_TIMEOUT_MS (120 s) under load.
  testTimeout: 150000,
};
