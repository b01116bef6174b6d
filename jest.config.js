const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

/**
 * TEST_TYPE selects the suites, as in Medusa's plugin starter:
 *   unit             src, tools: **\/__tests__/**\/*.unit.spec.ts (pure code, local HTTP servers, the sandbox)
 *   integration:http integration-tests/http/*.spec.ts       (a real Medusa app on PostgreSQL)
 *   integration:browser integration-tests/browser/*.spec.ts (Debian's chromium through playwright-core)
 *   package          integration-tests/package/*.spec.ts    (the built, packed tarball as a store installs it)
 */
module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2022" } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  testTimeout: 60_000,
}

if (process.env.TEST_TYPE === "integration:http") {
  module.exports.testMatch = ["**/integration-tests/http/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "integration:browser") {
  module.exports.testMatch = ["**/integration-tests/browser/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "package") {
  module.exports.testMatch = ["**/integration-tests/package/**/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "unit") {
  module.exports.testMatch = ["**/src/**/__tests__/**/*.unit.spec.[jt]s", "**/tools/**/__tests__/**/*.unit.spec.[jt]s"]
}
