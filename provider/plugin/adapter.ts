/**
 * The resource plugin's provider: Pulumi's `Provider` interface over the same two dynamic providers
 * (`../certificates/provider.ts`, `../associations/provider.ts`), with no logic of its own but the
 * mapping. Per call it picks the resource by the URN's type, unwraps secrets, hands the URN over as
 * `__urn` (so status lines reach the resource's row), and strips what only the dynamic path keeps
 * (`__urn`, `__provider`) from what goes back. Import IDs are parsed here (`./importId.ts`).
 */
import type * as provider from "@pulumi/pulumi/provider";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { HostnameAssociationProvider } from "../associations/provider";
import { HostnameCertificateProvider } from "../certificates/provider";
import type { ProviderOptions } from "../runtime/context";
import { URN_KEY } from "../contract";
import { call, type Delegate, plainProps, untypedDelegate } from "./boundary";
import { PLUGIN_ASSOCIATION_TOKEN, PLUGIN_CERTIFICATE_TOKEN } from "../contract";
import { importedAssociation, importedCertificate } from "./importId";
import { packageSchema } from "./schema";
import { ALWAYS_SECRET, unwrapSecrets, wrapSecrets } from "./secrets";
import { type ConfigVariables, pluginConfig } from "./settings";

type Props = Record<string, unknown>;

/** The resource type in a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function urnType(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.slice(qualified.lastIndexOf("$") + 1);
}

export class PluginProvider implements provider.Provider {
    private readonly certificates: HostnameCertificateProvider;
    private readonly associations: HostnameAssociationProvider;
    /** Certificates this process just imported: the engine checks the inputs read back, which cannot hold a key. */
    private readonly imported = new Set<string>();

    constructor(
        readonly version: string,
        options: ProviderOptions = {},
    ) {
        this.certificates = new HostnameCertificateProvider(options);
        this.associations = new HostnameAssociationProvider(options);
    }

    async getSchema(): Promise<string> {
        return JSON.stringify(packageSchema(this.version));
    }

    /** The provider config of a Configure request; both resources read it when their methods run. */
    async configure(variables: ConfigVariables): Promise<void> {
        const req = { config: pluginConfig(variables) } as dynamic.ConfigureRequest;
        await Promise.all([this.certificates.configure(req), this.associations.configure(req)]);
    }

    async check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
        const before = unwrapSecrets(olds);
        const after = unwrapSecrets(news);
        const result = await call(() => this.delegate(urn).check(before.plain, { ...after.plain, [URN_KEY]: urn }));
        // An import's check: the key's absence is expected (and warned about by the import), not a bug to report.
        const failures = this.imported.delete(urn) ? result.failures?.filter((f) => f.property !== "privateKey") : result.failures;
        return { inputs: result.inputs && wrapSecrets(plainProps(result.inputs), after.secret), failures };
    }

    /** A preview's outputs (`./engine.ts`): the stored outputs and the new inputs, never the key; what Cloudflare reports stays unknown. */
    previewOutputs(urn: string, olds: Props | undefined, news: Props): Props {
        this.delegate(urn); // an unknown type fails here as in every other method
        const { plain, secret } = unwrapSecrets(news);
        const outputs = plainProps({ ...unwrapSecrets(olds).plain, ...plain });
        for (const name of ALWAYS_SECRET) delete outputs[name];
        return wrapSecrets(outputs, secret);
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
        return call(() => this.delegate(urn).diff(id, unwrapSecrets(olds).plain, unwrapSecrets(news).plain));
    }

    async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
        const { plain, secret } = unwrapSecrets(inputs);
        const result = await call(() => this.delegate(urn).create({ ...plain, [URN_KEY]: urn }));
        return { id: result.id, outs: wrapSecrets(plainProps(result.outs), secret) };
    }

    /** Refresh as the dynamic provider's; with no properties it is `pulumi import`, by the ID's parts. */
    async read(id: string, urn: string, props?: Props): Promise<provider.ReadResult> {
        const { plain, secret } = unwrapSecrets(props);
        const type = urnType(urn);
        if (plain.zoneId === undefined && type === PLUGIN_CERTIFICATE_TOKEN) {
            const result = await importedCertificate(this.certificates, id, urn);
            this.imported.add(urn);
            return result;
        }
        if (plain.zoneId === undefined && type === PLUGIN_ASSOCIATION_TOKEN) return importedAssociation(this.associations, id, urn);
        const result = await call(() => this.delegate(urn).read(id, { ...plain, [URN_KEY]: urn }));
        return {
            id: result.id,
            props: result.props && wrapSecrets(plainProps(result.props), secret),
            inputs: result.inputs && wrapSecrets(plainProps(result.inputs), secret),
        };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
        const { plain, secret } = unwrapSecrets(news);
        const result = await call(() => this.delegate(urn).update(id, unwrapSecrets(olds).plain, { ...plain, [URN_KEY]: urn }));
        return { outs: wrapSecrets(plainProps(result.outs), secret) };
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        await call(() => this.delegate(urn).delete(id, { ...unwrapSecrets(props).plain, [URN_KEY]: urn }));
    }

    private delegate(urn: string): Delegate {
        const type = urnType(urn);
        if (type === PLUGIN_CERTIFICATE_TOKEN) return untypedDelegate(this.certificates);
        if (type === PLUGIN_ASSOCIATION_TOKEN) return untypedDelegate(this.associations);
        throw new Error(`unknown resource type ${type}: this plugin serves ${PLUGIN_CERTIFICATE_TOKEN} and ${PLUGIN_ASSOCIATION_TOKEN}`);
    }
}
