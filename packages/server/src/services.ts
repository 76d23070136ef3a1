import type { Store } from './db/connect.ts';
import type { Settings } from './config/env.ts';
import { readNow } from './http/read-memo.ts';
import { AuthService } from './auth/service.ts';
import { UnitService } from './units/service.ts';
import { OrganisationService } from './organisations/service.ts';
import { PersonService } from './people/service.ts';
import { PostService } from './posts/service.ts';
import { AreaService } from './areas/service.ts';
import { TileService } from './tiles/service.ts';
import { PatrolService } from './patrols/service.ts';
import { ComplianceService } from './patrols/compliance-service.ts';
import { RuleService } from './rules/service.ts';
import { EffortService } from './patrols/effort-service.ts';
import { CoverageService } from './patrols/coverage-service.ts';
import { DutyReportService } from './reports/service.ts';
import { ProblemService } from './problems/service.ts';
import { ProblemEscalationService } from './problems/escalation-service.ts';
import { InboxService } from './notifications/service.ts';
import { ProblemStatisticsService } from './problems/statistics-service.ts';
import { ProblemImportService } from './problems/import-service.ts';
import { FileService } from './files/service.ts';
import { ParcelImportService } from './ledger/parcel-import-service.ts';
import { LedgerService } from './ledger/statistics-service.ts';
import { LoggingService } from './ledger/logging-service.ts';
import { ScatteredTreeService } from './ledger/scattered-trees.ts';
import { CompensationService } from './compensation/service.ts';
import { AncientTreeService } from './trees/service.ts';
import { LandUseService } from './land-use/service.ts';
import { FireBanService } from './fire/bans/service.ts';
import { ForestEntryService } from './fire/entry/service.ts';
import { FireWeatherService } from './fire/weather/service.ts';
import { FireDangerService } from './fire/weather/danger-service.ts';
import { DeviceService } from './fire/devices/service.ts';
import { FireAlarmService } from './fire/alarms/service.ts';
import { HotspotImportService } from './fire/alarms/hotspot-import-service.ts';
import { FireStatisticsService } from './fire/alarms/statistics-service.ts';
import { FireTimerAlertService } from './fire/alarms/timer-alerts.ts';
import { WorkPlanService } from './workplans/service.ts';
import { MemoryFileStore, type FileStore } from './files/file-store.ts';
import { FireInfrastructureService } from './fire/infrastructure/service.ts';
import { TenHouseholdGroupService } from './fire/infrastructure/groups-service.ts';
import { InfrastructureTargetService } from './fire/infrastructure/targets-service.ts';
import { InfrastructureImportService } from './fire/infrastructure/import-service.ts';
import { InfrastructureExportService } from './fire/infrastructure/export-service.ts';
import type { InfrastructureServices } from './fire/infrastructure/routes.ts';
import { DeadTreeService } from './pests/dead-trees/service.ts';
import { DeadTreeImportService } from './pests/dead-trees/import-service.ts';
import { CarbonService } from './carbon/service.ts';
import { PestOccurrenceService } from './pests/occurrences/service.ts';
import { DisasterRateService } from './pests/occurrences/disaster-rate-service.ts';
import { QuarantineService } from './pests/quarantine/service.ts';
import { SurveyService } from './pests/surveys/service.ts';
import { EpidemicService } from './pests/epidemic/service.ts';
import { WildlifeStationService } from './wildlife/station-service.ts';
import { WildlifeReportService } from './wildlife/report-service.ts';
import { BoarDamageService } from './wildlife/boar-damage-service.ts';
import { WildlifeMissingReportJob } from './wildlife/missing-report-job.ts';
import type { WildlifeServices } from './wildlife/routes.ts';
import { IndicatorService } from './indicators/service.ts';
import { WorkPlanTargetService } from './workplans/target-service.ts';
import { WorkPlanOverdueReportJob } from './workplans/overdue-report-job.ts';
import { AssessmentService } from './assessment/service.ts';
import { DashboardService } from './dashboard/service.ts';

