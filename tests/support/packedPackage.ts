/**
 * The package as users get it: `npm pack` of this repository (dist/ included, as `files` lists it),
 * and npm commands run the way a user's would, for programs installed outside the repository.
 */
import * as path from "node:path";
import { REPO_ROOT, runProcess, type RunResult } from "./pulumiWorkspace";

/** The environment for npm: ours, minus the npm_* variables an outer `npm test` sets (its prefix, its package). */
export function npmEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (value !== undefined && !/^npm_/i.test(key)) env[key] = value;
    }
    return env;
}

/** A failed command's name, exit code and output, for an error message. */
export function explain(what: string, result: RunResult): string {
    return `${what} exited ${result.code}:\n${result.output}`;
}

/** Packs this repository into `destination` and returns the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
    const pack = await runProcess("npm", ["pack", "--json", "--pack-destination", destination], REPO_ROOT, npmEnv(), 120_000);
    if (pack.code !== 0) throw new Error(explain("npm pack", pack));
    return path.join(destination, JSON.parse(pack.stdout)[0].filename);
}
