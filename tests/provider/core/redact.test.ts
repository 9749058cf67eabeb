import { redact, redactError, REDACTED, secretFragments } from "../../../provider/core/redact";
import { makeCertificate } from "../../fixtures/certificates";

describe("redact", () => {
    test("removes a whole key and any single line of it", async () => {
        const { privateKey } = await makeCertificate();
        const fragments = secretFragments([privateKey, "token-0123456789"]);
        const line = privateKey.split("\n")[3];
        const text = `server said: ${privateKey} and also ${line} with token-0123456789`;
        const scrubbed = redact(text, fragments);
        expect(scrubbed).not.toContain(line);
        expect(scrubbed).not.toContain("token-0123456789");
        expect(scrubbed).toContain(REDACTED);
        expect(scrubbed).toContain("server said:");
    });

    test("scrubs message, stack and reasons of an error in place", () => {
        const error = Object.assign(new Error("echo supersecret-token"), { reasons: ["supersecret-token again"] });
        redactError(error, secretFragments(["supersecret-token"]));
        expect(error.message).toBe(`echo ${REDACTED}`);
        expect(error.stack).not.toContain("supersecret-token");
        expect(error.reasons).toEqual([`${REDACTED} again`]);
    });

    test("ignores empty or tiny secrets", () => {
        expect(secretFragments([undefined, "", "short"])).toEqual([]);
    });
});
