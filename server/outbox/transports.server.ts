/**
 * How outbox messages leave the server. E-mail: nodemailer over SMTP when
 * SMTP_HOST is set, otherwise written as .eml files to a local folder (next to
 * the database, e.g. data/mail/) so nothing is lost and the demo can show it.
 * SMS: one small interface; by default a transport that only logs THAT an SMS
 * was sent (never the number or the body). A provider plugs in by
 * implementing `SmsTransport` (see README and ADR 026). Invariant: nothing
 * here logs an address, a phone number or a message body.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { logger } from '../log.server';

const log = logger('outbox');

/** One e-mail as the sender hands it over. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Deterministic per outbox row: `<outbox-ID@veiligplan>`. */
  messageId: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the start-up line (no secrets): "smtp://host:port" or the folder. */
  readonly describe: string;
}

/**
 * Sends one SMS. Throw an error with `definite: true` when the provider
 * certainly did not accept the message (it is then retried with backoff);
 * any other error leaves the message in doubt (it is not sent again).
 */
export interface SmsTransport {
  send(to: string, body: string): Promise<void>;
}

export interface MailSettings {
  host?: string;
  port?: number;
  user?: string;
  pass?: string;
  secure?: boolean;
  from: string;
  /** Folder for .eml files when there is no SMTP host. */
  folder: string;
}

/** Mail settings from SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_SECURE, MAIL_FROM, MAIL_DIR (default: `mail/` next to the database). */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv, databasePath: string): MailSettings {
  return {
    host: env.SMTP_HOST || undefined,
    port: env.SMTP_PORT ? Number(env.SMTP_PORT) : undefined,
    user: env.SMTP_USER || undefined,
    pass: env.SMTP_PASS || undefined,
    secure: env.SMTP_SECURE === '1' || env.SMTP_SECURE === 'true',
    from: env.MAIL_FROM || 'Veiligplan <noreply@veiligplan.invalid>',
    folder: resolve(env.MAIL_DIR || join(databasePath === ':memory:' ? '.' : dirname(databasePath), 'mail')),
  };
}

export function createMailTransport(settings: MailSettings): MailTransport {
  if (settings.host) {
    const port = settings.port ?? (settings.secure ? 465 : 587);
    const transporter = nodemailer.createTransport({
      host: settings.host,
      port,
      secure: settings.secure ?? false,
      auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // A local test server offers no certificate worth checking; a real one is checked.
      tls: settings.host === 'localhost' || settings.host === '127.0.0.1' ? { rejectUnauthorized: false } : undefined,
    });
    return {
      describe: `smtp://${settings.host}:${port}`,
      async send(m) {
        await transporter.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      },
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: settings.folder,
    async send(m) {
      const info = await transporter.sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      mkdirSync(settings.folder, { recursive: true });
      const name = m.messageId.replace(/[^A-Za-z0-9.-]/g, '_');
      try {
        writeFileSync(join(settings.folder, `${name}.eml`), info.message as Buffer);
      } catch (error) {
        // Nothing left the server: a definite failure, retried later.
        throw Object.assign(new Error('writing the mail file failed'), { definite: true, code: (error as NodeJS.ErrnoException).code });
      }
    },
  };
}

/** The default SMS transport: logs that an SMS went out (outbox row id only), never the number or the body. */
export function loggingSmsTransport(): SmsTransport {
  return {
    send() {
      log.info('an SMS would be sent (no SMS provider configured)');
      return Promise.resolve();
    },
  };
}
