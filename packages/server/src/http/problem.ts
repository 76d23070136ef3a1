// The one place where service failures become HTTP statuses and problem+json bodies.

export interface FieldError {
  field: string;
  message: string;
}

/** Expected failures a service returns as values. */
export type ServiceError =
  | { kind: 'not_found' }
  | { kind: 'forbidden'; message?: string }
  | { kind: 'unauthenticated' }
  | { kind: 'invalid_credentials' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'conflict'; field?: string; message: string }
  | { kind: 'invalid'; errors: FieldError[] };

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const success = <T>(value: T): ServiceResult<T> => ({ ok: true, value });
export const failure = <T = never>(error: ServiceError): ServiceResult<T> => ({ ok: false, error });
export const notFound = <T = never>(): ServiceResult<T> => failure({ kind: 'not_found' });
export const forbidden = <T = never>(): ServiceResult<T> => failure({ kind: 'forbidden' });
export const invalid = <T = never>(field: string, message: string): ServiceResult<T> =>
  failure({ kind: 'invalid', errors: [{ field, message }] });

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(en);
  }

  body(): Record<string, unknown> {
    return {
      type: 'about:blank',
      status: this.status,
      code: this.code,
      title: this.zh,
      message: this.zh,
      messageEn: this.en,
      ...(this.errors.length ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  invalid: (errors: FieldError[]) => new HttpProblem(400, 'request.invalid', '请求参数有误', 'The request is invalid', errors),
  authRequired: () => new HttpProblem(401, 'auth.required', '请先登录', 'Login required'),
  invalidCredentials: () =>
    new HttpProblem(401, 'auth.invalid_credentials', '用户名或密码错误', 'Wrong username or password'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new HttpProblem(
      429,
      'auth.too_many_attempts',
      `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`,
      'Too many failed logins, try again later',
      [],
      { 'retry-after': String(retryAfterSeconds) },
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new HttpProblem(429, 'request.too_many', `提交过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, 'Too many requests, try again later', [], { 'retry-after': String(retryAfterSeconds) }),
  forbidden: (message?: string) => new HttpProblem(403, 'auth.forbidden', message ?? '没有权限执行此操作', 'You may not do this'),
  notFound: () => new HttpProblem(404, 'not_found', '记录不存在', 'Not found'),
  conflict: (message: string, field?: string) =>
    new HttpProblem(409, 'conflict', message, 'Conflicts with an existing record', field ? [{ field, message }] : []),
  unsupportedMediaType: () =>
    new HttpProblem(415, 'request.unsupported_media_type', '请求须使用 JSON (application/json)', 'Send JSON (application/json)'),
  tooLarge: () => new HttpProblem(413, 'request.too_large', '请求内容过大', 'The request body is too large'),
  internal: () => new HttpProblem(500, 'internal', '服务器内部错误', 'Internal server error'),
};

export function problemFor(error: ServiceError): HttpProblem {
  switch (error.kind) {
    case 'not_found':
      return problems.notFound();
    case 'forbidden':
      return problems.forbidden(error.message);
    case 'unauthenticated':
      return problems.authRequired();
    case 'invalid_credentials':
      return problems.invalidCredentials();
    case 'throttled':
      return problems.tooManyAttempts(error.retryAfterSeconds);
    case 'conflict':
      return problems.conflict(error.message, error.field);
    case 'invalid':
      return problems.invalid(error.errors);
  }
}

/** Route helper: the value of a successful result, or throw the mapped problem for the error handler. */
export function unwrap<T>(result: ServiceResult<T>): T {
  if (result.ok) return result.value;
  throw problemFor(result.error);
}
