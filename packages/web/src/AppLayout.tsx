import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BugOutlined, EnvironmentOutlined, FireOutlined, HomeOutlined,
  LogoutOutlined, NodeIndexOutlined, SettingOutlined, TableOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useUser } from './auth.tsx';
import { roleNames } from './labels.ts';
import { InboxBell } from './components/InboxBell.tsx';

// Every capability of DESIGN.md has its place; those not built yet open a 建设中 page.
const items: MenuProps['items'] = [
  { key: '/', icon: <HomeOutlined />, label: '首页' },
  { key: '/map', icon: <EnvironmentOutlined />, label: '一张图' },
  {
    key: 'org', icon: <ApartmentOutlined />, label: '组织体系',
    children: [
      { key: '/units', label: '行政区划' },
      { key: '/organisations', label: '组织机构' },
      { key: '/people', label: '人员' },
      { key: '/posts', label: '林长与三员' },
      { key: '/areas', label: '责任区' },
    ],
  },
  {
    key: 'patrol', icon: <NodeIndexOutlined />, label: '巡林',
    children: [
      { key: '/patrols', label: '巡林记录' },
      { key: '/patrols/compliance', label: '履职情况' },
      { key: '/patrols/effort', label: '巡林成效' },
      { key: '/patrols/coverage', label: '覆盖率' },
      { key: '/patrols/reports', label: '林长报告' },
      { key: '/m', label: '手机巡林' },
    ],
  },
  {
    key: 'problems', icon: <AlertOutlined />, label: '问题处置',
    children: [
      { key: '/problems', label: '待办' },
      { key: '/problems?tab=all', label: '全部问题' },
      { key: '/problems/map', label: '问题地图' },
      { key: '/problems/statistics', label: '办理统计' },
      { key: '/problems/interviews', label: '约谈记录' },
      { key: '/problems/patches', label: '图斑核实' },
      { key: '/problems/import', label: '导入图斑/台账' },
    ],
  },
  {
    key: 'ledger', icon: <TableOutlined />, label: '林草湿一本账',
    children: [
      { key: '/ledger', label: '统计与覆盖率' },
      { key: '/ledger/parcels', label: '小班' },
      { key: '/ledger/map', label: '小班地图' },
      { key: '/ledger/changes', label: '年度变化与管护责任' },
      { key: '/ledger/import', label: '导入小班' },
      { key: '/ledger/logging', label: '采伐限额与许可' },
      { key: '/ledger/land-use', label: '使用林地' },
      { key: '/ledger/compensation', label: '补偿发放' },
      { key: '/ledger/trees', label: '古树名木' },
    ],
  },
  {
    key: 'fire', icon: <FireOutlined />, label: '森林防火',
    children: [
      { key: '/fire/danger', label: '今日火险' },
      { key: '/fire/weather', label: '气象站与观测' },
      { key: '/fire/bans', label: '防火期与禁火令' },
      { key: '/fire/entry', label: '扫码入林' },
      { key: '/fire/alarms', label: '火情处置' },
      { key: '/fire/devices', label: '设备状态' },
      { key: '/fire/infrastructure', label: '防火设施' },
    ],
  },
  {
    key: 'pests', icon: <BugOutlined />, label: '有害生物与野生动物',
    children: [
      { key: '/pests', label: '松材线虫病疫木' },
      { key: '/pests/sampling', label: '小班取样' },
      { key: '/pests/disaster', label: '成灾率与其他病虫害' },
      { key: '/pests/quarantine', label: '检疫' },
      { key: '/pests/surveys', label: '普查与监测' },
      { key: '/pests/epidemic', label: '疫点疫区' },
      { key: '/pests/wildlife', label: '疫源疫病监测' },
    ],
  },
  { key: 'workplans', icon: <AuditOutlined />, label: '工作要点与考核', children: [{ key: '/dashboard', label: '领导驾驶舱' }, { key: '/workplans', label: '工作要点' }, { key: '/assessment', label: '林长制考核' }, { key: '/carbon', label: '森林碳汇' }] },
  { key: 'admin', icon: <SettingOutlined />, label: '系统管理', children: [{ key: '/admin/rules', label: '规则配置' }] },
];

const keys = new Set<string>();
const groupOf = new Map<string, string>(); // entry → its submenu
const collect = (list: MenuProps['items'], group?: string) => list?.forEach((i) => {
  if (!i || !('key' in i) || typeof i.key !== 'string') return;
  keys.add(i.key);
  if (group) groupOf.set(i.key, group);
  if ('children' in i) collect(i.children, i.key);
});
collect(items);

/** The menu entry for where the user is: a full match (path and query) first, else the path alone. */
const selectedKey = (pathname: string, search: string) => (keys.has(pathname + search) ? pathname + search : pathname);

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [folded, setFolded] = useState(false); // the trigger of a folded menu sits outside it: do not clip it
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* On a phone (a ranger opening a problem) the menu folds away behind its trigger. */}
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0} onCollapse={setFolded}
        style={{ borderRight: '1px solid #eee', position: 'sticky', top: 0, height: '100vh', overflow: folded ? 'visible' : 'auto', zIndex: 10 }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18, color: '#1f6f3b' }}>智慧林长</div>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey(location.pathname, location.search)]}
          // The menu is long: open the current page's group, or the daily work (patrols, problems) on the home page.
          defaultOpenKeys={[groupOf.get(selectedKey(location.pathname, location.search)) ?? 'patrol', 'problems']}
          items={items}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', borderBottom: '1px solid #eee' }}>
          <Space>
            <InboxBell />
            <Typography.Text data-testid="current-user">
              {user.name}（{user.roles.map((r) => roleNames[r] ?? r).join('、')}）· {user.scopeUnit.name}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate('/login'))}>退出</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, display: 'flex', flexDirection: 'column' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
