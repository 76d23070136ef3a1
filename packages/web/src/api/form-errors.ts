import type { FormInstance } from 'antd';
import { ApiError, formFieldOf } from './client.ts';

/**
 * Shows a server's field errors (JSON pointers like /body/unitCode) on the form's own fields, one message per field
 * (a value that fits none of a field's alternatives comes back once per alternative); errors about fields the form
 * does not show are left to the caller's message. Returns the message to show.
 */
export function applyServerErrors(form: FormInstance, e: unknown, fallback = '保存失败'): string {
  if (e instanceof ApiError && e.errors.length) {
    const shown = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
    const byField = new Map<string, string>();
    for (const fe of e.errors) {
      const name = formFieldOf(fe);
      if (name && shown.has(name) && !byField.has(name)) byField.set(name, fe.message);
    }
    form.setFields([...byField].map(([name, message]) => ({ name, errors: [message] })));
  }
  return e instanceof ApiError && e.errors[0] ? `${e.message}：${e.errors[0].message}` : e instanceof Error ? e.message : fallback;
}
