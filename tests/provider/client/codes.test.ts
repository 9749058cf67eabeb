/** The one table of Cloudflare's error codes: each code under one meaning, and the hints built from it. */
import { ASSOCIATION_QUOTA_HINT, carries, CERTIFICATE_QUOTA_HINT, CODES, errorHint, ROUTE_CODES } from "../../../provider/client/codes";
import { DEFAULT_BASE_URL } from "../../../provider/core/credentials";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

describe("CODES", () => {
    test("holds every code once", () => {
        const codes = Object.values(CODES).flatMap((entry) => [...entry.codes]);
        expect(codes.length).toBeGreaterThan(20);
        expect(new Set(codes).size).toBe(codes.length);
    });

    test("carries() matches a meaning by any of its codes", () => {
        expect(carries([{ code: 1551, message: "" }], "certificateNotFound")).toBe(true);
        expect(carries([{ code: 1000, message: "" }, { code: 1552, message: "" }], "certificateNotFound")).toBe(true);
        expect(carries([{ code: 1553, message: "" }], "certificateNotFound")).toBe(false);
        expect(ROUTE_CODES).toEqual([7000, 7003]);
    });
});

describe("errorHint", () => {
    test("the first code with a hint wins; codes without one fall back to the status", () => {
        expect(errorHint(400, [{ code: 1491, message: "" }, { code: 1412, message: "" }])).toBe(CODES.notLeaf.hint);
        expect(errorHint(404, [{ code: 1552, message: "" }])).toBe("check the zoneId and that the certificate still exists");
        expect(errorHint(503, [])).toBe("Cloudflare had a server error; retry later");
    });

    test("a quota code means a full zone on an upload and a full certificate on an association", () => {
        const quota = [{ code: 2005, message: "You have reached your quota for the requested resource." }];
        expect(errorHint(400, quota, { method: "POST", path: `/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates` })).toBe(CERTIFICATE_QUOTA_HINT);
        expect(errorHint(400, quota, { method: "PUT", path: `/zones/${ZONE}/origin_tls_client_auth/hostnames` })).toBe(ASSOCIATION_QUOTA_HINT);
        expect(errorHint(400, [{ code: 1212, message: "" }])).toBe(CERTIFICATE_QUOTA_HINT);
    });

    test("a route error names the base URL setting and its default", () => {
        expect(errorHint(404, [{ code: 7000, message: "No route for that URI" }])).toContain(`cloudflare:baseUrl (CLOUDFLARE_BASE_URL), which ends in /client/v4 (default ${DEFAULT_BASE_URL})`);
    });
});
