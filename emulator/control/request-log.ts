/**
 * The request log. One entry per API request, written when it is answered. By construction it holds
 * no request body, no private key and no credential: only the fields below.
 */
import type { FaultKind, FaultTiming } from "./faults";
import type { OperationName } from "../api/routes";

/** One answered (or reset) API request. */
export interface RequestLogEntry {
    /** ISO 8601 time on the emulator clock when the request arrived. */
    time: string;
    method: string;
    /** Path without the query string, e.g. `/client/v4/zones/…/origin_tls_client_auth/hostnames`. */
    path: string;
    /** HTTP status; 0 when the connection was reset without a response. */
    status: number;
    /** Zone id from the path, when the path has one. */
    zone_id: string | null;
    /** Matched operation, or null for an unknown route. */
    operation: OperationName | null;
    /** The injected failure, if any. */
    fault: FaultKind | null;
    /** With a fault: `after` when the request was handled (and its change made) before the failure was sent. */
    fault_timing: FaultTiming | null;
    /** The SDK's `x-stainless-retry-count` header (0 on a first attempt), when sent. */
    retry_count: number | null;
    /** Codes of `errors[]` in the answer (empty on success). */
    error_codes: number[];
}

/** An append-only log with a copy-out reader. */
export class RequestLog {
    private entries: RequestLogEntry[] = [];

    add(entry: RequestLogEntry): void {
        this.entries.push(entry);
    }

    /** A copy of every entry, oldest first. */
    list(): RequestLogEntry[] {
        return this.entries.map((e) => ({ ...e, error_codes: [...e.error_codes] }));
    }

    clear(): void {
        this.entries = [];
    }
}

/** The zone id segment of an API path, if any. */
export function zoneIdOf(path: string): string | null {
    const match = /^\/client\/v4\/zones\/([^/]+)/.exec(path);
    return match ? match[1] : null;
}
