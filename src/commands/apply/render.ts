import type { ApplyResult } from '../../engine/types.js';
import type { Io } from '../../core/io/io.js';
import type { Lang } from '../../core/localized.js';
import { renderStepText } from '../../steps/render-text.js';
import { table } from '../../core/io/table.js';
import { statusColor } from '../plan/status-color.js';

export function renderApply(result: ApplyResult, io: Io, lang: Lang, shown: Set<string>, showSecrets = false): void {
  const rows = result.resources.map((r) => [r.integration, r.resource, r.action, r.status, r.detail]);
  const lines = table(['INTEGRATION', 'RESOURCE', 'ACTION', 'STATUS', 'DETAIL'], rows, (row, col, cell) =>
    col === 3 ? statusColor(io.c, result.resources[row]!.status, cell) : cell,
  );
  for (const l of lines) io.out(l);

  const fresh = result.steps.filter((s) => !shown.has(`${s.integration}/${s.id}`));
  if (fresh.length) {
    io.out('');
    io.out(lang === 'ru' ? 'Осталось сделать вручную:' : 'Still to do by hand:');
    for (const step of fresh) {
      io.out('');
      // --show-secrets: the URL must be pasted whole; the person asked for it explicitly.
      if (showSecrets) io.writeUnredacted(renderStepText(step, lang) + '\n');
      else io.out(renderStepText(step, lang));
    }
  }
  const s = result.summary;
  io.out('');
  const verb = result.dryRun ? 'dry run: nothing changed · ' : '';
  io.out(
    `${verb}${s.created} created · ${s.adopted} found · ${s.sandbox} via sandbox · ${s.confirmed} confirmed · ` +
      `${s.pending} pending · ${s.unknown} unknown`,
  );
  if (s.sandbox > 0)
    io.info('Manual steps were performed through the sandbox admin path (this helpdesk is the omnibot sandbox).');
  if (result.steps.length && !result.dryRun) {
    io.info(
      'Pending steps stay in `omnibot plan` until confirmed: run `omnibot apply` at a terminal to confirm them; ' +
        'a passing `omnibot verify --e2e` also confirms the rule steps its round trip proves.',
    );
  }
}
