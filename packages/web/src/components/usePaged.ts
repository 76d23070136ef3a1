import { useCallback, useEffect, useState } from 'react';
import { api, query, type QueryValue } from '../api/client.ts';
import type { Page } from '../api/types.ts';

export interface Paging {
  current: number;
  pageSize: number;
}

/**
 * One page of a server-side list (`GET path?…params&limit&offset`), reloaded when the page or the params change.
 * `params` should be memoised by the caller: a new object means new filters, so the list starts again at page 1.
 */
export function usePaged<T>(path: string, params: Record<string, QueryValue>, onError: (message: string) => void) {
  const [page, setPage] = useState<Paging>({ current: 1, pageSize: 20 });
  const [data, setData] = useState<Page<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [seen, setSeen] = useState(params);
  if (seen !== params) {
    setSeen(params);
    if (page.current !== 1) setPage({ ...page, current: 1 });
  }

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<Page<T>>('GET', `${path}${query({ ...params, limit: page.pageSize, offset: (page.current - 1) * page.pageSize })}`));
    } catch (e) {
      onError(e instanceof Error ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [path, params, page, onError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const pagination = {
    current: page.current, pageSize: page.pageSize, total: data.total, showSizeChanger: true,
    showTotal: (t: number) => `共 ${t} 条`, onChange: (current: number, pageSize: number) => setPage({ current, pageSize }),
  };
  return { data, loading, reload, pagination };
}
