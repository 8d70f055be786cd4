// One structured logger for the process. Secrets and personal data are redacted by path
// wherever they might appear in a logged object.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'gongkai', ...bindings },
    redact: {
      paths: [
        'password',
        '*.password',
        'accessToken',
        'refreshToken',
        '*.accessToken',
        '*.refreshToken',
        'headers.authorization',
        'req.headers.authorization',
        'variables.input.password',
        'variables.input.refreshToken',
        'variables.password',
      ],
      censor: '[redacted]',
    },
  });
}
