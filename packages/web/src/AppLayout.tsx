import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BugOutlined, EnvironmentOutlined, FireOutlined, HomeOutlined,
  LogoutOutlined, NodeIndexOutlined, SettingOutlined, TableOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useUser } from './auth.tsx';
import { roleNames } from './labels.ts';

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
  { key: '/problems', icon: <AlertOutlined />, label: '问题处置' },
  { key: '/ledger', icon: <TableOutlined />, label: '林草湿一本账' },
  { key: '/fire', icon: <FireOutlined />, label: '森林防火' },
  { key: '/pests', icon: <BugOutlined />, label: '有害生物与野生动物' },
  { key: '/workplans', icon: <AuditOutlined />, label: '工作要点与考核' },
  { key: 'admin', icon: <SettingOutlined />, label: '系统管理', children: [{ key: '/admin/rules', label: '规则配置' }] },
];

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #eee', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18, color: '#1f6f3b' }}>智慧林长</div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          defaultOpenKeys={['org', 'patrol']}
          items={items}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', borderBottom: '1px solid #eee' }}>
          <Space>
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
