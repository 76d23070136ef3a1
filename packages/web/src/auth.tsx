import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { ApiError, api, setUnauthorisedHandler } from './api/client.ts';
import type { User } from './api/types.ts';

interface AuthState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

const USER_KEY = 'linzhang.user';
function cachedUser(): User | null {
  const saved = localStorage.getItem(USER_KEY);
  return saved ? (JSON.parse(saved) as User) : null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    setUnauthorisedHandler(() => remember(null));
    api<{ user: User }>('GET', '/api/auth/me')
      .then((r) => remember(r.user))
      .catch((e: unknown) => {
        // Offline in the field: keep working as the last signed-in account; its data waits in the outbox.
        if (e instanceof ApiError) remember(null);
        else setUser(cachedUser());
      })
      .finally(() => setLoading(false));
  }, []);

  const remember = (u: User | null) => {
    if (u) localStorage.setItem(USER_KEY, JSON.stringify(u));
    else localStorage.removeItem(USER_KEY);
    setUser(u);
  };

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ user: User }>('POST', '/api/auth/login', { username, password });
    remember(r.user);
    return r.user;
  }, []);
  const logout = useCallback(async () => {
    await api('POST', '/api/auth/logout', {});
    remember(null);
  }, []);

  return <AuthContext.Provider value={{ user, loading, login, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in user; pages under RequireAuth may rely on it. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a user');
  return user;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin style={{ margin: 80 }} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}
