import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../../../../src/core/php-form.js';
import { API_KEY, EMAIL, SandboxClient, useReceiver, useSandboxClient, waitFor } from '../../../../helpers/sandbox.js';

const od = useSandboxClient();
const app = useReceiver();
const auth = `Basic ${Buffer.from(`${EMAIL}:${API_KEY}`).toString('base64')}`;

/** A raw request: any body, any content type (fetch sets multipart's own boundary for FormData). */
async function raw(method: string, path: string, body: string | FormData | Buffer, contentType?: string) {
  const headers: Record<string, string> = { authorization: auth };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(od.base + path, { method, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

describe('request bodies (reference §1.1)', () => {
  it('takes a case as PHP-bracket form fields, as JSON takes it', async () => {
    const label = (await od.call('POST', '/api/labels.json', { label: { label_title: 'bot' } })).body.label.label_id;
    const form =
      `case%5Buser_email%5D=anna%40example.com&case%5Bsubject%5D=%D0%92%D0%BE%D0%BF%D1%80%D0%BE%D1%81+1&` +
      `case%5Bcontent%5D=a%26b&case%5Blabels%5D%5B0%5D=${label}&case%5Bpriority%5D=high`;
    const res = await raw('POST', '/api/cases.json', form, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({ subject: 'Вопрос 1', labels: [label], priority: 'high' });
    const messages = SandboxClient.items(
      (await od.call('GET', `/api/cases/${res.body.case.case_id}/messages.json`)).body,
      'message',
    );
    expect(messages[0].content).toBe('a&b');
    const user = (await od.call('GET', `/api/users/${res.body.case.user_id}.json`)).body.user;
    expect(user.user_email).toBe('anna@example.com');
  });

  it('takes multipart with files on cases, messages and notes, lists them as attachments and serves them', async () => {
    const fd = new FormData();
    fd.append('case[user_email]', 'ivan@example.com');
    fd.append('case[subject]', 'Скриншот');
    fd.append('case[content]', 'см. вложение');
    fd.append('case[staff_id]', ''); // PHP clients send null as ""
    fd.append('case[attachments][0]', new Blob([Buffer.from('PNGDATA\x00\x01')], { type: 'image/png' }), 'экран 1.png');
    const created = await raw('POST', '/api/cases.json', fd);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [file] = created.body.case.attachments;
    expect(file).toMatchObject({ file_name: 'экран 1.png', file_size: 9, mime_type: 'image/png' });
    expect(Number.isInteger(file.file_id)).toBe(true);
    const download = await fetch(file.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from('PNGDATA\x00\x01'))).toBe(true);

    const id = created.body.case.case_id;
    const reply = new FormData();
    reply.append('message[staff_id]', '2');
    reply.append('message[content]', 'ответ');
    reply.append('message[attachments][0]', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'report.csv');
    reply.append('message[attachments][1]', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'act.pdf');
    const message = await raw('POST', `/api/cases/${id}/messages.json`, reply);
    expect(message.status).toBe(201);
    expect(message.body.message.attachments.map((a: any) => [a.file_name, a.file_size, a.mime_type])).toEqual([
      ['report.csv', 8, 'text/csv'],
      ['act.pdf', 8, 'application/pdf'],
    ]);
    const note = new FormData();
    note.append('note[content]', 'внутреннее');
    note.append('note[attachments][0]', new Blob(['x']), 'x.bin');
    const noted = await raw('POST', `/api/cases/${id}/note.json`, note);
    expect(noted.status).toBe(201);
    expect(noted.body.message).toMatchObject({
      note: true,
      attachments: [{ file_name: 'x.bin', mime_type: 'application/octet-stream' }],
    });

    const listed = SandboxClient.items((await od.call('GET', `/api/cases/${id}/messages.json`)).body, 'message');
    expect(listed.map((m) => m.attachments.length)).toEqual([1, 2, 1]);
  });

  it('reads a case-sensitive multipart boundary and repeated `[]` file fields (Ruby multipart-post)', async () => {
    const boundary = '-----------RubyMultipartPost-7d68633322823329ae9955cd08c1d232';
    const fileHeaders = (file: string, value: string) =>
      `; filename="${file}"\r\nContent-Length: ${value.length}\r\n` +
      'Content-Type: text/plain\r\nContent-Transfer-Encoding: binary';
    const part = (name: string, value: string, file?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; ` +
      `name="${name}"${file ? fileHeaders(file, value) : ''}\r\n\r\n${value}\r\n`;
    const body =
      part('case[user_email]', 'rb@example.org') +
      part('case[subject]', 'S') +
      part('case[content]', 'C') +
      part('case[attachments][]', 'one\n', 'a.txt') +
      part('case[attachments][]', 'two\n', 'b.txt') +
      `--${boundary}--\r\n\r\n`;
    const res = await raw('POST', '/api/cases.json', body, `multipart/form-data; boundary=${boundary}`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.case.attachments.map((a: any) => [a.file_name, a.file_size])).toEqual([
      ['a.txt', 4],
      ['b.txt', 4],
    ]);
  });

  it('takes `[]` as an empty JSON body (PHP encodes an empty array so)', async () => {
    const c = (await od.call('POST', '/api/cases.json', { case: { user_email: 'a@b.co', subject: 's', content: 'x' } }))
      .body.case;
    expect((await raw('PUT', `/api/cases/${c.case_id}/trash.json`, '[]', 'application/json')).status).toBe(200);
  });

  it('takes attachment_urls in JSON and lists them with the given url', async () => {
    const res = await od.call('POST', '/api/cases.json', {
      case: {
        user_email: 'a@b.co',
        subject: 'link',
        content: 'x',
        attachment_urls: ['https://files.example.com/docs/%D0%B0%D0%BA%D1%82.pdf'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.case.attachments[0]).toMatchObject({
      file_name: 'акт.pdf',
      mime_type: 'application/pdf',
      url: 'https://files.example.com/docs/%D0%B0%D0%BA%D1%82.pdf',
    });
  });

  it('sends the custom-channel message_new with object[attachments][i][…]', async () => {
    const code = (
      await od.admin('POST', 'custom-channels', { title: 'App', webhookUrl: `${app.url}/in`, channelType: 'async' })
    ).body.custom_channel.channel_api_key;
    const c = (
      await od.call('POST', '/api/cases.json', {
        case: { channel: code, user_custom_id: 'u-1', subject: 'q', content: 'q' },
      })
    ).body.case;
    const fd = new FormData();
    fd.append('message[staff_id]', '2');
    fd.append('message[content]', 'файл');
    fd.append('message[attachments][0]', new Blob(['hello']), 'hello.txt');
    expect((await raw('POST', `/api/cases/${c.case_id}/messages.json`, fd)).status).toBe(201);
    const hook = await waitFor(() => app.received[0]);
    const body = decodeForm(hook.body) as any;
    expect(body.object.attachments['0']).toMatchObject({
      file_name: 'hello.txt',
      file_size: '5',
      mime_type: 'application/octet-stream',
    });
    expect(await (await fetch(body.object.attachments['0'].url)).text()).toBe('hello');
    expect(hook.body).toContain('object%5Battachments%5D%5B0%5D%5Burl%5D=');
  });

  it('answers bad bodies with the API\'s {"error"} shape and a 4xx, never a 500', async () => {
    const cases: Array<[string | Buffer, string | undefined, number, string]> = [
      ['{"case": {', 'application/json', 400, 'invalid_json'],
      ['[1,2]', 'application/json', 400, 'invalid_json'],
      ['{"subject":"no wrapper"}', 'application/json', 400, 'case_data_required'],
      ['case=flat', 'application/x-www-form-urlencoded', 400, 'case_data_required'],
      ['--x\r\nno headers\r\n--x--', 'multipart/form-data; boundary=x', 400, 'invalid_multipart'],
      ['whatever', 'multipart/form-data', 400, 'invalid_multipart'],
      [
        '--b\r\nContent-Disposition: form-data; name="case[subject]"\r\n\r\nunterminated',
        'multipart/form-data; boundary=b',
        400,
        'invalid_multipart',
      ],
      ['<xml/>', 'application/xml', 415, 'unsupported_content_type'],
      [Buffer.from([0xff, 0xfe, 0x00]), 'application/json', 400, 'invalid_json'],
      [
        'case[attachments]=notafile&case[subject]=s&case[content]=c&case[user_email]=a@b.co',
        'application/x-www-form-urlencoded',
        400,
        'wrong_attachments',
      ],
      [
        'case[__proto__][x]=1&case[subject]=s&case[content]=c&case[user_email]=a%40b.co',
        'application/x-www-form-urlencoded',
        201,
        '',
      ],
    ];
    for (const [body, type, status, code] of cases) {
      const res = await raw('POST', '/api/cases.json', body, type);
      expect(res.status, `${type}: ${String(body)}`).toBe(status);
      if (code) expect(res.body).toEqual({ error: code });
    }
  });

  it('refuses a file over 25 MB with the API error shape', async () => {
    const fd = new FormData();
    fd.append('case[user_email]', 'a@b.co');
    fd.append('case[subject]', 'big');
    fd.append('case[content]', 'x');
    fd.append('case[attachments][0]', new Blob([Buffer.alloc(25 * 1024 * 1024 + 1)]), 'big.bin');
    const res = await raw('POST', '/api/cases.json', fd);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'attachment_too_large' });
    expect((await od.call('GET', '/api/cases.json')).body.total_count).toBe(0);
  });
});
