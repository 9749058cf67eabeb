/**
 * What every resource carries in state as `__provider`: the text of a small CommonJS module whose
 * `handler()` returns the installed package's provider.
 *
 * Pulumi's dynamic-provider host loads `__provider` as a module and calls `handler()` (the contract
 * `pulumi.dynamic.Resource` meets by serializing a closure). Writing the module ourselves keeps each
 * resource's copy to a few hundred bytes rather than a 2.8 KB closure, and the same across Pulumi
 * versions; the program never runs the closure serializer, and nothing of the program (credentials
 * included) can be captured. Because it loads the installed package, an upgrade takes effect for
 * resources created before it, delete and refresh included.
 *
 * The host runs the text with the program's directory as working directory, and resolves nothing
 * else for it. So the text names the package as the program installed it: under another name (an
 * npm alias, `cf-aop@npm:pulumi-cloudflare-hostname-certificates`) or inside another package's
 * `node_modules` (a nested install). It falls back to the published name from the program's
 * directory, which is also all that earlier releases wrote, and fails naming the package.
 *
 * Compatibility contract: `pulumi-cloudflare-hostname-certificates/provider` and its exports
 * `hostnameCertificateProvider` and `hostnameAssociationProvider` are loaded by every text any
 * release wrote; `tests/sdk/providerModule.test.ts` pins those texts.
 */
import * as path from "node:path";
import { findPackageRoot, PACKAGE_NAME, type ProviderExport } from "../provider/contract";

export type { ProviderExport };

/**
 * How the program reaches this package: the package name to resolve and the directory (relative to
 * the program's, `.` when it is the program's) whose `node_modules` lookup finds it.
 */
export interface InstallLayout {
    readonly name: string;
    readonly from: string;
}

/**
 * The layout of the package whose root is `root`, seen from `cwd`: installed as
 * `<from>/node_modules/<name>` (or `<from>/node_modules/@scope/<name>`). Outside a `node_modules`
 * (a linked checkout) it is the published name from the program's directory.
 * @example installLayout("/app/node_modules/cf-aop", "/app") // { name: "cf-aop", from: "." }
 */
export function installLayout(root: string, cwd: string): InstallLayout {
    const parent = path.dirname(root);
    const scoped = path.basename(parent).startsWith("@");
    const modules = scoped ? path.dirname(parent) : parent;
    if (path.basename(modules) !== "node_modules") return { name: PACKAGE_NAME, from: "." };
    const name = scoped ? `${path.basename(parent)}/${path.basename(root)}` : path.basename(root);
    return { name, from: path.relative(cwd, path.dirname(modules)).split(path.sep).join("/") || "." };
}

let installed: InstallLayout | undefined;

/** This copy's layout, from its own location and the program's working directory. */
function thisInstall(): InstallLayout {
    const root = findPackageRoot(__dirname)?.root;
    installed ??= root ? installLayout(root, process.cwd()) : { name: PACKAGE_NAME, from: "." };
    return installed;
}

/**
 * The `__provider` module text for one resource type.
 * @example providerModule("hostnameCertificateProvider")
 * // exports.handler = () => { … resolves "pulumi-cloudflare-hostname-certificates/provider" from the program's directory … };
 */
export function providerModule(name: ProviderExport, layout: InstallLayout = thisInstall()): string {
    const candidates: Array<[string, string]> = [[`${layout.name}/provider`, layout.from]];
    if (layout.name !== PACKAGE_NAME || layout.from !== ".") candidates.push([`${PACKAGE_NAME}/provider`, "."]);
    return `exports.handler = () => {
  for (const [id, from] of ${JSON.stringify(candidates)}) {
    let file;
    try { file = require.resolve(id, { paths: [require("path").resolve(from)] }); } catch { continue; }
    return require(file).${name};
  }
  throw new Error("Cannot find ${candidates.map(([id]) => id).join(" or ")} from " + process.cwd() + ": install ${PACKAGE_NAME} in this Pulumi program (the version that deployed the stack, or newer)");
};
`;
}

