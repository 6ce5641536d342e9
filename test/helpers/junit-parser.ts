/**
 * A strict little XML reader for the tests: it builds an element tree and throws on anything a
 * CI system's parser would reject (unbalanced tags, raw `<` or `&` in text, bad entities), then
 * reads the JUnit counts and testcases out of it.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error('raw & in XML text');
    if (name in ENTITIES) return ENTITIES[name]!;
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    throw new Error(`unknown entity ${m}`);
  });
}

export function parseXml(xml: string): XmlElement {
  const src = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[3]!.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
      const el: XmlElement = { name: m[2], attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5] !== undefined) {
      if (stack.length === 1 && m[5].trim()) throw new Error('text outside the root element');
      top.text += decode(m[5]);
    } else {
      throw new Error(`malformed markup at ${m.index}`);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('expected one root element');
  return root.children[0]!;
}

export interface JunitSummary {
  tests: number;
  failures: number;
  skipped: number;
  testcases: Array<{ name: string; classname: string; failure?: { message: string; body: string }; skipped: boolean }>;
}

export function parseJunit(xml: string): JunitSummary {
  const root = parseXml(xml);
  if (root.name !== 'testsuites') throw new Error(`root is <${root.name}>`);
  const testcases = root.children
    .filter((s) => s.name === 'testsuite')
    .flatMap((s) => s.children.filter((c) => c.name === 'testcase'))
    .map((tc) => {
      const failure = tc.children.find((c) => c.name === 'failure');
      return {
        name: tc.attrs.name ?? '',
        classname: tc.attrs.classname ?? '',
        skipped: tc.children.some((c) => c.name === 'skipped'),
        ...(failure ? { failure: { message: failure.attrs.message ?? '', body: failure.text } } : {}),
      };
    });
  return {
    tests: Number(root.attrs.tests),
    failures: Number(root.attrs.failures),
    skipped: Number(root.attrs.skipped),
    testcases,
  };
}
