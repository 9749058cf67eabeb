/**
 * `pulumi import`: the engine reads a resource by the ID the user typed, with no properties. The ID
 * carries what the dynamic providers' `read` needs: `<zoneId>/<certificateId>` for a certificate and
 * `<zoneId>/<hostname>` for an association (the association's own ID). Reading is all it does: nothing
 * is uploaded or changed. Cloudflare never returns a private key, so an imported certificate's key
 * fingerprint comes from the certificate's public key, which check guarantees is the key's; the
 * next `up` with the program's key then finds nothing to replace.
 */
import type * as provider from "@pulumi/pulumi/provider";
import type { HostnameAssociationProvider } from "../associations/provider";
import { hostnameProblem } from "../associations/check";
import type { HostnameCertificateProvider } from "../certificates/provider";
import { CERTIFICATE_ID_PATTERN } from "../client/hostnameCertificates";
import { keyFingerprint, parseCertificateChain } from "../core/pem";
import { resourceReporter } from "../runtime/progress";
import { zoneIdProblem } from "../runtime/inputs";
import { call, plainProps, untypedDelegate } from "./boundary";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN, URN_KEY } from "../contract";

/** Thrown for an import ID that names nothing readable; says which form to use. */
export class ImportIdError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ImportIdError";
    }
}

function splitId(id: string, token: string, second: string): [string, string] {
    const slash = id.indexOf("/");
    const usage = `import it as \`pulumi import ${token} <name> <zoneId>/<${second}>\``;
    if (slash < 0) throw new ImportIdError(`import ID "${id}" is not <zoneId>/<${second}>: ${usage}`);
    const zoneId = id.slice(0, slash);
    const problem = zoneIdProblem(zoneId);
    if (problem) throw new ImportIdError(`import ID "${id}": ${problem}; ${usage}`);
    return [zoneId, id.slice(slash + 1)];
}

export async function importedCertificate(certificates: HostnameCertificateProvider, id: string, urn: string): Promise<provider.ReadResult> {
    const [zoneId, certificateId] = splitId(id, PLUGIN_CERTIFICATE_TOKEN, "certificateId");
    if (!CERTIFICATE_ID_PATTERN.test(certificateId)) {
        throw new ImportIdError(`import ID "${id}": "${certificateId}" is not a certificate ID (a UUID such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60)`);
    }
    // A read needs only the zone (and the URN, for the row); nothing else is stored yet.
    const result = await call(() => untypedDelegate(certificates).read(certificateId, { zoneId, [URN_KEY]: urn }));
    if (!result.props) {
        throw new ImportIdError(`import ID "${id}": zone ${zoneId} has no certificate ${certificateId} (Cloudflare reports it missing or being deleted)`);
    }
    const props = plainProps(result.props);
    const leaf = parseCertificateChain(String(props.certificate))[0];
    const outputs = { ...props, privateKeyFingerprint: keyFingerprint(leaf.publicKey) };
    const progress = resourceReporter(urn);
    progress.warn(`imported without its private key, which Cloudflare never returns: add privateKey (a secret) to the program before the next up`);
    await progress.flush?.();
    return { id: certificateId, props: outputs, inputs: { zoneId, certificate: props.certificate } };
}

export async function importedAssociation(associations: HostnameAssociationProvider, id: string, urn: string): Promise<provider.ReadResult> {
    const [zoneId, hostname] = splitId(id, PLUGIN_ASSOCIATION_TOKEN, "hostname");
    const problem = hostnameProblem(hostname);
    if (problem) throw new ImportIdError(`import ID "${id}": ${problem}`);
    const result = await call(() => untypedDelegate(associations).read(id, { zoneId, hostname, [URN_KEY]: urn }));
    if (!result.props || !result.inputs) {
        throw new ImportIdError(`import ID "${id}": hostname ${hostname} in zone ${zoneId} has no certificate association`);
    }
    // Imported: this resource now manages the hostname's association, on the certificate it uses now.
    const props = { ...plainProps(result.props), ownership: "imported", managedCertificateId: result.props.certificateId };
    return { id, props, inputs: plainProps(result.inputs) };
}
