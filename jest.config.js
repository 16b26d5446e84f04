/** Tests are TypeScript, run through ts-jest; CLI end-to-end tests spawn the built dist/ (npm test builds it first). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', esModuleInterop: true, resolveJsonModule: true, strict: true, skipLibCheck: true, target: 'ES2022', lib: ['ES2022', 'ES2023.Array', 'DOM'] } }] },
  testTimeout: 60000,
};
