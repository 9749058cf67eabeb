/** Reading a request body, for the API and the control API alike. */
import type { IncomingMessage } from "node:http";

/** Largest accepted request body; a PEM bundle is a few KiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request body, read in full (or flagged as too large). */
export interface RequestBody {
    text: string;
    tooLarge: boolean;
}

export function readBody(req: IncomingMessage): Promise<RequestBody> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        req.on("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > MAX_BODY_BYTES }));
        req.on("error", reject);
    });
}
