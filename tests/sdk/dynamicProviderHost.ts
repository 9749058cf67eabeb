/** Loading a `__provider` text the way Pulumi's dynamic-provider host does, in a process of its own. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { ProviderExport } from "../../sdk/providerModule";

export const PUBLISHED = "pulumi-cloudflare-hostname-certificates";
export const PROVIDER_METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];
const requireFromString = require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] });

/**
 * Loads `text` as the host does (`require-from-string`, then `handler()`), in a plain Node process
 * whose working directory is `cwd` (the program's directory), and returns what `handler()` gave:
 * its `marker`, whether it is the installed package's provider, its methods, or the error.
 */
export function loadThroughHost(text: string, name: ProviderExport, cwd: string): { marker?: string; same?: boolean; methods?: string[]; error?: string } {
    const script = `
const [text, name, rfs] = process.argv.slice(1);
try {
  const provider = require(rfs)(text).handler();
  let installed;
  try { installed = require(require.resolve("${PUBLISHED}/provider", { paths: [process.cwd()] }))[name]; } catch {}
  const methods = ${JSON.stringify(PROVIDER_METHODS)}.filter((m) => typeof provider[m] === "function");
  console.log(JSON.stringify({ marker: provider.marker, same: provider === installed, methods }));
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
}`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script, text, name, requireFromString], { cwd, encoding: "utf8" }));
}
