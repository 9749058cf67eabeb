/**
 * Pulumi's secret wrappers at the plugin's boundary. The plugin accepts secrets (`@pulumi/pulumi/provider`
 * says so in Configure), so the engine sends a secret input as `{[sig]: secretSig, value}`. The dynamic
 * provider code sees plain values; what it returns is wrapped again where the request had a secret, and
 * `privateKey` always, so state keeps the key encrypted whatever the program's language did.
 */
import { isRpcSecret, specialSecretSig, specialSigKey, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";

type Props = Record<string, unknown>;

/** Inputs that are secret whatever the program says (the schema marks them `secret`). */
export const ALWAYS_SECRET: ReadonlySet<string> = new Set(["privateKey"]);

/** `props` without wrappers, and the names of the top-level properties that were secret. */
export function unwrapSecrets(props: Props | undefined): { readonly plain: Props; readonly secret: ReadonlySet<string> } {
    const plain: Props = {};
    const secret = new Set<string>();
    for (const [name, value] of Object.entries(props ?? {})) {
        if (isRpcSecret(value)) secret.add(name);
        plain[name] = deepUnwrap(value);
    }
    return { plain, secret };
}

function deepUnwrap(value: unknown): unknown {
    if (isRpcSecret(value)) return deepUnwrap(unwrapRpcSecret(value));
    if (Array.isArray(value)) return value.map(deepUnwrap);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepUnwrap(v)]));
    return value;
}

/** `props` with the properties named in `secret` (and those always secret) wrapped as secrets. */
export function wrapSecrets(props: Props, secret: ReadonlySet<string>): Props {
    const wrap = (name: string, value: unknown) => ((secret.has(name) || ALWAYS_SECRET.has(name)) && value !== undefined ? { [specialSigKey]: specialSecretSig, value } : value);
    return Object.fromEntries(Object.entries(props).map(([name, value]) => [name, wrap(name, value)]));
}
