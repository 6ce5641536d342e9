/**
 * The HelpDeskEddy sandbox's choices where the reference is silent or its sources disagree.
 * Each is a named switch with its provenance (the reference's tag: C+ two or more sources, C1
 * one, CONFLICT sources disagree, INF inferred) so nothing is invented silently, and each can be
 * overridden: `createHelpdeskeddySandbox({ behaviour })`, or at run time on the admin path
 * (`GET /_sandbox/behaviour` lists them, `POST /_sandbox/behaviour {"name": value}` sets some).
 */
import { z } from 'zod';

export const behaviourSchema = z
  .object({
    /** HTTP status of a successful delete, whose body is the `s-204` "No content" array. */
    deleteStatus: z.union([z.literal(200), z.literal(204)]),
    /** `GET /users/{id}`: PHPSDK shows an object, TSSDK types an array. */
    userByIdShape: z.enum(['object', 'array']),
    /** `GET /custom_fields/{id}`: PHPSDK's example keys the one field by its id. */
    customFieldByIdShape: z.enum(['keyed', 'object']),
    /** Which `exact_search` value means an exact match (DOC-NEW's wording reads inverted). */
    exactSearchValue: z.enum(['1', '0']),
    /** A list filter whose value cannot be read: 400 naming it, or ignored. */
    badFilter: z.enum(['reject', 'ignore']),
    /** Fields `POST /users/` requires: TSSDK's two, or PHPSDK's five. */
    userCreateRequires: z.enum(['name,email', 'name,email,group_id,department,password']),
    /** Whether `/ru/file/download/{hash}` asks for the API's Basic auth. */
    fileDownloadAuth: z.enum(['basic', 'none']),
    /** A ticket moved to the trash (`DELETE` without `delete=true`) still opens by id. */
    trashedTicketOpens: z.boolean(),
    /** Custom-field values: only the field must exist, or also its type and options. */
    customFieldValues: z.enum(['lenient', 'strict']),
    /** `pagination.total` of the ticket list as a string ("2"), as the documented example has it. */
    ticketTotalAsString: z.boolean(),
  })
  .strict();

export type Behaviour = z.output<typeof behaviourSchema>;

interface Entry<K extends keyof Behaviour> {
  value: Behaviour[K];
  tag: 'C+' | 'C1' | 'CONFLICT' | 'INF';
  ref: string;
  note: string;
}

export const BEHAVIOUR_DEFAULTS: { [K in keyof Behaviour]: Entry<K> } = {
  deleteStatus: {
    value: 200,
    tag: 'INF',
    ref: '§1.5',
    note: 'the HTTP status of an s-204 reply is unknown; 200 carries its body',
  },
  userByIdShape: {
    value: 'object',
    tag: 'CONFLICT',
    ref: '§2.1',
    note: 'PHPSDK example: object; TSSDK types an array',
  },
  customFieldByIdShape: {
    value: 'keyed',
    tag: 'C1',
    ref: '§2.1 (PHPSDK example)',
    note: 'data keyed by the field id',
  },
  exactSearchValue: {
    value: '1',
    tag: 'CONFLICT',
    ref: '§2.2',
    note: 'DOC-NEW says 0 is exact, which reads inverted',
  },
  badFilter: {
    value: 'reject',
    tag: 'INF',
    ref: '§1.5',
    note: 'validation bodies are not published; e-400 naming the parameter',
  },
  userCreateRequires: {
    value: 'name,email',
    tag: 'CONFLICT',
    ref: '§2.6',
    note: 'TSSDK: name, email; PHPSDK adds group_id, department, password',
  },
  fileDownloadAuth: {
    value: 'basic',
    tag: 'C+',
    ref: '§3',
    note: 'downloads may need the API Basic auth on the same host',
  },
  trashedTicketOpens: {
    value: false,
    tag: 'INF',
    ref: '§2.1',
    note: 'a trashed ticket lists with deleted=1 but answers e-404 by id',
  },
  customFieldValues: {
    value: 'lenient',
    tag: 'INF',
    ref: '§2.4',
    note: 'unknown field ids are refused; "strict" also checks types and options',
  },
  ticketTotalAsString: { value: true, tag: 'C+', ref: '§1.4', note: 'the ticket-list example has "total":"2"' },
};

export function defaultBehaviour(): Behaviour {
  return Object.fromEntries(Object.entries(BEHAVIOUR_DEFAULTS).map(([k, e]) => [k, e.value])) as Behaviour;
}

/** Validates a partial override; an unknown name or a wrong value names the switch. */
export function parseBehaviour(
  input: unknown,
): { ok: true; value: Partial<Behaviour> } | { ok: false; message: string } {
  const parsed = behaviourSchema.partial().safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'behaviour');
  return { ok: false, message: `${where}: ${issue.message}` };
}

/** The listing the admin path shows: every switch, its current value, and where it comes from. */
export function describeBehaviour(
  current: Behaviour,
): Array<{ name: string; value: unknown; default: unknown; tag: string; ref: string; note: string }> {
  return (Object.keys(BEHAVIOUR_DEFAULTS) as Array<keyof Behaviour>).map((name) => {
    const entry = BEHAVIOUR_DEFAULTS[name];
    return { name, value: current[name], default: entry.value, tag: entry.tag, ref: entry.ref, note: entry.note };
  });
}
