/**
 * PHP-style form encoding (`object[case_id]=1&object[content]=…`), as PHP's http_build_query
 * writes it: brackets and non-ASCII percent-encoded, spaces as `+`, booleans as 0/1.
 */

type FormValue = string | number | boolean | null | undefined | FormObject | FormValue[];
interface FormObject {
  [key: string]: FormValue;
}

function flatten(prefix: string, value: FormValue, out: Array<[string, string]>): void {
  if (value === undefined) return;
  if (value === null) {
    out.push([prefix, '']);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(`${prefix}[${i}]`, v, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}[${k}]` : k, v, out);
  } else if (typeof value === 'boolean') {
    out.push([prefix, value ? '1' : '0']);
  } else {
    out.push([prefix, String(value)]);
  }
}

export function encodePhpForm(data: FormObject): string {
  const pairs: Array<[string, string]> = [];
  flatten('', data, pairs);
  // URLSearchParams is the WHATWG form serializer: exactly the encoding described above.
  return new URLSearchParams(pairs).toString();
}
