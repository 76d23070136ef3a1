import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldError } from './problem.ts';

// Bodies are validated strictly: no type coercion, no silent removal of unknown fields (schemas declare
// additionalProperties: false). Query strings and path parameters arrive as text, so they are coerced.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const common = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
const textAjv = addFormats(new Ajv({ ...common, coerceTypes: true }));

export function compileValidator({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
}

const typeNames: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: '空值',
};

function messageFor(e: Pick<ErrorObject, 'keyword' | 'params' | 'message'>): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return '必填';
    case 'additionalProperties': return '不允许的字段';
    case 'type': return `类型应为${String(p.type).split(',').map((t) => typeNames[t] ?? t).join('或')}`;
    case 'pattern': case 'format': return '格式不正确';
    case 'minLength': return p.limit === 1 ? '不能为空' : `长度至少为 ${String(p.limit)}`;
    case 'maxLength': return `长度不能超过 ${String(p.limit)}`;
    case 'minimum': return `不能小于 ${String(p.limit)}`;
    case 'maximum': return `不能大于 ${String(p.limit)}`;
    case 'enum': return `取值应为 ${(p.allowedValues as unknown[]).join('、')} 之一`;
    case 'const': return `取值应为 ${String(p.allowedValue)}`;
    case 'minItems': return `至少 ${String(p.limit)} 项`;
    case 'maxItems': return `至多 ${String(p.limit)} 项`;
    case 'anyOf': case 'oneOf': return '不符合任何允许的格式';
    default: return e.message ?? '无效';
  }
}

/**
 * Turns Ajv errors into field errors named by JSON pointer, e.g. `/body/name`. A value failing a union (say a
 * phone number that is neither a valid number nor null) yields one error per branch; only the most telling
 * one is kept, so a person reads 格式不正确 and not also 类型应为空值.
 */
export function fieldErrors(errors: FastifySchemaValidationError[], context: string): FieldError[] {
  const generic = new Set(['type', 'anyOf', 'oneOf', 'const']);
  const specificAt = new Set(errors.filter((e) => !generic.has(e.keyword)).map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    if (generic.has(e.keyword) && specificAt.has(e.instancePath)) continue;
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && errors.some((o) => o.instancePath === e.instancePath && o !== e)) continue;
    const p = e.params as Record<string, unknown>;
    let field = `/${context}${e.instancePath}`;
    if (e.keyword === 'required') field += `/${String(p.missingProperty)}`;
    if (e.keyword === 'additionalProperties') field += `/${String(p.additionalProperty)}`;
    const message = messageFor(e);
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, message });
    }
  }
  return out;
}
