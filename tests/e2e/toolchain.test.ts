/**
 * The foundation: the Pulumi CLI setup chose (the pinned version built from Go modules, or an
 * installed one) runs a Node.js program holding a dynamic resource out of process, offline,
 * against a file backend: up, refresh and destroy.
 */
import { readFileSync, realpathSync } from "node:fs";
import * as path from "node:path";
import { createWorkspace, PulumiWorkspace } from "../support/pulumiWorkspace";
import { REPO_ROOT, type RunResult, runProcess } from "../support/process";

const versions = readFileSync(path.join(REPO_ROOT, "toolchain/versions.env"), "utf8");
const pinned = /^PULUMI_VERSION=(\S+)$/m.exec(versions)![1];
const minimum = /^PULUMI_MIN_VERSION=(\S+)$/m.exec(versions)![1];
/** Where setup's builds live: `<cache>/pulumi-v<version>-<hash of the Go module>/bin/pulumi`. */
const BUILT = /\/pulumi-v([^/]+)-[0-9a-f]+\/bin\/pulumi$/;

/** "v3.250.0" → [3, 250, 0]; pre-release tags are ignored. */
function numbers(version: string): number[] {
    return version.replace(/^v/, "").split(/[.-]/).slice(0, 3).map(Number);
}

function atLeast(version: string, minimum: string): boolean {
    const [a, b] = [numbers(version), numbers(minimum)];
    const index = a.findIndex((part, i) => part !== b[i]);
    return index === -1 || a[index] > b[index];
}

describe("toolchain", () => {
    let workspace: PulumiWorkspace;
    afterAll(() => workspace?.dispose());

    test("pulumi is the pinned version when setup built it, else an installed one at least the minimum", async () => {
        const pulumi = path.join(REPO_ROOT, ".toolchain/bin/pulumi");
        const result = await runProcess(pulumi, ["version"], REPO_ROOT, { PATH: process.env.PATH ?? "", PULUMI_SKIP_UPDATE_CHECK: "true" }, 60_000);
        expect(result.code).toBe(0);
        const version = result.stdout.trim();
        const built = BUILT.exec(realpathSync(pulumi));
        if (built) {
            expect(built[1]).toBe(pinned);
            expect(version).toBe(`v${pinned}`);
        } else {
            expect(version).toMatch(/^v\d+\.\d+\.\d+/);
            expect(atLeast(version, minimum)).toBe(true);
        }
    });

    test("up, refresh and destroy a dynamic resource; the program sees only the harness's environment", async () => {
        // What a developer's shell might hold: none of it may reach the commands a test runs.
        const leaks = { CLOUDFLARE_API_TOKEN: "developer-token-0123456789abcdef01234567", PULUMI_ACCESS_TOKEN: "pul-developer", E2E_LEAK_CANARY: "1" };
        Object.assign(process.env, leaks);
        let up: RunResult;
        try {
            workspace = await createWorkspace("tiny");
            await workspace.setConfig("message", "offline");
            up = await workspace.up();
        } finally {
            for (const name of Object.keys(leaks)) delete process.env[name];
        }
        expect(up.output).toContain("+ 2 created");
        expect(up.code).toBe(0);
        const { environment, ...outputs } = (await workspace.outputs()) as { environment: string[] };
        expect(outputs).toEqual({ message: "offline" });
        for (const name of Object.keys(leaks)) expect(environment).not.toContain(name);
        expect(environment).not.toContain("JEST_WORKER_ID");
        for (const name of ["PATH", "HOME", "PULUMI_HOME", "PULUMI_BACKEND_URL"]) expect(environment).toContain(name);

        const state = JSON.parse(await workspace.exportStackText());
        const echo = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/tiny:Echo");
        expect(echo.outputs.message).toBe("offline");
        expect(typeof echo.outputs.__provider).toBe("string");

        const refresh = await workspace.refresh();
        expect(refresh.code).toBe(0);

        const destroy = await workspace.destroy();
        expect(destroy.output).toContain("- 2 deleted");
        expect(destroy.code).toBe(0);
        const after = JSON.parse(await workspace.exportStackText());
        expect(after.deployment.resources ?? []).toHaveLength(0);
    });
});
