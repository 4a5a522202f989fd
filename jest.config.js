// Jest: TypeScript through swc; unit and contract tests by default, browser tests in their own project.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021' } }] };
module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/e2e/'] },
    { displayName: 'e2e', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
