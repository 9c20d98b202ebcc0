/**
 * A real SMTP server in the test process (the smtp-server package) on an
 * ephemeral port: it keeps every accepted mail (and, when `dir` is given,
 * writes each as JSON there, for a server in another process and a browser
 * test to read). `failNext(n, code)` answers the next n mails with an SMTP
 * error (e.g. 451) at the end of DATA, so nothing is accepted. Test-only.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  text: string;
}

/** Quoted-printable body to text (nodemailer wraps long lines with soft breaks). */
function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const text = /quoted-printable/i.test(header('Content-Transfer-Encoding')) ? decodeQuotedPrintable(body) : body;
  return { to, subject: header('Subject'), messageId: header('Message-ID'), text: text.replace(/\r\n/g, '\n').trim() };
}

export async function startLocalSmtp(options: { dir?: string } = {}) {
  const mails: ReceivedMail[] = [];
  let failures: { n: number; code: number } = { n: 0, code: 451 };
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures.n > 0) {
          failures.n--;
          const error = Object.assign(new Error('Tijdelijk niet beschikbaar'), { responseCode: failures.code });
          callback(error);
          return;
        }
        const mail = parseMail(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.rcptTo.map((r) => r.address),
        );
        mails.push(mail);
        if (options.dir) writeFileSync(join(options.dir, `${Date.now()}-${mails.length}.json`), JSON.stringify(mail));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    failNext(n: number, code = 451) {
      failures = { n, code };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The mails a local SMTP server in another process wrote to `dir`. */
export function mailsIn(dir: string): ReceivedMail[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReceivedMail);
  } catch {
    return [];
  }
}
