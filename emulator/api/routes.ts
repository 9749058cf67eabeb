/**
 * The API's route table and path matching. Paths are relative to the base path `/client/v4`.
 */
import { ApiError } from "./errors";

/** The emulated operations, named after the SDK methods that call them. */
export type OperationName =
    | "hostnameCertificates.create"
    | "hostnameCertificates.list"
    | "hostnameCertificates.get"
    | "hostnameCertificates.delete"
    | "hostnames.update"
    | "hostnames.get";

/** An operation with its method, path template and the key of its schema in the OpenAPI extract. */
export interface OperationSpec {
    readonly name: OperationName;
    readonly method: "GET" | "POST" | "PUT" | "DELETE";
    /** Key in `cloudflare-aop-operations.deref.json`, e.g. `"GET /zones/{zone_id}/origin_tls_client_auth/hostnames/{hostname}"`. */
    readonly schemaKey: string;
}

const CERTS = "/zones/{zone_id}/origin_tls_client_auth/hostnames/certificates";
const HOSTNAMES = "/zones/{zone_id}/origin_tls_client_auth/hostnames";

/** Every emulated operation. */
export const OPERATIONS: Readonly<Record<OperationName, OperationSpec>> = Object.freeze({
    "hostnameCertificates.create": { name: "hostnameCertificates.create", method: "POST", schemaKey: `POST ${CERTS}` },
    "hostnameCertificates.list": { name: "hostnameCertificates.list", method: "GET", schemaKey: `GET ${CERTS}` },
    "hostnameCertificates.get": { name: "hostnameCertificates.get", method: "GET", schemaKey: `GET ${CERTS}/{certificate_id}` },
    "hostnameCertificates.delete": { name: "hostnameCertificates.delete", method: "DELETE", schemaKey: `DELETE ${CERTS}/{certificate_id}` },
    "hostnames.update": { name: "hostnames.update", method: "PUT", schemaKey: `PUT ${HOSTNAMES}` },
    "hostnames.get": { name: "hostnames.get", method: "GET", schemaKey: `GET ${HOSTNAMES}/{hostname}` },
});

/** A request matched to an operation. */
export interface RouteMatch {
    readonly operation: OperationSpec;
    readonly zoneId: string;
    readonly certificateId?: string;
    readonly hostname?: string;
    /** POST, PUT and DELETE need `#ssl:edit`; GETs need `#ssl:read`. */
    readonly mutating: boolean;
}

/** The API base path. */
export const API_BASE_PATH = "/client/v4";

/** Zone ids are Cloudflare identifiers: 32 lowercase hex characters. */
export const ZONE_ID = /^[0-9a-f]{32}$/;

/**
 * Matches `method` and the full request `path` (starting with `/client/v4`).
 * @throws ApiError 404 (7003 + 7000) for an unknown route, 400 (7003 + 7000) for a malformed zone id,
 *   405 (7001) for a known path with another method
 */
export function matchRoute(method: string, path: string): RouteMatch {
    const segments = apiSegments(path);
    const candidates = segments ? candidatesFor(segments) : [];
    if (candidates.length === 0) throw noRoute(path, 404);
    const found = candidates.find((c) => c.operation.method === method);
    if (!found) throw ApiError.of("methodNotAllowed", { method });
    if (!ZONE_ID.test(found.zoneId)) throw noRoute(path, 400);
    return found;
}

function apiSegments(path: string): string[] | undefined {
    if (path !== API_BASE_PATH && !path.startsWith(`${API_BASE_PATH}/`)) return undefined;
    try {
        const rest = path.slice(API_BASE_PATH.length).replace(/\/+$/, "");
        return rest.split("/").slice(1).map((s) => decodeURIComponent(s));
    } catch {
        return undefined; // malformed percent-encoding
    }
}

function candidatesFor(segments: string[]): RouteMatch[] {
    const [zones, zoneId, aop, hostnames, ...rest] = segments;
    if (zones !== "zones" || !zoneId || aop !== "origin_tls_client_auth" || hostnames !== "hostnames") return [];
    const op = (name: OperationName, extra: Partial<RouteMatch> = {}): RouteMatch => ({
        operation: OPERATIONS[name],
        zoneId,
        mutating: OPERATIONS[name].method !== "GET",
        ...extra,
    });
    if (rest.length === 0) return [op("hostnames.update")];
    if (rest.length === 1 && rest[0] === "certificates") {
        return [op("hostnameCertificates.create"), op("hostnameCertificates.list")];
    }
    if (rest.length === 2 && rest[0] === "certificates" && rest[1]) {
        return [
            op("hostnameCertificates.get", { certificateId: rest[1] }),
            op("hostnameCertificates.delete", { certificateId: rest[1] }),
        ];
    }
    if (rest.length === 1 && rest[0]) return [op("hostnames.get", { hostname: rest[0] })];
    return [];
}

/** Cloudflare's routing failure: 7003 naming the path, then 7000. */
function noRoute(path: string, status: number): ApiError {
    const routing = ApiError.combine([ApiError.of("couldNotRoute", { path }), ApiError.of("noRoute")]);
    return new ApiError(status, routing.errors);
}
