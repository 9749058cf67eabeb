/**
 * The foundation: the pinned Pulumi CLI runs a Node.js program holding a dynamic resource out of
 * process, offline, against a file backend: up, refresh and destroy.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createWorkspace, PulumiWorkspace, REPO_ROOT, runProcess } from "./harness";

const pinned = /^PULUMI_VERSION=(\S+)$/m.exec(readFileSync(path.join(REPO_ROOT, "toolchain/versions.env"), "utf8"))![1];

describe("toolchain", () => {
    let workspace: PulumiWorkspace;
    afterAll(() => workspace?.dispose());

    test("pulumi version prints the pinned version", async () => {
        const result = await runProcess(path.join(REPO_ROOT, ".toolchain/bin/pulumi"), ["version"], REPO_ROOT, { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } as Record<string, string>, 60_000);
        expect(result.code).toBe(0);
        expect(result.stdout.trim()).toBe(`v${pinned}`);
    });

    test("up, refresh and destroy a dynamic resource", async () => {
        workspace = await createWorkspace("tiny");
        await workspace.setConfig("message", "offline");

        const up = await workspace.up();
        expect(up.output).toContain("+ 2 created");
        expect(up.code).toBe(0);
        expect(await workspace.outputs()).toEqual({ message: "offline" });

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
