// One structured logger for the process. Secrets and personal data are redacted by path
// wherever they might appear in a logged object.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** @param destination where lines go (default stdout); tests collect them. */
export function createLogger(level: string, bindings: Record<string, unknown> = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
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
        'variables.input.currentPassword',
        'variables.input.newPassword',
        '*.currentPassword',
        '*.newPassword',
        'variables.input.refreshToken',
        // TOTP: codes, recovery codes and the sign-in challenge.
        'variables.input.code',
        'variables.input.recoveryCode',
        'variables.input.challenge',
        '*.recoveryCode',
        '*.recoveryCodes',
        '*.challenge',
        'variables.password',
        // Personal data of submitters and requesters, should variables ever be logged.
        'variables.input.contact',
        'variables.input.requester',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
