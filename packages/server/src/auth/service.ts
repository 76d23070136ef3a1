import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../db/connect.ts';
import { failure, success, type ServiceResult } from '../http/problem.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { AuthRepository, type UserRecord } from './repository.ts';
import { LoginLimiter } from './login-limiter.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Role } from './viewer.ts';
import type { Settings } from '../config/env.ts';

export interface PublicUser {
  id: string;
  username: string;
  name: string;
  personId: string | null; // the person this account belongs to (a ranger's or chief's own record)
  roles: Role[];
  scopeUnit: { code: string; name: string; level: string };
}

const publicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username,
  name: u.name,
  personId: u.personId,
  roles: u.roles,
  scopeUnit: u.scopeUnit,
});

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AuthService {
  private readonly repo: AuthRepository;
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly store: Store,
    private readonly settings: Pick<Settings, 'loginMaxFailures' | 'loginWindowMinutes' | 'sessionHours'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new AuthRepository(store.db);
    this.limiter = new LoginLimiter({
      maxFailures: settings.loginMaxFailures,
      windowMs: settings.loginWindowMinutes * 60_000,
      now: () => this.now().getTime(),
    });
  }

  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<ServiceResult<{ user: PublicUser; token: string; expiresAt: Date }>> {
    const keys = [`u:${username.toLowerCase()}`, `a:${address}`];
    const wait = this.limiter.retryAfterSeconds(keys);
    if (wait > 0) return failure({ kind: 'throttled', retryAfterSeconds: wait });

    const user = await this.repo.findByUsername(username);
    const good = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password);
    if (!user || !good) {
      this.limiter.recordFailure(keys);
      return failure({ kind: 'invalid_credentials' });
    }
    this.limiter.reset(keys[0]!);

    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.settings.sessionHours * 3_600_000);
    await this.store.db.transaction().execute(async (trx) => {
      // Sessions past their end are useless; logins are rare enough to sweep them here (no job needed).
      await new AuthRepository(trx).deleteExpiredSessions(now.toISOString());
      await new AuthRepository(trx).createSession({
        id: hashToken(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      await recordAudit(trx, { userId: user.id, action: 'login', entity: 'session', entityId: user.id, after: { address } }, now.toISOString());
    });
    return success({ user: publicUser(user), token, expiresAt });
  }

  async userForToken(token: string | undefined): Promise<PublicUser | null> {
    if (!token) return null;
    const user = await this.repo.findBySession(hashToken(token), this.now().toISOString());
    return user && !user.disabled ? publicUser(user) : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.repo.deleteSession(hashToken(token));
  }

  /** Creates an account (the CLI's `user create`); the caller has validated role and unit. */
  async createUser(input: {
    username: string;
    name: string;
    password: string;
    roles: Role[];
    scopeUnitCode: string;
    actorId: string | null;
  }): Promise<ServiceResult<PublicUser>> {
    if (input.password.length < 8) {
      return failure({ kind: 'invalid', errors: [{ field: 'password', message: '密码至少 8 位' }] });
    }
    if (await this.repo.usernameTaken(input.username)) {
      return failure({ kind: 'conflict', field: 'username', message: '用户名已存在' });
    }
    const unit = await this.store.db
      .selectFrom('units')
      .select('code')
      .where('code', '=', input.scopeUnitCode)
      .executeTakeFirst();
    if (!unit) return failure({ kind: 'invalid', errors: [{ field: 'unit', message: '行政区划不存在' }] });
    const id = randomUUID();
    const at = this.now().toISOString();
    const passwordHash = await hashPassword(input.password);
    await this.store.db.transaction().execute(async (trx) => {
      await AuthRepository.insertUsers(trx, [
        { id, username: input.username, name: input.name, passwordHash, roles: input.roles, scopeUnitCode: input.scopeUnitCode, createdAt: at },
      ]);
      await recordAudit(
        trx,
        { userId: input.actorId, action: 'create', entity: 'user', entityId: id, after: { username: input.username, roles: input.roles, scopeUnitCode: input.scopeUnitCode } },
        at,
      );
    });
    const user = await this.repo.findByUsername(input.username);
    return user ? success(publicUser(user)) : failure({ kind: 'not_found' });
  }
}