export interface Services {
  auth: AuthService;
  units: UnitService;
  organisations: OrganisationService;
  people: PersonService;
  posts: PostService;
  areas: AreaService;
  tiles: TileService;
  patrols: PatrolService;
  compliance: ComplianceService;
  rules: RuleService;
  effort: EffortService;
  coverage: CoverageService;
  dutyReports: DutyReportService;
  problems: ProblemService;
  problemEscalation: ProblemEscalationService;
  inbox: InboxService;
  problemStatistics: ProblemStatisticsService;
  problemImports: ProblemImportService;
  files: FileService;
  parcelImports: ParcelImportService;
  ledger: LedgerService;
  logging: LoggingService;
  scatteredTrees: ScatteredTreeService;
  compensation: CompensationService;
  trees: AncientTreeService;
  landUse: LandUseService;
  fireBans: FireBanService;
  forestEntry: ForestEntryService;
  fireWeather: FireWeatherService;
  fireDanger: FireDangerService;
  devices: DeviceService;
  fireAlarms: FireAlarmService;
  fireHotspots: HotspotImportService;
  fireStatistics: FireStatisticsService;
  fireTimerAlerts: FireTimerAlertService;
  /** Fire-prevention works, 十户联防 groups, targets (issue 6 §7). */
  fireInfrastructure: InfrastructureServices;
  workplans: WorkPlanService;
  /** The pine-wilt dead-tree register (issue 7 §1–§2). */
  deadTrees: DeadTreeService;
  deadTreeImports: DeadTreeImportService;
  /** Forest carbon stock, sink and the towns' carbon balance (issue 8 §4). */
  carbon: CarbonService;
  /** Other pests' occurrences and the disaster rate (issue 7 §5). */
  pestOccurrences: PestOccurrenceService;
  disasterRate: DisasterRateService;
  /** Origin and transport quarantine (issue 7 §6). */
  quarantine: QuarantineService;
  pestSurveys: SurveyService;
  epidemic: EpidemicService;
  /** Wildlife epidemic monitoring stations, daily reports, boar damage (issue 7 §7). */
  wildlife: WildlifeServices;
  wildlifeMissingReports: WildlifeMissingReportJob;
  /** The indicators targets, the assessment and the dashboard read (issue 8). */
  indicators: IndicatorService;
  /** Plan targets: owners, measure, progress reports, 督办 and 销号 (issue 8 §2). */
  workplanTargets: WorkPlanTargetService;
  workplanOverdueReports: WorkPlanOverdueReportJob;
  /** Town and chief assessment on 100 points (issue 8 §3). */
  assessment: AssessmentService;
  /** The leadership dashboard (issue 8 §5). */
  dashboard: DashboardService;
}

/**
 * All services over one store; `clock` is the clock every service reads (tests pass a fixed one). File bytes go
 * to `fileStore` (the commands pass `localFileStoreIn(--data)`; the default keeps them in memory, for tests).
 */
