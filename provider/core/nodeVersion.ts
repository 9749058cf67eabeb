/**
 * The provider needs Node.js 22.19 or newer, because undici 8 (its HTTP client) does. Importing this
 * module checks that before anything else loads, so an older Node.js gets a message that says what to
 * do instead of a TypeError from deep inside undici.
 */

/** The oldest Node.js the provider runs on (undici 8's `engines`). */
export const MINIMUM_NODE_VERSION = "22.19.0";

function parts(version: string): number[] {
    return version.replace(/^v/, "").split(".").map((part) => Number.parseInt(part, 10) || 0);
}

/** Why `version` cannot run the provider, or undefined when it can. */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
    const [major, minor, patch] = parts(version);
    const [needMajor, needMinor, needPatch] = parts(MINIMUM_NODE_VERSION);
    const supported = major !== needMajor ? major > needMajor : minor !== needMinor ? minor > needMinor : patch >= needPatch;
    if (supported) return undefined;
    return (
        `pulumi-cloudflare-hostname-certificates needs Node.js ${MINIMUM_NODE_VERSION} or newer, but Pulumi runs it on Node.js v${version.replace(/^v/, "")}: ` +
        `install Node.js ${MINIMUM_NODE_VERSION} or newer, make it the \`node\` on PATH (\`node --version\`), and run the command again.`
    );
}

const problem = nodeVersionProblem();
if (problem) throw new Error(problem);
