/**
 * The `{tag}` template language of HelpDeskEddy's «Отправить вебхук» action (reference §4.3).
 * The sandbox dispatcher and the event catalog both render through this one function, so a
 * sample webhook from `omnibot send` is byte-for-byte what the sandbox would POST.
 *
 * Whether the real product JSON-escapes tag values is unknown (reference §4.3, §7.4): a quote or
 * a newline in a reply would otherwise break the JSON body. `escape: 'json'` (the default) is the
 * well-behaved variant; `escape: 'none'` reproduces a naive substitution so bots can be tested
 * against the broken bodies a careless implementation would send.
 */
import { stripHtml } from '../../core/html.js';

export type TemplateValue = string | number | boolean | null | undefined;

export interface RenderOptions {
  /** 'json': values are escaped for a JSON string literal (the template quotes every tag). */
  escape?: 'json' | 'none';
  /** What an unknown tag becomes: '' (default) or the tag left as written. */
  unknown?: 'empty' | 'keep';
}

/** `{tag}`; tags are lower-case words (`answer_last`, `custom_field_12`). */
const TAG = /\{([a-z_][a-z0-9_]*)\}/g;
/**
 * One pass over `$strip_tags({tag})` (the one template function public sources show, HDEBOT) or
 * `{tag}`: a value that itself contains `{…}` text is never substituted a second time.
 */
const TOKEN = /\$strip_tags\(\{([a-z_][a-z0-9_]*)\}\)|\{([a-z_][a-z0-9_]*)\}/g;

/** The tags a template uses, in order of first appearance. */
export function templateTags(template: string): string[] {
  const seen: string[] = [];
  for (const m of template.matchAll(TAG)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

/** Escapes a value for the inside of a JSON string literal (no surrounding quotes). */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Removes HTML tags and decodes the few entities HTML editors produce. */
export { stripHtml };

function text(value: TemplateValue): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  return String(value);
}

/**
 * Renders a body template. Values are always strings in the output, because the template quotes
 * every tag (reference §3: «Webhook values are always strings»).
 */
export function renderTemplate(
  template: string,
  values: Record<string, TemplateValue>,
  options: RenderOptions = {},
): string {
  const escape = options.escape ?? 'json';
  const keepUnknown = options.unknown === 'keep';
  const encode = (raw: string) => (escape === 'json' ? jsonEscape(raw) : raw);
  const lookup = (tag: string, whole: string, transform?: (s: string) => string): string => {
    const value = Object.prototype.hasOwnProperty.call(values, tag) ? text(values[tag]) : undefined;
    if (value === undefined) return keepUnknown ? whole : '';
    return encode(transform ? transform(value) : value);
  };
  return template.replace(TOKEN, (whole, stripped: string | undefined, tag: string | undefined) =>
    stripped ? lookup(stripped, whole, stripHtml) : lookup(tag!, whole),
  );
}
