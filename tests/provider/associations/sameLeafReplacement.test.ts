/**
 * A certificate replaced delete-first (only its chain changed) under an association: the certificate
 * provider's diff notes it, and the association provider's diff, asked by the engine with the
 * certificate's id unknown, refuses it; any other replacement of the certificate is an update.
 */
import { createHostnameAssociationProvider } from "../../../provider/associations/provider";
import { createHostnameCertificateProvider } from "../../../provider/certificates/provider";
import { UNKNOWN } from "../../../provider/contract";
import { memoryReporter } from "../../../provider/runtime/progress";
import { makeChain, makeCertificate } from "../../fixtures/certificates";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const options = { progress: memoryReporter(), env: {} };
const certificates = createHostnameCertificateProvider(options);
const associations = createHostnameAssociationProvider(options);

function deployed(id: string, certificate: string, privateKey: string) {
    return { zoneId: ZONE, certificate, privateKey, certificateId: id, status: "active" } as never;
}

function associationOf(certificateId: string) {
    return { zoneId: ZONE, hostname: "api.example.com", certificateId, enabled: true, status: "active" } as never;
}

test("only the chain changes: the certificate is replaced delete-first, and its association refuses that at diff", async () => {
    const { ca, leaf } = await makeChain({ keyType: "ec", freshKey: true });
    const id = "11111111-0c35-4c7f-82c7-8e9487d3ff60";
    const olds = deployed(id, leaf.certificate, leaf.privateKey);
    const diff = await certificates.diff(id, olds, { zoneId: ZONE, certificate: leaf.certificate + ca.certificate, privateKey: leaf.privateKey } as never);
    expect(diff).toMatchObject({ replaces: ["certificate"], deleteBeforeReplace: true });
    const asked = associations.diff(`${ZONE}/api.example.com`, associationOf(id), associationOf(UNKNOWN));
    await expect(asked).rejects.toThrow(
        new RegExp(`^HostnameAssociation api\\.example\\.com: its certificate ${id} is being replaced by one with the same leaf certificate \\(only the chain changed\\)\\. .*nothing was changed\\. To change the chain, issue a new leaf certificate`),
    );
});

test("a new leaf: create-before-delete, and the association's diff is an update", async () => {
    const old = await makeCertificate({ keyType: "ec", freshKey: true });
    const renewed = await makeCertificate({ keyType: "ec", freshKey: true });
    const id = "22222222-0c35-4c7f-82c7-8e9487d3ff60";
    const diff = await certificates.diff(id, deployed(id, old.certificate, old.privateKey), { zoneId: ZONE, certificate: renewed.certificate, privateKey: renewed.privateKey } as never);
    expect(diff).toMatchObject({ replaces: ["certificate", "privateKey"], deleteBeforeReplace: false });
    expect(await associations.diff(`${ZONE}/api.example.com`, associationOf(id), associationOf(UNKNOWN))).toMatchObject({ changes: true, replaces: [] });
});
