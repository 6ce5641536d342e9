/**
 * Steps as plain text for a terminal or a ticket: one block per step, values verbatim after a
 * colon so they can be copied exactly.
 */
import type { Lang } from '../core/localized.js';
import type { Instruction } from '../core/manual-step.js';
import type { IntegrationSteps, StepEntry } from './collect.js';
import { WORDS } from './words.js';

function instructionLines(ins: Instruction, lang: Lang, indent: string): string[] {
  const pad = indent + '  '.repeat(ins.depth ?? 0);
  const text = ins.text[lang];
  const lines = [ins.value !== undefined ? `${pad}- ${text.replace(/:$/, '')}: ${ins.value}` : `${pad}- ${text}`];
  if (ins.block !== undefined) for (const l of ins.block.split('\n')) lines.push(`${pad}    ${l}`);
  return lines;
}

export function renderStepText(step: StepEntry, lang: Lang): string {
  const w = WORDS[lang];
  const lines = [`${w.step} ${step.number}. ${step.title[lang]}`];
  if (step.mode === 'api') lines.push(`  ${w.automatic}`);
  if (step.mode === 'advice') lines.push(`  ${w.advice}`);
  if (step.path) lines.push(`  ${w.where}: ${step.path[lang]}`);
  if (step.page) lines.push(`  ${w.page}: ${step.page}`);
  for (const ins of step.instructions) lines.push(...instructionLines(ins, lang, '  '));
  if (step.why) lines.push(`  ${w.why}: ${step.why[lang]}`);
  return lines.join('\n');
}

export function renderText(groups: IntegrationSteps[], lang: Lang): string {
  const w = WORDS[lang];
  const blocks = groups.map((g) => {
    const head = `${g.integration} — ${g.title[lang]} (${g.recipe})`;
    const body = g.steps.length ? g.steps.map((s) => renderStepText(s, lang)).join('\n\n') : `  ${w.none}`;
    return `${head}\n\n${body}`;
  });
  return blocks.length ? blocks.join('\n\n\n') + '\n' : `${w.noIntegrations}\n`;
}