export function createServices(store: Store, settings: Settings, clock: () => Date = () => new Date(), fileStore: FileStore = new MemoryFileStore()): Services {
  // Inside one view of many reads (withReadMemo, the dashboard) every service's clock stands at the view's instant.
  const now = () => readNow(clock);
  const tiles = new TileService(store, undefined, undefined, now);
  const rules = new RuleService(store, now);
  const problems = new ProblemService(store, now, rules, settings);
  const files = new FileService(store, fileStore, now);
  files.addReadCheck((viewer, fileId) => problems.canSeeFile(viewer, fileId));
  const patrols = new PatrolService(store, now, rules);
  files.addReadCheck((viewer, fileId) => patrols.canSeeFile(viewer, fileId));
  const fireAlarms = new FireAlarmService(store, now, rules, problems);
  const ledger = new LedgerService(store);
  const trees = new AncientTreeService(store, now, () => tiles.invalidate('trees'));
  files.addReadCheck((viewer, fileId) => trees.canSeeFile(viewer, fileId));
  const fireDanger = new FireDangerService(store, now);
  // Ban suggestions read the daily fire danger levels of fire-weather (contract B).
  const fireBans = new FireBanService(store, now, rules, fireDanger);
  const works = new FireInfrastructureService(store, now, () => tiles.invalidate('infrastructure'));
  files.addReadCheck((viewer, fileId) => works.canSeeFile(viewer, fileId));
  const infrastructureGroups = new TenHouseholdGroupService(store, now);
  const infrastructureTargets = new InfrastructureTargetService(store, now);
  const deadTrees = new DeadTreeService(store, now, rules, problems);
  files.addReadCheck((viewer, fileId) => deadTrees.canSeeFile(viewer, fileId));
  // The epidemic board reads the town-year survey record the surveys derive.
  const pestSurveys = new SurveyService(store, now, rules);
  const compliance = new ComplianceService(store, now, rules);
  const problemStatistics = new ProblemStatisticsService(store, now);
  const fireStatistics = new FireStatisticsService(store, now, ledger);
  const disasterRate = new DisasterRateService(store, rules, ledger);
  const wildlifeReports = new WildlifeReportService(store, now, rules, problems);
  const indicators = new IndicatorService(store, now, {
    compliance, problemStatistics, ledger, disasterRate, fireStatistics, infrastructureTargets, wildlifeReports,
  });
  const workplanTargets = new WorkPlanTargetService(store, now, indicators);
  const assessment = new AssessmentService(store, now, indicators, compliance);
  files.addReadCheck((viewer, fileId) => workplanTargets.canSeeFile(viewer, fileId));
  return {
    auth: new AuthService(store, settings, now),
    units: new UnitService(store, () => tiles.invalidate('units'), now),
    organisations: new OrganisationService(store, now),
    people: new PersonService(store, now),
    posts: new PostService(store, now),
    areas: new AreaService(store, () => tiles.invalidate('areas'), now),
    tiles,
    patrols,
    compliance,
    rules,
    effort: new EffortService(store, now),
    coverage: new CoverageService(store, now),
    dutyReports: new DutyReportService(store, now),
    problems,
    problemEscalation: new ProblemEscalationService(store, rules, settings),
    inbox: new InboxService(store, now),
    problemStatistics,
    problemImports: new ProblemImportService(store, now, problems),
    files,
    parcelImports: new ParcelImportService(store, now, (year) => tiles.invalidateParcels(year)),
    ledger,
    logging: new LoggingService(store, now, problems),
    scatteredTrees: new ScatteredTreeService(store, now),
    compensation: new CompensationService(store, now),
    trees,
    landUse: new LandUseService(store, now, () => tiles.invalidate('land_use')),
    fireBans,
    forestEntry: new ForestEntryService(store, now, rules, fireBans),
    fireWeather: new FireWeatherService(store, now, rules, settings.weatherUrl),
    fireDanger,
    // Device alarms become fire records through contract C.
    devices: new DeviceService(store, now, rules, fireAlarms, settings.mqttTopicRoot),
    fireAlarms,
    fireHotspots: new HotspotImportService(store, now, fireAlarms),
    fireStatistics,
    fireTimerAlerts: new FireTimerAlertService(store, rules),
    fireInfrastructure: {
      works, groups: infrastructureGroups, targets: infrastructureTargets, imports: new InfrastructureImportService(works),
      exports: new InfrastructureExportService(works, infrastructureGroups, infrastructureTargets),
    },
    workplans: new WorkPlanService(store, now, rules),
    deadTrees,
    deadTreeImports: new DeadTreeImportService(store, now),
    carbon: new CarbonService(store, now, rules),
    pestOccurrences: new PestOccurrenceService(store, now),
    disasterRate,
    quarantine: new QuarantineService(store, now),
    pestSurveys,
    epidemic: new EpidemicService(store, now, rules, pestSurveys),
    wildlife: { stations: new WildlifeStationService(store, now), reports: wildlifeReports, boar: new BoarDamageService(store, now, problems) },
    wildlifeMissingReports: new WildlifeMissingReportJob(store, rules),
    indicators,
    workplanTargets,
    workplanOverdueReports: new WorkPlanOverdueReportJob(store),
    assessment,
    dashboard: new DashboardService(store, now, { indicators, workplanTargets, problems, fireDanger, fireAlarms, deadTrees, assessment }),
  };
}
