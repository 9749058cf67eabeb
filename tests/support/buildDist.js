/**
 * Jest's global setup: builds dist/ before any test runs, because the end-to-end tests run the
 * built package (the real `pulumi` CLI loads it from dist/), not the TypeScript sources. The
 * build is TypeScript's incremental `tsc -b`, which takes about a second when dist/ is current, so
 * `npx jest tests/e2e/x.test.ts` right after an edit tests the edit. tests/scripts/dist.test.ts
 * checks that dist/ matches the sources.
 */
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");

module.exports = async function buildDist() {
    try {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        throw new Error(
            `The TypeScript build of dist/ (tsc -b tsconfig.json), which the end-to-end tests run, failed: fix the errors below and run the tests again.\n${error.stdout ?? ""}${error.stderr ?? ""}`,
        );
    }
};
