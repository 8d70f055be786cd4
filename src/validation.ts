// Field rules shared by every service: trimmed text with a length limit, measured in characters
// (code points), as an InputError that names the field.
import { InputError } from './errors.js';

/** `value` trimmed; null when empty. Throws InputError when required and empty, or too long. */
export function textField(field: string, value: string | null | undefined, max: number, required = false): string | null {
  const v = value?.trim() ?? '';
  if (required && v === '') throw new InputError(field, `${field} 不能为空 — ${field} is required.`, undefined, 'REQUIRED');
  if ([...v].length > max) throw new InputError(field, `${field} 最多${max}个字符 — ${field} must be at most ${max} characters.`, undefined, 'TOO_LONG');
  return v === '' ? null : v;
}
