// Certificates for the benchmark, made with openssl: one P-256 key, one leaf certificate per
// resource (so each is a distinct upload), spread over zones of at most ten (Cloudflare's limit).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** Cloudflare allows ten certificates per zone. */
export const PER_ZONE = 10;

/** A well-formed zone id (32 lowercase hex characters) for zone number `index`. */
export function zoneId(index) {
    return (index + 1).toString(16).padStart(32, "0");
}

/**
 * Writes `count` certificates and the spec file `tests/e2e/programs/certificates` reads; returns
 * the spec file's path. Zones are numbered from `firstZone`, so two stacks can use separate zones.
 */
export function writeCertificates(dir, count, firstZone = 0) {
    mkdirSync(dir, { recursive: true });
    const key = path.join(dir, "key.pem");
    execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], { stdio: "ignore" });
    const spec = [];
    for (let i = 0; i < count; i++) {
        const certificateFile = path.join(dir, `cert-${i}.pem`);
        execFileSync("openssl", [
            "req", "-x509", "-key", key, "-days", "90", "-subj", `/CN=bench-${i}.example.com/O=Bench`,
            "-addext", "basicConstraints=critical,CA:FALSE", "-out", certificateFile,
        ], { stdio: "ignore" });
        spec.push({ name: `cert-${i}`, zoneId: zoneId(firstZone + Math.floor(i / PER_ZONE)), certificateFile, privateKeyFile: key });
    }
    const specFile = path.join(dir, "spec.json");
    writeFileSync(specFile, JSON.stringify(spec, null, 2));
    return specFile;
}
