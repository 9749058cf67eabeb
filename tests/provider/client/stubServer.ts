/** A tiny HTTP server on loopback whose answers each test scripts, recording every request. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
    method: string;
    path: string;
    headers: IncomingMessage["headers"];
    body: string;
}

export type Handler = (request: RecordedRequest, res: ServerResponse) => void;

export interface StubServer {
    /** Base URL ending in /client/v4. */
    url: string;
    requests: RecordedRequest[];
    close(): Promise<void>;
}

export async function startStub(handler: Handler): Promise<StubServer> {
    const requests: RecordedRequest[] = [];
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const recorded = {
                method: req.method ?? "",
                path: (req.url ?? "").replace(/^\/client\/v4/, ""),
                headers: req.headers,
                body: Buffer.concat(chunks).toString("utf8"),
            };
            requests.push(recorded);
            handler(recorded, res);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/client/v4`,
        requests,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

/** Writes a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
}

export const ok = (result: unknown) => ({ success: true, errors: [], messages: [], result });
export const failure = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });
