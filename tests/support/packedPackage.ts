/** The package as users get it: `npm pack` of this repository (dist/ included, as `files` lists it). */
import * as path from "node:path";
import { explain, npmEnv, REPO_ROOT, runProcess } from "./process";

/** Packs this repository into `destination` and returns the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
    const pack = await runProcess("npm", ["pack", "--json", "--pack-destination", destination], REPO_ROOT, npmEnv(), 120_000);
    if (pack.code !== 0) throw new Error(explain("npm pack", pack));
    return path.join(destination, JSON.parse(pack.stdout)[0].filename);
}
