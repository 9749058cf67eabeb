/**
 * Running an example from examples/ as its README section says: a workspace of the example pointed
 * at the emulator with the two config settings every section starts with, and `make_cert`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_API_TOKEN, type Emulator } from "../../emulator";
import { makeCertificate } from "../fixtures/certificates";
import { createWorkspace, type PulumiWorkspace } from "../support/pulumiWorkspace";
import { REPO_ROOT } from "../support/process";

/** A `dev` stack of `examples/<name>` with `cloudflare:baseUrl` and the secret `cloudflare:apiToken` set. */
export async function openExample(name: string, emulator: Emulator): Promise<PulumiWorkspace> {
    const workspace = await createWorkspace(path.join(REPO_ROOT, "examples", name), { stack: "dev" });
    await workspace.mustRun(["config", "set", "cloudflare:baseUrl", emulator.url]);
    await workspace.mustRun(["config", "set", "--secret", "cloudflare:apiToken", DEFAULT_API_TOKEN]);
    return workspace;
}

/** `make_cert <prefix> <cn>` from the README: <prefix>.pem and <prefix>.key in the program directory. */
export async function makeCert(workspace: PulumiWorkspace, prefix: string, commonName: string): Promise<void> {
    const made = await makeCertificate({ commonName, keyType: "ec", freshKey: true });
    mkdirSync(path.dirname(path.join(workspace.programDir, prefix)), { recursive: true });
    writeFileSync(path.join(workspace.programDir, `${prefix}.pem`), made.certificate);
    writeFileSync(path.join(workspace.programDir, `${prefix}.key`), made.privateKey);
}
