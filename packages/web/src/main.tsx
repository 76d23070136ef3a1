import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AuthProvider, RequireAuth } from './auth.tsx';
import { AppLayout } from './AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { UnderConstruction } from './pages/UnderConstruction.tsx';
import { UnitsPage } from './pages/UnitsPage.tsx';
import { OrganisationsPage } from './pages/OrganisationsPage.tsx';
import { PeoplePage } from './pages/PeoplePage.tsx';
import { PostsPage } from './pages/PostsPage.tsx';
import { AreasPage } from './pages/AreasPage.tsx';
import { MapPage } from './pages/MapPage.tsx';

const notYetBuilt = ['/', '/patrols', '/problems', '/ledger', '/fire', '/pests', '/workplans', '/admin'];

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f6f3b' } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                {notYetBuilt.map((path) => <Route key={path} path={path} element={<UnderConstruction />} />)}
                <Route path="/map" element={<MapPage />} />
                <Route path="/units" element={<UnitsPage />} />
                <Route path="/organisations" element={<OrganisationsPage />} />
                <Route path="/people" element={<PeoplePage />} />
                <Route path="/posts" element={<PostsPage />} />
                <Route path="/areas" element={<AreasPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
