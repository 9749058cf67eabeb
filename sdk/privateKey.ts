/**
 * How `HostnameCertificate` hands the private key to Pulumi so no debug log can show it.
 *
 * Pulumi's Node.js SDK logs each resource's outputs at debug level (`-v=9`, `--debug`) before any
 * secret handling, and in a preview the engine echoes a dynamic resource's inputs back as its
 * outputs. So in a preview the key goes to the engine as an unknown value, which is all a preview
 * needs: the fingerprint of its public half, which is not a secret, goes with it, and lets check
 * match the key to the certificate and diff tell whether the key changed. `pulumi up` sends the key
 * itself (a secret, encrypted in state's inputs), and the provider's outputs carry only the
 * fingerprint.
 */
import * as pulumi from "@pulumi/pulumi";
import { keyFingerprintIfValid, UNKNOWN } from "../provider/contract";

/**
 * The key as `privateKey` input and its fingerprint as `privateKeyFingerprint` input.
 *
 * In a preview a key that parses becomes the engine's unknown value (what the SDK itself sends for
 * an unknown). A key that does not parse is sent as it is, so check can say what is wrong with it:
 * a failed check echoes nothing back.
 *
 * @example
 * const { privateKey, privateKeyFingerprint } = privateKeyInputs(pulumi.secret(args.privateKey));
 */
export function privateKeyInputs(privateKey: pulumi.Output<string>): {
    privateKey: pulumi.Output<string>;
    privateKeyFingerprint: pulumi.Output<string | undefined>;
} {
    const fingerprint = privateKey.apply(keyFingerprintIfValid);
    const preview = pulumi.runtime.isDryRun();
    return {
        privateKey: preview ? pulumi.all([privateKey, fingerprint]).apply(([key, known]) => (known === undefined ? key : UNKNOWN)) : privateKey,
        privateKeyFingerprint: pulumi.unsecret(fingerprint),
    };
}
