/**
 * Where a config file's syntax breaks: file:line:column and the parser's reason, read from the
 * YAML parser's mark or recomputed with JSON.parse (whose message carries only a character
 * position on Node 20). A trailing comma is reported where the comma is, not at the bracket
 * after it, because that is the character the user must delete.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export interface SyntaxProblem {
  line?: number;
  column?: number;
  reason: string;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The JSON problem of `text`, or undefined when it parses. */
export function jsonProblem(text: string): SyntaxProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    const position = /at position (\d+)/.exec(message);
    let offset = position ? Number(position[1]) : text.length;
    if (!position && /end of (JSON|data) input/i.test(message)) offset = text.length;
    // A bracket or a missing name right after a comma: the comma is the mistake.
    let back = offset - 1;
    while (back >= 0 && /\s/.test(text[back]!)) back--;
    if (back >= 0 && text[back] === ',' && /^[}\]]/.test(text.slice(offset).trimStart())) {
      return { ...lineColumn(text, back), reason: 'trailing comma (JSON allows none before } or ])' };
    }
    return { ...lineColumn(text, Math.min(offset, text.length)), reason: reason || message };
  }
}

interface YamlLikeError {
  reason?: string;
  mark?: { line?: number; column?: number };
}

/**
 * The problem of a config file that failed to load: `error` is what the loader threw. Returns
 * the reason alone when no position can be found (a .js config that throws, say).
 */
export async function syntaxProblem(file: string, error: unknown, fallback: string): Promise<SyntaxProblem> {
  const ext = extname(file).toLowerCase();
  if (ext === '.json' || file.endsWith('package.json')) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const found = text === undefined ? undefined : jsonProblem(text);
    if (found) return found;
  }
  const yaml = error as YamlLikeError;
  if (yaml && typeof yaml.reason === 'string' && yaml.mark && typeof yaml.mark.line === 'number') {
    return { line: yaml.mark.line + 1, column: (yaml.mark.column ?? 0) + 1, reason: yaml.reason };
  }
  return { reason: fallback };
}

/** `file:3:47` or `file` when the position is unknown. */
export function where(file: string, problem: SyntaxProblem): string {
  return problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
}
