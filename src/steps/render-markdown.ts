/**
 * Steps as Markdown for a wiki page or a pull request: values in code spans, so a reader
 * copies exactly what the UI needs, and pasteable blocks in fenced code.
 */
import type { Lang } from '../core/localized.js';
import type { Instruction } from '../core/manual-step.js';
import type { IntegrationSteps, StepEntry } from './collect.js';
import { WORDS } from './words.js';

/** A code span that survives backticks inside the value. */
function code(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function instruction(ins: Instruction, lang: Lang): string[] {
  const pad = '  '.repeat(ins.depth ?? 0);
  const text = ins.text[lang];
  const lines = [ins.value !== undefined ? `${pad}- ${text.replace(/:$/, '')}: ${code(ins.value)}` : `${pad}- ${text}`];
  if (ins.block !== undefined)
    lines.push('', `${pad}  \`\`\`json`, ...ins.block.split('\n').map((l) => `${pad}  ${l}`), `${pad}  \`\`\``, '');
  return lines;
}

function step(s: StepEntry, lang: Lang): string {
  const w = WORDS[lang];
  const lines = [`### ${s.number}. ${s.title[lang]}`, ''];
  if (s.mode === 'api') lines.push(`*${w.automatic}*`, '');
  if (s.mode === 'advice') lines.push(`*${w.advice}*`, '');
  const meta: string[] = [];
  if (s.path) meta.push(`**${w.where}:** ${s.path[lang]}`);
  if (s.page) meta.push(`**${w.page}:** <${s.page}>`);
  if (meta.length) lines.push(meta.join('  \n'), '');
  for (const ins of s.instructions) lines.push(...instruction(ins, lang));
  if (s.why) lines.push('', `> **${w.why}:** ${s.why[lang]}`);
  return lines.join('\n');
}

export function renderMarkdown(groups: IntegrationSteps[], lang: Lang): string {
  const w = WORDS[lang];
  if (!groups.length) return `${w.noIntegrations}\n`;
  return (
    groups
      .map((g) => {
        const head = `## ${g.integration} — ${g.title[lang]} (\`${g.recipe}\`)`;
        const body = g.steps.length ? g.steps.map((s) => step(s, lang)).join('\n\n') : w.none;
        return `${head}\n\n${body}`;
      })
      .join('\n\n') + '\n'
  );
}
