/**
 * The zod schema of the omnibot config, composed from the registries: one connection section
 * per helpdesk, and a discriminated union of every recipe's keys (each recipe declares its own
 * in its folder). `omnibot schema` prints its JSON Schema; the loader validates every file
 * with it. Objects are strict, so a typo in a key is an error, not a silently ignored setting.
 */
import { z } from 'zod';
import { checkWebhookUrl } from '../core/urls.js';
import { HELPDESKS } from '../helpdesks/registry.js';
import type { ConnectionKit } from '../helpdesks/define.js';
import type { SchemaKit } from '../kit/integration.js';
import type { Registry } from '../kit/registry.js';
import { INTEGRATION_NAME, type Config } from '../model/config.js';

const name = () =>
  z
    .string()
    .regex(INTEGRATION_NAME, 'use letters, digits, "-" and "_" (at most 63), starting with a letter or digit')
    .describe('A short id of this integration, unique in the file; used in state and check ids.');

const kit: SchemaKit = {
  z,
  webhookUrl: () =>
    z
      .string()
      .superRefine((value, ctx) => {
        const problem = checkWebhookUrl(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe("The bot's webhook URL (https; http only for localhost)."),
};

const connectionKit: ConnectionKit = {
  z,
  base: {
    url: z.string().min(1).describe('Account name (acme), host (acme.omnidesk.ru) or any http(s) URL.'),
    email: z.email().describe('E-mail of the staff member whose API key is used.'),
    apiKey: z.string().min(1).describe('API key; write "${NAME}" to read it from the environment or .env.'),
    timeoutMs: z.number().int().min(100).max(600_000).optional().describe('Per-request timeout in ms (default 15000).'),
  },
};

async function build(registry: Registry): Promise<z.ZodType<Config>> {
  const parts = await Promise.all(
    registry.integrations.map(async (def) => ({ def, fields: (await def.schema()).fields })),
  );
  const integrations = parts.map(({ def, fields }) =>
    z.strictObject({ recipe: z.literal(def.name), name: name(), ...fields(kit) }),
  );
  const union =
    integrations.length > 1
      ? z.discriminatedUnion('recipe', integrations as [(typeof integrations)[0], ...typeof integrations])
      : integrations[0]!;
  const sections = Object.fromEntries(HELPDESKS.map((h) => [h.kind, h.connection(connectionKit).optional()]));
  const helpdeskOf = new Map(registry.integrations.map((def) => [def.name, def.helpdesk as string]));
  return z
    .strictObject({ $schema: z.string().optional(), ...sections, integrations: z.array(union).default([]) })
    .superRefine((cfg, ctx) => {
      const seen = new Set<string>();
      const present = cfg as Record<string, unknown>;
      cfg.integrations.forEach((it, i) => {
        if (seen.has(it.name))
          ctx.addIssue({ code: 'custom', path: ['integrations', i, 'name'], message: `duplicate name "${it.name}"` });
        seen.add(it.name);
        const needs = helpdeskOf.get(it.recipe)!;
        if (!present[needs]) {
          ctx.addIssue({
            code: 'custom',
            path: ['integrations', i, 'recipe'],
            message: `recipe "${it.recipe}" needs a "${needs}" section`,
          });
        }
      });
    });
}

const built = new WeakMap<Registry, Promise<z.ZodType<Config>>>();

/** The config schema of a registry (built once per registry). */
export function configSchema(registry: Registry): Promise<z.ZodType<Config>> {
  let schema = built.get(registry);
  if (!schema) built.set(registry, (schema = build(registry)));
  return schema;
}

/** Config keys whose values are secrets: never literal in a committed file, always redacted. */
export function secretKeys(registry: Registry): Set<string> {
  return new Set(['apiKey', ...registry.integrations.flatMap((def) => (def.secret ? [def.secret.field] : []))]);
}

export async function configJsonSchema(registry: Registry): Promise<unknown> {
  return z.toJSONSchema(await configSchema(registry), { io: 'input', unrepresentable: 'any' });
}
