/**
 * The public surface is deliberate: each entry point's exports, with their signatures, are recorded in
 * `docs/api/<entry>.api.md`, and this test fails while the built declarations differ from them.
 * After an intended change, run `npm run api` and commit the reports with the change.
 */
import * as path from "node:path";
import { REPO_ROOT, runProcess } from "../support/process";

test("docs/api matches the public surface of every entry point", async () => {
    const result = await runProcess(process.execPath, [path.join(REPO_ROOT, "scripts/api-report.mjs"), "--check"], REPO_ROOT, { PATH: process.env.PATH ?? "" }, 120_000);
    expect(result.output).toContain("API reports are up to date");
    expect(result.code).toBe(0);
});
