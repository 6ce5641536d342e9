/**
 * The sandbox's read-only dictionaries (languages, staff roles, client e-mails, saved filters,
 * macros), read from templates/omnidesk/sandbox-data.json so they are data a user can edit, with
 * the reference fact each shape follows written beside it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { FilterRec, SandboxDictionaries } from './store.js';

const list = <T extends z.ZodType>(item: T) => z.object({ ref: z.string(), items: z.array(item) }).strict();

const fileSchema = z
  .object({
    about: z.string().optional(),
    languages: list(
      z
        .object({ language_id: z.number().int().positive(), code: z.string(), title: z.string(), active: z.boolean() })
        .strict(),
    ),
    staff_roles: list(z.object({ role_id: z.number().int().positive(), role: z.string() }).strict()),
    client_emails: list(
      z.object({ email_id: z.number().int().positive(), email: z.string(), active: z.boolean() }).strict(),
    ),
    filters: list(
      z
        .object({
          filter_id: z.number().int().positive(),
          filter_name: z.string(),
          is_selected: z.boolean(),
          is_custom: z.boolean(),
          query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        })
        .strict(),
    ),
    macros: z
      .object({
        ref: z.string(),
        common: z.record(z.string(), z.unknown()),
        personal: z.record(z.string(), z.unknown()),
      })
      .strict(),
  })
  .strict();

const DATA_FILE = fileURLToPath(new URL('../../../../templates/omnidesk/sandbox-data.json', import.meta.url));

let cached: z.output<typeof fileSchema> | undefined;

function data(): z.output<typeof fileSchema> {
  if (cached) return cached;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(DATA_FILE, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${DATA_FILE}: ${issue.path.join('.')}: ${issue.message}`);
  }
  cached = parsed.data;
  return cached;
}

/** Fresh copies: a reset must not see what a previous run changed. */
export function sandboxDictionaries(): SandboxDictionaries {
  const d = data();
  return structuredClone({
    languages: d.languages.items,
    staff_roles: d.staff_roles.items,
    client_emails: d.client_emails.items,
    macros: { common: d.macros.common, personal: d.macros.personal },
  });
}

export function sandboxFilters(): FilterRec[] {
  return structuredClone(data().filters.items);
}
