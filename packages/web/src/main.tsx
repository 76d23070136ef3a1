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
import { MobilePage } from './pages/MobilePage.tsx';
import { PatrolsPage } from './pages/PatrolsPage.tsx';
import { CompliancePage } from './pages/CompliancePage.tsx';
import { RulesPage } from './pages/RulesPage.tsx';
import { EffortPage } from './pages/EffortPage.tsx';
import { CoveragePage } from './pages/CoveragePage.tsx';
import { ReportsPage } from './pages/ReportsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { ProblemListPage } from './pages/problems/ProblemListPage.tsx';
import { ProblemDetailPage } from './pages/problems/ProblemDetailPage.tsx';
import { ProblemMapPage } from './pages/problems/ProblemMapPage.tsx';
import { ProblemStatisticsPage } from './pages/problems/ProblemStatisticsPage.tsx';
import { InterviewsPage } from './pages/problems/InterviewsPage.tsx';
import { PublicReportPage } from './pages/PublicReportPage.tsx';
import { ProblemImportPage } from './pages/ProblemImportPage.tsx';
import { LedgerPage } from './pages/ledger/LedgerPage.tsx';
import { ParcelListPage } from './pages/ledger/ParcelListPage.tsx';
import { ParcelImportPage } from './pages/ledger/ParcelImportPage.tsx';
import { LoggingPage } from './pages/ledger/LoggingPage.tsx';
import { LedgerChangesPage } from './pages/ledger/LedgerChangesPage.tsx';
import { CompensationPage } from './pages/ledger/CompensationPage.tsx';
import { DevicesPage } from './pages/fire/DevicesPage.tsx';
import { TreesPage } from './pages/ledger/TreesPage.tsx';
import { FireDangerPage } from './pages/fire/FireDangerPage.tsx';
import { FireWeatherPage } from './pages/fire/FireWeatherPage.tsx';
import { FireAlarmsPage } from './pages/fire/FireAlarmsPage.tsx';
import { WildlifePage } from './pages/pests/WildlifePage.tsx';
import { FireDetailPage } from './pages/fire/FireDetailPage.tsx';
import { InfrastructurePage } from './pages/fire/InfrastructurePage.tsx';
import { LandUsePage } from './pages/ledger/LandUsePage.tsx';
import { LedgerMapPage } from './pages/ledger/LedgerMapPage.tsx';
import { PatchVerificationPage } from './pages/PatchVerificationPage.tsx';
import { FireBansPage } from './pages/fire/FireBansPage.tsx';
import { FireEntryPage } from './pages/fire/FireEntryPage.tsx';
import { DeadTreesPage } from './pages/pests/DeadTreesPage.tsx';
import { SamplingPage } from './pages/pests/SamplingPage.tsx';
import { PublicEntryPage } from './pages/PublicEntryPage.tsx';

import { WorkplansPage } from './pages/workplans/WorkplansPage.tsx';
import { WorkplanPage } from './pages/workplans/WorkplanPage.tsx';
import { DisasterPage } from './pages/pests/DisasterPage.tsx';
import { CarbonPage } from './pages/carbon/CarbonPage.tsx';
import { AssessmentPage } from './pages/assessment/AssessmentPage.tsx';
import { DashboardPage } from './pages/dashboard/DashboardPage.tsx';
import { QuarantinePage } from './pages/pests/QuarantinePage.tsx';
import { SurveysPage } from './pages/pests/SurveysPage.tsx';
import { EpidemicPage } from './pages/pests/EpidemicPage.tsx';

const notYetBuilt = [
  '/admin',
];
// 系统管理 has its first page (rule configuration); its landing page is still 建设中.

// The service worker keeps the app shell for offline use in the field (production builds only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f6f3b' }, components: { Menu: { itemSelectedBg: '#e3f0e6', itemSelectedColor: '#1f6f3b' } } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/report" element={<PublicReportPage />} />
              <Route path="/entry/:code" element={<PublicEntryPage />} />
              <Route path="/m" element={<RequireAuth><MobilePage /></RequireAuth>} />
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                {notYetBuilt.map((path) => <Route key={path} path={path} element={<UnderConstruction />} />)}
                <Route path="/pests/surveys" element={<SurveysPage />} />
                <Route path="/pests/epidemic" element={<EpidemicPage />} />
                <Route path="/" element={<HomePage />} />
                <Route path="/map" element={<MapPage />} />
                <Route path="/problems" element={<ProblemListPage />} />
                <Route path="/problems/map" element={<ProblemMapPage />} />
                <Route path="/problems/statistics" element={<ProblemStatisticsPage />} />
                <Route path="/problems/interviews" element={<InterviewsPage />} />
                <Route path="/problems/import" element={<ProblemImportPage />} />
                <Route path="/ledger" element={<LedgerPage />} />
                <Route path="/ledger/parcels" element={<ParcelListPage />} />
                <Route path="/ledger/map" element={<LedgerMapPage />} />
                <Route path="/ledger/import" element={<ParcelImportPage />} />
                <Route path="/ledger/logging" element={<LoggingPage />} />
                <Route path="/ledger/changes" element={<LedgerChangesPage />} />
                <Route path="/ledger/compensation" element={<CompensationPage />} />
                <Route path="/ledger/trees" element={<TreesPage />} />
                <Route path="/fire/alarms" element={<FireAlarmsPage />} />
                <Route path="/pests/wildlife" element={<WildlifePage />} />
                <Route path="/fire/alarms/:id" element={<FireDetailPage />} />
                <Route path="/fire/devices" element={<DevicesPage />} />
                <Route path="/fire/infrastructure" element={<InfrastructurePage />} />
                <Route path="/ledger/land-use" element={<LandUsePage />} />
                <Route path="/fire/danger" element={<FireDangerPage />} />
                <Route path="/fire/weather" element={<FireWeatherPage />} />
                <Route path="/problems/patches" element={<PatchVerificationPage />} />
                <Route path="/problems/:id" element={<ProblemDetailPage />} />
                <Route path="/patrols" element={<PatrolsPage />} />
                <Route path="/patrols/compliance" element={<CompliancePage />} />
                <Route path="/admin/rules" element={<RulesPage />} />
                <Route path="/fire/bans" element={<FireBansPage />} />
                <Route path="/fire/entry" element={<FireEntryPage />} />
                <Route path="/pests" element={<DeadTreesPage />} />
                <Route path="/pests/sampling" element={<SamplingPage />} />
                <Route path="/pests/disaster" element={<DisasterPage />} />
                <Route path="/carbon" element={<CarbonPage />} />
                <Route path="/assessment" element={<AssessmentPage />} />
                <Route path="/dashboard" element={<DashboardPage />} />
                <Route path="/pests/quarantine" element={<QuarantinePage />} />
                <Route path="/patrols/effort" element={<EffortPage />} />
                <Route path="/patrols/coverage" element={<CoveragePage />} />
                <Route path="/patrols/reports" element={<ReportsPage />} />
                <Route path="/units" element={<UnitsPage />} />
                <Route path="/organisations" element={<OrganisationsPage />} />
                <Route path="/people" element={<PeoplePage />} />
                <Route path="/posts" element={<PostsPage />} />
                <Route path="/areas" element={<AreasPage />} />
                <Route path="/workplans" element={<WorkplansPage />} />
                <Route path="/workplans/:id" element={<WorkplanPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
