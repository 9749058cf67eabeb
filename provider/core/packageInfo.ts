/**
 * Who this package is and where it is installed: its published name, and its root directory found
 * by walking up to its own package.json (the name in it stays the published one, whatever name npm
 * installed it under).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The name the package is published under. */
export const PACKAGE_NAME = "pulumi-cloudflare-hostname-certificates";

/** This package's root directory and manifest, found from `start` upwards; undefined when there is none. */
export function findPackageRoot(start: string): { readonly root: string; readonly version: string } | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
        try {
            const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
            if (manifest.name === PACKAGE_NAME) return { root: dir, version: String(manifest.version) };
        } catch {
            // no package.json here; keep walking up
        }
        if (path.dirname(dir) === dir) return undefined;
    }
}
