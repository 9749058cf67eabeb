/**
 * Shared helpers for emulator tests: start/stop an emulator per test and call it over real HTTP.
 */
import { DEFAULT_API_TOKEN, EXAMPLE_ZONE_ID, startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { makeCertificate, type CertificateOptions, type GeneratedCertificate } from "../fixtures/certificates";

export const ZONE = EXAMPLE_ZONE_ID;
export const OTHER_ZONE = "0123456789abcdef0123456789abcdef";

/** Paths relative to the emulator's base URL. */
export const paths = {
    certificates: (zone = ZONE) => `/zones/${zone}/origin_tls_client_auth/hostnames/certificates`,
    certificate: (id: string, zone = ZONE) => `/zones/${zone}/origin_tls_client_auth/hostnames/certificates/${id}`,
    hostnames: (zone = ZONE) => `/zones/${zone}/origin_tls_client_auth/hostnames`,
    hostname: (hostname: string, zone = ZONE) => `/zones/${zone}/origin_tls_client_auth/hostnames/${hostname}`,
};

/** A decoded response. `json` is undefined when the body is not JSON. */
export interface ApiResponse {
    status: number;
    headers: Headers;
    text: string;
    json: any;
}

export interface CallOptions {
    body?: unknown;
    /** Raw body text (sent as is). */
    rawBody?: string;
    /** Replaces the default `Authorization: Bearer <default token>`. */
    headers?: Record<string, string>;
}

/** Calls the emulator's API (`path` relative to `/client/v4`). */
export async function call(emulator: Emulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = options.headers ?? { authorization: `Bearer ${DEFAULT_API_TOKEN}` };
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
}

/** Calls the HTTP control API (`path` relative to `/__emulator`). */
export async function control(emulator: Emulator, method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const response = await fetch(`${emulator.controlUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

/** Uploads a certificate and returns the response. */
export function upload(emulator: Emulator, cert: Pick<GeneratedCertificate, "certificate" | "privateKey">, zone = ZONE): Promise<ApiResponse> {
    return call(emulator, "POST", paths.certificates(zone), { body: { certificate: cert.certificate, private_key: cert.privateKey } });
}

/** Makes and uploads a certificate; fails the test unless the upload succeeds. Returns the new id. */
export async function uploadNew(emulator: Emulator, options: CertificateOptions = {}, zone = ZONE): Promise<string> {
    const response = await upload(emulator, await makeCertificate(options), zone);
    if (response.status !== 200) throw new Error(`upload failed: ${response.text}`);
    return response.json.result.id as string;
}

/** PUTs a hostname association batch. */
export function putHostnames(emulator: Emulator, config: unknown[], zone = ZONE): Promise<ApiResponse> {
    return call(emulator, "PUT", paths.hostnames(zone), { body: { config } });
}

/** A manual-clock emulator with the default timings; closed by {@link useEmulator}'s afterEach. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
    let emulator: Emulator | undefined;
    beforeEach(async () => {
        emulator = await startEmulator({ clock: "manual", ...options });
    });
    afterEach(async () => {
        await emulator?.close();
        emulator = undefined;
    });
    return () => {
        if (!emulator) throw new Error("emulator not started");
        return emulator;
    };
}

/** Error codes of a failure response. */
export function codes(response: ApiResponse): number[] {
    return (response.json?.errors ?? []).map((e: { code: number }) => e.code);
}
