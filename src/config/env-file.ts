/**
 * A minimal `.env` reader and writer. Values in the process environment win over the file, so
 * CI secret stores override a developer's local file.
 */
import { readFile, writeFile, chmod } from 'node:fs/promises';

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1);
      if (m[2]!.startsWith('"')) value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out[m[1]!] = value;
  }
  return out;
}

export async function readEnvFile(path: string): Promise<Record<string, string>> {
  try {
    return parseEnvFile(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/**
 * Sets keys in a `.env` file, keeping every other line as it was; the file is mode 0600.
 * Returns the keys whose value changed.
 */
export async function upsertEnvFile(path: string, values: Record<string, string>): Promise<string[]> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const lines = text ? text.replace(/\n$/, '').split('\n') : [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const quoted = /^[A-Za-z0-9_./:@+-]*$/.test(value) ? value : JSON.stringify(value);
    const idx = lines.findIndex((l) => new RegExp(`^(?:export\\s+)?${key}\\s*=`).test(l.trim()));
    const line = `${key}=${quoted}`;
    if (idx >= 0) {
      if (lines[idx] !== line) changed.push(key);
      lines[idx] = line;
    } else {
      lines.push(line);
      changed.push(key);
    }
  }
  await writeFile(path, lines.join('\n') + '\n', { mode: 0o600 });
  await chmod(path, 0o600);
  return changed;
}
