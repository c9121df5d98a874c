// One jest config for the whole monorepo: swc keeps the 2-core CI fast and
// still emits the decorator metadata that Nest and TypeORM need.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const paths = {
  '^@skranke/(domain|config|persistence|core|realtime|jobs|auth|platform)$': '<rootDir>/libs/$1/src',
  '^@skranke/(domain|config|persistence|core|realtime|jobs|auth|platform)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // temporal-polyfill (and its temporal-utils) ship ES modules only; Node 20 loads them with require(), jest's runtime needs them compiled.
    // So do openid-client and its jose and oauth4webapi (the apps load them with require(), as Node 20.19+ allows).
    '/node_modules/(temporal-(polyfill|utils)|openid-client|oauth4webapi|jose)/.+\\.js$': ['@swc/jest', { ...swc, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(temporal-(polyfill|utils)|openid-client|oauth4webapi|jose)/)'],
  moduleNameMapper: paths,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // The in-process apps close their Redis sockets asynchronously; don't let a lingering one hang CI.
  forceExit: true,
};
