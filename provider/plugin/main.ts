/**
 * `pulumi-resource-cloudflare-hostname-certificates`: the resource plugin's entry point. The engine
 * starts it with its own address as the argument; `@pulumi/pulumi/provider`'s `main` serves the
 * provider over gRPC and prints the port. Bundled into one executable by `scripts/plugin-build.mjs`.
 */
import "../core/nodeVersion"; // first: an older Node.js gets a clear message, not an error from undici
import { main } from "@pulumi/pulumi/provider";
import { findPackageRoot } from "../core/packageInfo";
import { PluginProvider } from "./adapter";
import { connectEngineLog, hookEngine } from "./engine";

/** Set by the bundler to package.json's version; unset when run from dist/. */
declare const PLUGIN_VERSION: string | undefined;

function version(): string {
    return typeof PLUGIN_VERSION === "string" ? PLUGIN_VERSION : (findPackageRoot(__dirname)?.version ?? "0.0.0");
}

/** The engine's address: the first argument that is not a flag (`--logtostderr`, `-v=9`, `--tracing <url>`). */
function engineAddress(args: readonly string[]): string | undefined {
    return args.find((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--tracing");
}

const args = process.argv.slice(2);
const provider = new PluginProvider(version());
hookEngine({
    configure: (variables) => void provider.configure(variables),
    previewOutputs: (urn, olds, news) => provider.previewOutputs(urn, olds, news),
});
const engine = engineAddress(args);
if (engine) connectEngineLog(engine);
void main(provider, args);
