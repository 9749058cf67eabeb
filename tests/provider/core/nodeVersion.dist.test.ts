/**
 * The built provider (dist/, as Pulumi loads it) on an older Node.js stops with the message of
 * `nodeVersionProblem`, before undici (which needs 22.19) loads.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { MINIMUM_NODE_VERSION } from "../../../provider/core/nodeVersion";
import { REPO_ROOT } from "../../support/process";

test("loading the built provider on Node.js 20 fails naming the version needed, not with an error from undici", () => {
    // The same Node binary, told it is v20.20.2 before the provider loads.
    const script = `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.20.2" } }); require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider"))});`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`pulumi-cloudflare-hostname-certificates needs Node.js ${MINIMUM_NODE_VERSION} or newer, but Pulumi runs it on Node.js v20.20.2`);
    expect(result.stderr).not.toContain("undici");
});
