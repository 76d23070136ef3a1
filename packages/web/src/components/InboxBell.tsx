import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { InboxNotification, NotificationKind } from '@linzhang/domain';
import { api, query } from '../api/client.ts';
import { localiseInstants, localTime } from '../labels.ts';

interface Inbox {
  items: InboxNotification[];
  total: number;
  unread: number;
}

const kindLabels: Record<NotificationKind, { text: string; color: string }> = {
  assigned: { text: '交办', color: 'blue' }, due_soon: { text: '即将到期', color: 'orange' }, overdue: { text: '逾期', color: 'red' },
  sent_back: { text: '退回', color: 'magenta' }, escalated: { text: '督办', color: 'volcano' }, interview: { text: '约谈', color: 'red' },
  reported: { text: '新问题', color: 'green' }, duty_reminder: { text: '履职提醒', color: 'gold' }, fire_ban_suggested: { text: '禁火令建议', color: 'red' },
  device_offline: { text: '设备离线', color: 'red' }, device_online: { text: '设备恢复', color: 'green' },
  pest_first_positive: { text: '新发疫情', color: 'red' },
  fire_timer: { text: '火情超时', color: 'red' },
  wildlife_missing: { text: '疫源日报缺报', color: 'orange' },
  workplan_overdue: { text: '进度督办', color: 'volcano' },
};
const POLL_MS = 60_000;

/** 消息: the bell in the header with the unread count (checked every minute) and a drawer with the messages. */
export function InboxBell() {
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [loading, setLoading] = useState(false);

  const count = useCallback(() => {
    void api<Inbox>('GET', `/api/inbox${query({ unread: true, limit: 1 })}`).then((r) => setUnread(r.unread), () => undefined);
  }, []);
  useEffect(() => {
    count();
    const timer = setInterval(count, POLL_MS);
    return () => clearInterval(timer);
  }, [count]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api<Inbox>('GET', `/api/inbox${query({ limit: 50 })}`);
      setInbox(r);
      setUnread(r.unread);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (open) void load().catch(() => undefined);
  }, [open, load]);

  const markRead = async (ids?: string[]) => {
    await api('POST', '/api/inbox/read', ids ? { ids } : {});
    await load();
  };
  const openItem = (n: InboxNotification) => {
    if (!n.readAt) void markRead([n.id]).catch(() => undefined);
    if (n.problemId) {
      setOpen(false);
      navigate(`/problems/${n.problemId}`);
    }
  };

  return (
    <>
      <Badge count={unread} overflowCount={99} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} onClick={() => setOpen(true)} aria-label="消息" data-testid="inbox-bell" data-unread={unread} />
      </Badge>
      <Drawer title="消息" open={open} onClose={() => setOpen(false)} size={420}
        extra={<Button size="small" disabled={!unread} onClick={() => void markRead()}>全部已读</Button>}>
        {inbox && inbox.items.length === 0 ? <Empty description="没有消息" /> : (
          <List<InboxNotification>
            loading={loading}
            dataSource={inbox?.items ?? []}
            renderItem={(n) => (
              <List.Item onClick={() => openItem(n)} style={{ cursor: n.problemId ? 'pointer' : 'default', background: n.readAt ? undefined : '#f6ffed', padding: '10px 12px' }} data-testid="inbox-item">
                <List.Item.Meta
                  title={
                    <Space size={6}>
                      <Tag color={kindLabels[n.kind]?.color}>{kindLabels[n.kind]?.text ?? n.kind}</Tag>
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={<><div>{localiseInstants(n.body)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{localTime(n.createdAt)}</Typography.Text></>}
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
