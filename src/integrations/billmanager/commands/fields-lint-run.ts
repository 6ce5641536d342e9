/**
 * Reads custom_fields_values.json and lints it. A file that cannot be read is a usage problem
 * (exit 2); a file that reads but breaks the rules is a failed check (exit 1).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, OmnibotError } from '../../../core/errors.js';
import { lintFieldsBuffer, type Diagnostic, type FieldValue } from '../fields-lint.js';

export interface FieldsLintReport {
  /** The path as the user gave it, so file:line:col is clickable where they ran the command. */
  file: string;
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  values: FieldValue[];
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export async function readFieldsFile(file: string, cwd: string): Promise<Buffer> {
  try {
    return await readFile(resolve(cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new OmnibotError(
      'file_unreadable',
      `cannot read ${file}: ${REASONS[code] ?? code ?? 'unknown error'}`,
      EXIT.usage,
      {
        hint:
          'Pass the path to custom_fields_values.json (on the BILLmanager server: ' +
          '/usr/local/mgr5/etc/omnidesk/custom_fields_values.json).',
        details: { file },
      },
    );
  }
}

export async function runFieldsLint(file: string, cwd: string): Promise<FieldsLintReport> {
  const result = lintFieldsBuffer(await readFieldsFile(file, cwd));
  const count = (s: Diagnostic['severity']) => result.diagnostics.filter((d) => d.severity === s).length;
  return {
    file,
    valid: result.valid,
    errors: count('error'),
    warnings: count('warning'),
    diagnostics: result.diagnostics,
    values: result.values,
  };
}
