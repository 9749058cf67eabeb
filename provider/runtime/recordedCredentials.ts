/**
 * Pulumi's `refresh` and `destroy` do not run the program: they configure the provider with the
 * stack config recorded at the last `pulumi up`, so a token set since (`pulumi config set --secret
 * cloudflare:apiToken …`, after a rotation) is not used until then. The environment is read at each
 * run, but only counts when that recorded config holds no credentials. Nothing in the provider
 * process tells the recorded config from the current one (the engine hands over only the recorded
 * one, and the stack file's secrets are encrypted), so an authentication failure of a refresh or a
 * destroy says why it may be happening and the ways that work, each tried through the real CLI
 * (`tests/e2e/credentials/rotation.test.ts`).
 */
import type { CodeMeaning } from "../client/codes";
import { hasCode } from "../client/errors";
import { configuredCredentialKey, type ProviderSettings } from "../core/credentials";

/** Cloudflare's answers to credentials it does not accept: a wrong or revoked token (10000), key and email (9103), a malformed one (6003). */
const NOT_ACCEPTED: readonly CodeMeaning[] = ["authentication", "apiKey", "credentialsFormat"];

/** The provider methods that refresh (`read`) and destroy (`delete`) call with the recorded config. */
export type RecordedConfigMethod = "read" | "delete";

/** What to do, when `error` is an authentication failure with credentials from stack config; undefined otherwise. */
export function recordedCredentialsAdvice(error: unknown, settings: ProviderSettings, method: RecordedConfigMethod): string | undefined {
    const key = configuredCredentialKey(settings);
    if (key === undefined || !NOT_ACCEPTED.some((meaning) => hasCode(error, meaning))) return undefined;
    const command = method === "read" ? "refresh" : "destroy";
    return (
        `If ${key} was changed since the last \`pulumi up\` (a rotated token): \`pulumi refresh\` and \`pulumi destroy\` use the ` +
        `credentials recorded at the last \`pulumi up\`, not the stack config as it is now. To use the current ones, run ` +
        `\`pulumi up\` first, or \`pulumi ${command} --run-program\` (set PULUMI_RUN_PROGRAM=true in a pipeline's environment to have ` +
        `every refresh and destroy do that). CLOUDFLARE_API_TOKEN in the environment is read at each run, but only for a stack ` +
        `whose config held no credentials at its last \`pulumi up\`.`
    );
}

/** `error` with the advice appended to its message, when there is advice (see {@link recordedCredentialsAdvice}). */
export function withRecordedCredentialsAdvice(error: unknown, settings: ProviderSettings, method: RecordedConfigMethod | undefined): unknown {
    const advice = method && recordedCredentialsAdvice(error, settings, method);
    if (!advice || !(error instanceof Error)) return error;
    error.message = `${error.message}. ${advice}`;
    return error;
}
