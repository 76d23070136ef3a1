import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readSettings, SettingsError, type Settings } from '../config/env.ts';
import { openMigratedStore } from '../store-from-env.ts';
import { buildApp } from '../http/app.ts';
import { createServices } from '../services.ts';
import { localFileStoreIn } from '../files/file-store.ts';
import { buildDemo, DEMO_ADMIN, DEMO_PASSWORD } from '../demo/build-demo.ts';
import { demoCounties } from '../demo/demo-counties.ts';
import { AuthRepository } from '../auth/repository.ts';
import { AuthService } from '../auth/service.ts';
import { roles, viewerOf, type Role } from '../auth/viewer.ts';
import { normaliseUnitCode } from '@linzhang/domain';
import { parseAsOf, runDueJobs } from '../jobs/runner.ts';
import { scheduledJobs } from '../jobs/scheduled-jobs.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { describeFwiCsvError, fwiCsv, parseLatitude, parseStart, type FwiCsvError } from '../fire/fwi-cli.ts';
import { startDeviceIngest } from '../fire/devices/start-ingest.ts';
import { previewPlanFile } from '../workplans/service.ts';
import { ruleActionNames, rulePeriodNames, ruleRoleNames, workPlanContract, type TargetOp } from '@linzhang/domain';

/** Parcels of the demo inventory per county (issue 5 §9: about the real county's 100,000); unlisted: 16 a village. */
const demoInventorySize: Record<string, number> = { '500242': 100_000 };

const usage = `用法 usage: linzhang <command> [options]

  serve   [--port 8080] [--host 0.0.0.0] [--data ./data] [--demo] [--no-jobs] [--no-mqtt]
                                                                      启动服务（--no-mqtt：不接入设备）
  demo    [--county 500242|500113] [--data ./data] [--list-users] [--no-activity] [--parcels N]
                                                                      生成示例区县（默认含一年巡林记录）
  migrate [--data ./data]                                             升级数据库结构
  jobs run [--as-of <ISO 时间>] [--data ./data]                      运行到该时间为止应运行的定时任务（无时区则按北京时间；重复运行无副作用）
  jobs list                                                          列出定时任务
  import parcels FILE [--attributes TABLE] [--year 2024] [--commit] [--data ./data]
                                                                      导入小班（GeoJSON / Shapefile 压缩包，可另附 .xlsx/.csv 属性表按小班号连接）：默认只校验，--commit 才写入
  workplan import FILE [--json] [--commit] [--year 2024] [--unit CODE] [--data ./data]
                                                                      导入工作要点（.txt / .docx）：拆分部分与任务、提取量化指标与职责建议；默认只预览，--commit 才写入（同一要点再次写入为新版本）；--json 只输出 JSON
  user create --username U --role R --unit CODE --password-stdin [--name N] [--data ./data]
  fire fwi --lat <度> [--start FFMC,DMC,DC] FILE.csv                 计算加拿大火险天气指数：读 YR,MON,DAY,TEMP,RH,WS,PREC 逐日气象，
                                                                      输出原表并追加 FFMC,DMC,DC,ISI,BUI,FWI,DSR（默认起算 85,6,15）

Every command uses PostgreSQL when DATABASE_URL is set, else SQLite in --data; photos are kept in <--data>/files either way.`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      fail(error.message);
      return 2;
    }
    throw error;
  }
  try {
    switch (command) {
      case 'serve':
        return await serve(settings, rest);
      case 'demo':
        return await demo(settings, rest);
      case 'migrate':
        return await migrate(settings, rest);
      case 'user':
        return await user(settings, rest);
      case 'jobs':
        return await jobs(settings, rest);
      case 'import':
        return await importCommand(settings, rest);
      case 'fire':
        return fireCommand(rest);
      case 'workplan':
        return await workplanCommand(settings, rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(usage);
        return command === undefined ? 2 : 0;
      default:
        fail(`未知命令 unknown command: ${command}\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      fail(`${error.message}\n\n${usage}`);
      return 2;
    }
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

async function serve(settings: Settings, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '0.0.0.0' },
      data: { type: 'string', default: './data' },
      demo: { type: 'boolean', default: false },
      'no-jobs': { type: 'boolean', default: false },
      'no-mqtt': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`--port must be 0–65535 (got ${values.port})`);
    return 2;
  }
  const store = await openMigratedStore(settings, values.data);
  out(`数据库 database: ${store.describe}`);
  if (values.demo) {
    const anyUnit = await store.db.selectFrom('units').select('code').limit(1).executeTakeFirst();
    if (!anyUnit) {
      out('正在生成示例区县（酉阳县）… building the demo county');
      const summary = await buildDemo(store, '500242', new Date(), { parcels: demoInventorySize['500242'] });
      out(`示例区县已生成：${summary.county.name}，${summary.towns} 个乡镇街道，${summary.villages} 个村（社区），${summary.users} 个账号，${summary.activity?.patrols ?? 0} 条巡林记录`);
    }
  }
  const services = createServices(store, settings, undefined, localFileStoreIn(values.data));
  const app = await buildApp({ services, engine: store.spatial.kind, secureCookie: settings.secureCookie });
  const scheduler = values['no-jobs'] ? null : startScheduler(store.db, scheduledJobs(store, services, settings), (line) => app.log.info(line));
  const devices = values['no-mqtt']
    ? (out('设备接入已关闭 devices off (--no-mqtt)'), null)
    : await startDeviceIngest(services.devices, settings, { embedded: store.spatial.kind === 'sqlite', host: values.host, say: out, log: out });
  const close = async () => {
    scheduler?.stop();
    await devices?.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port, host: values.host });
  const bound = app.server.address();
  const shownHost = ['0.0.0.0', '::', '127.0.0.1'].includes(values.host) ? 'localhost' : values.host;
  const shown = `http://${shownHost}:${typeof bound === 'object' && bound ? bound.port : port}`;
  if (values.demo) printDemoLogins();
  out(`林长制平台已启动 listening on ${shown}`);
  return 0;
}

function printDemoLogins(): void {
  out('示例账号 demo logins:');
  out(`  ${DEMO_ADMIN.username} / ${DEMO_ADMIN.password}   系统管理员（全市）`);
  out(`  chief-500242000000 / ${DEMO_PASSWORD}   酉阳县 区县级林长`);
  out(`  chief-500242101000 / ${DEMO_PASSWORD}   龙潭镇 镇街级林长`);
  out(`  office-500242101000 / ${DEMO_PASSWORD}   龙潭镇林业站（填报本镇负责的目标进度）`);
  out(`  chief-500242101200 / ${DEMO_PASSWORD}   包家村 村级林长`);
  out(`  ranger-500242101200-1 / ${DEMO_PASSWORD}   包家村 护林员`);
  out(`  supervisor-500242101200, instructor-500242101200 / ${DEMO_PASSWORD}`);
  out('  全部账号 all accounts: npx linzhang demo --list-users');
}

async function demo(settings: Settings, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      county: { type: 'string', default: '500242' },
      data: { type: 'string', default: './data' },
      'list-users': { type: 'boolean', default: false },
      'no-activity': { type: 'boolean', default: false },
      parcels: { type: 'string' },
    },
  });
  const parcels = values.parcels === undefined ? undefined : Number(values.parcels);
  if (parcels !== undefined && (!Number.isInteger(parcels) || parcels < 1 || parcels > 1_000_000)) {
    fail(`--parcels 应为 1–1000000 的整数（小班个数；默认酉阳县 100000 个，其余每村 16 个）（got ${values.parcels}）`);
    return 2;
  }
  const store = await openMigratedStore(settings, values.data);
  try {
    if (values['list-users']) {
      const users = await AuthRepository.listUsernames(store.db);
      if (users.length === 0) {
        fail('数据库中还没有账号：先运行 npx linzhang demo');
        return 1;
      }
      out(`用户名 username\t姓名 name\t角色 roles\t(密码 password: admin → ${DEMO_ADMIN.password}，其余示例账号 → ${DEMO_PASSWORD})`);
      for (const u of users) out(`${u.username}\t${u.name}\t${(JSON.parse(u.roles) as string[]).join(',')}`);
      return 0;
    }
    const code = values.county.slice(0, 6);
    if (!demoCounties[code] || !/^\d{6}(\d{6})?$/.test(values.county)) {
      fail(`--county 应为 ${Object.keys(demoCounties).join(' 或 ')}（got ${values.county}）`);
      return 2;
    }
    const started = Date.now();
    // With activity, Youyang gets a county-sized inventory (issue 5 §9); tests build the small one directly.
    const size = parcels ?? (values['no-activity'] ? undefined : demoInventorySize[code]);
    const summary = await buildDemo(store, code, new Date(), { activity: !values['no-activity'], ...(size === undefined ? {} : { parcels: size }) });
    if (summary.skipped) {
      out(`${summary.county.name} 的示例数据已存在，未重复生成。`);
      return 0;
    }
    out(
      `示例区县已生成：${summary.county.name}（${summary.county.code}），${summary.towns} 个乡镇街道，${summary.villages} 个村（社区），` +
        `${summary.rangers} 名护林员，${summary.users} 个账号` +
        (summary.activity ? `，一年巡林记录 ${summary.activity.patrols} 条（近一周 ${summary.activity.withTracks} 条带轨迹）、林长报告 ${summary.activity.reports} 份` : '') +
        (summary.problems ? `，问题 ${summary.problems.problems} 件（已销号 ${summary.problems.closed}，未办结 ${summary.problems.open}，督办 ${summary.problems.escalated}）` : '') +
        (summary.parcels ? `，小班 ${summary.parcels} 个` : '') +
        (summary.workplanTargets ? `，2024年工作要点（量化指标 ${summary.workplanTargets} 个）` : '') +
        (summary.workplanTracking?.tracked ? `，其中 ${summary.workplanTracking.tracked} 个已落实责任与度量，考核方案 ${summary.workplanTracking.schemes} 套` : '') +
        (summary.deadTrees ? `，松材线虫病疫木 ${summary.deadTrees} 株` : '') +
        (summary.logging ? `，采伐许可证 ${summary.logging.permits} 份（逾期未更新转问题 ${summary.logging.overdueReplanting} 件）` : '') +
        (summary.fires ? `，火情 ${summary.fires} 起` : '') +
        (summary.pestQuarantine ? `，其他病虫害发生记录 ${summary.pestQuarantine.occurrences} 条、调运检疫 ${summary.pestQuarantine.certificates} 份（不予签发 ${summary.pestQuarantine.refused} 份）` : '') +
        `，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    );
    out(`账号：chief-<12 位区划代码>、office-<乡镇代码>（林业站）、ranger-<村代码>-<序号>、supervisor-<村代码>、instructor-<村代码>，密码 ${DEMO_PASSWORD}；admin / ${DEMO_ADMIN.password}`);
    return 0;
  } finally {
    await store.close();
  }
}

async function migrate(settings: Settings, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string', default: './data' } } });
  const store = await openMigratedStore(settings, values.data);
  out(`数据库结构已是最新 migrated: ${store.describe}`);
  await store.close();
  return 0;
}

async function jobs(settings: Settings, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { 'as-of': { type: 'string' }, data: { type: 'string', default: './data' } } });
  if (sub !== 'run' && sub !== 'list') {
    fail('用法: linzhang jobs run [--as-of 2024-05-20T10:00] [--data DIR] | linzhang jobs list');
    return 2;
  }
  const asOf = values['as-of'] === undefined ? new Date().toISOString() : parseAsOf(values['as-of']);
  if (!asOf) {
    fail(`--as-of 应为 ISO 8601 时间，如 2024-05-20T10:00 或 2024-05-20T02:00:00Z（got ${values['as-of']}）`);
    return 2;
  }
  const store = await openMigratedStore(settings, values.data);
  try {
    const list = scheduledJobs(store, createServices(store, settings, () => new Date(asOf), localFileStoreIn(values.data)), settings);
    if (sub === 'list') {
      for (const j of list) out(`${j.name}\t每 ${j.everyMinutes} 分钟\t${j.title}`);
      return 0;
    }
    out(`定时任务 as of ${asOf}（${store.describe}）`);
    const outcomes = await runDueJobs(store.db, list, asOf);
    const label = { ran: '已运行', already_ran: '本时段已运行过，跳过', failed: '失败' } as const;
    for (const o of outcomes) out(`${o.job}\t${label[o.status]}\t${o.title}：${o.summary}`);
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `fire fwi`: a pure calculation, no database; a bad row or option is exit 1 with its reason on stderr. */
function fireCommand(argv: string[]): number {
  const [what, ...rest] = argv;
  // `--lat -20` would read as an unknown option: join a value that starts with '-' to its option.
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if ((a === '--lat' || a === '--start') && i + 1 < rest.length) args.push(`${a}=${rest[++i]}`);
    else args.push(a);
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lat: { type: 'string' }, start: { type: 'string' } } });
  if (what !== 'fwi' || positionals.length !== 1) {
    fail('用法: linzhang fire fwi --lat <度> [--start FFMC,DMC,DC] FILE.csv');
    return 2;
  }
  const stop = (error: FwiCsvError) => {
    fail(describeFwiCsvError(error));
    return 1;
  };
  const latitude = parseLatitude(values.lat);
  if (!latitude.ok) return stop(latitude.error);
  const start = parseStart(values.start);
  if (!start.ok) return stop(start.error);
  let text: string;
  try {
    text = readFileSync(positionals[0]!, 'utf8');
  } catch {
    fail(`无法读取文件 ${positionals[0]}`);
    return 1;
  }
  const result = fwiCsv(text, { latitude: latitude.value, start: start.value });
  if (!result.ok) return stop(result.error);
  process.stdout.write(result.value);
  return 0;
}

async function importCommand(settings: Settings, argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { year: { type: 'string', default: String(new Date().getFullYear()) }, commit: { type: 'boolean', default: false }, data: { type: 'string', default: './data' }, attributes: { type: 'string' } },
  });
  if (what !== 'parcels' || positionals.length !== 1) {
    fail('用法: linzhang import parcels FILE [--attributes TABLE.xlsx|.csv] [--year 2024] [--commit] [--data DIR]');
    return 2;
  }
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    fail(`--year 应为 1990–2100 的年份（got ${values.year}）`);
    return 2;
  }
  const file = positionals[0]!;
  let content: Uint8Array;
  try {
    content = new Uint8Array(readFileSync(file));
  } catch {
    fail(`无法读取文件 ${file}`);
    return 2;
  }
  let attributes: { fileName: string; content: Uint8Array } | undefined;
  if (values.attributes) {
    try {
      attributes = { fileName: basename(values.attributes), content: new Uint8Array(readFileSync(values.attributes)) };
    } catch {
      fail(`无法读取属性表 ${values.attributes}`);
      return 2;
    }
  }
  const store = await openMigratedStore(settings, values.data);
  try {
    const root = await store.db.selectFrom('units').select('code').where('parent_code', 'is', null).orderBy('code').executeTakeFirst();
    if (!root) {
      fail('数据库中还没有行政区划：先导入区划或运行 npx linzhang demo');
      return 1;
    }
    // The operator at the command line acts as an administrator of the whole deployment.
    const operator = viewerOf({ id: 'cli', username: 'cli', roles: ['admin'], scopeUnitCode: root.code });
    const result = await createServices(store, settings).parcelImports.run(operator, { fileName: basename(file), content, year, commit: values.commit, attributes });
    if (!result.ok) {
      fail(result.error.kind === 'invalid' ? result.error.errors.map((e) => e.message).join('\n') : result.error.kind);
      return 1;
    }
    const r = result.value;
    out(`${r.fileName}（${r.crs}），${r.year} 年度：共 ${r.rows.length} 个小班，可导入 ${r.accepted} 个，有误 ${r.rejected} 个`);
    if (r.attributes) out(`属性表 ${r.attributes.fileName}：${r.attributes.rows} 行，连接上 ${r.attributes.matched} 行`);
    for (const f of r.fileFindings) out(`文件\t${f.severity === 'error' ? '错误' : '提示'}\t${f.message}`);
    for (const row of r.rows) {
      for (const f of row.findings) out(`第 ${row.row} 行\t${f.severity === 'error' ? '错误' : '提示'}\t${f.field ? `${f.field}：` : ''}${f.message}`);
    }
    out(r.committed ? `已写入 ${r.created} 个小班。` : r.accepted ? '未写入：确认无误后加 --commit 写入可导入的小班。' : '没有可导入的小班。');
    return r.fileFindings.some((f) => f.severity === 'error') || (r.rejected > 0 && !r.committed && r.accepted === 0) ? 1 : 0;
  } finally {
    await store.close();
  }
}

const opSign: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '=': '=' };

async function workplanCommand(settings: Settings, argv: string[]): Promise<number> {
  const [what, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, commit: { type: 'boolean', default: false }, year: { type: 'string' }, unit: { type: 'string' }, data: { type: 'string', default: './data' } },
  });
  if (what !== 'import' || positionals.length !== 1) {
    fail('用法: linzhang workplan import FILE.txt|FILE.docx [--json] [--commit] [--year 2024] [--unit 区县代码] [--data DIR]');
    return 2;
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
    fail(`--year 应为 1990–2100 的年份（got ${values.year}）`);
    return 2;
  }
  const file = positionals[0]!;
  let content: Uint8Array;
  try {
    content = new Uint8Array(readFileSync(file));
  } catch {
    fail(`无法读取文件 ${file}（文件不存在或没有读取权限）`);
    return 1;
  }
  const read = previewPlanFile({ fileName: basename(file), content, year });
  if (!read.ok) {
    fail(read.error.kind === 'invalid' ? read.error.errors.map((e) => e.message).join('\n') : read.error.kind);
    return 1;
  }
  const plan = read.value;
  // With --json, stdout carries the JSON alone; everything a person should read goes to stderr.
  const note = values.json ? fail : out;
  for (const f of plan.fileFindings) note(`提示\t${f}`);
  for (const f of plan.findings) note(`${f.severity === 'warning' ? '注意' : '提示'}\t第 ${f.line} 行：${f.message}`);
  if (values.json) {
    out(JSON.stringify(workPlanContract(plan), null, 2));
  } else {
    const tasks = plan.sections.flatMap((s) => s.tasks);
    out(`${plan.title ?? basename(file)}（${plan.year ?? '年度未知'}）：${plan.sections.length} 个部分，${tasks.length} 项任务，量化指标 ${tasks.reduce((n, t) => n + t.targets.length, 0)} 个，职责建议 ${tasks.reduce((n, t) => n + t.rules.length, 0)} 条`);
    for (const s of plan.sections) {
      out(`${s.number ?? ''}${s.title}`);
      for (const t of s.tasks) {
        if (!t.targets.length && !t.rules.length && !t.deadline) continue;
        out(`  ${t.number ?? ''}${t.title}${t.deadline ? `（期限 ${t.deadline}）` : ''}`);
        for (const g of t.targets) out(`    指标\t${g.subject}\t${opSign[g.op]} ${g.value} ${g.unit}`);
        for (const r of t.rules) out(`    职责\t${r.role ? ruleRoleNames[r.role] : '（未写明角色）'}\t每${rulePeriodNames[r.period]}${ruleActionNames[r.action]}至少 ${r.min} 次`);
      }
    }
  }
  if (!values.commit) {
    if (!values.json) out('未写入：核对无误后加 --commit 写入（网页“工作要点”可逐条核对、修改后再确认）。');
    return 0;
  }
  const store = await openMigratedStore(settings, values.data);
  try {
    const root = await store.db.selectFrom('units').select('code').where('parent_code', 'is', null).orderBy('code').executeTakeFirst();
    if (!root) {
      fail('数据库中还没有行政区划：先导入区划或运行 npx linzhang demo');
      return 1;
    }
    // The plan is a county's (--unit, or the only county in the database); the operator acts as an administrator.
    let unitCode = values.unit;
    if (unitCode === undefined) {
      const counties = await store.db.selectFrom('units').select('code').where('level', '=', 'county').orderBy('code').execute();
      if (counties.length !== 1) {
        fail(`数据库中有 ${counties.length} 个区县：请用 --unit 指定要点所属单位的 12 位区划代码`);
        return 2;
      }
      unitCode = counties[0]!.code;
    }
    const operator = viewerOf({ id: 'cli', username: 'cli', roles: ['admin'], scopeUnitCode: root.code });
    const result = await createServices(store, settings).workplans.importFile(operator, { fileName: basename(file), content, year, commit: true, unitCode });
    if (!result.ok) {
      fail(result.error.kind === 'invalid' ? result.error.errors.map((e) => e.message).join('\n') : result.error.kind);
      return 1;
    }
    const stored = result.value.stored!;
    note(`已写入：${stored.title}（${stored.year}，${stored.unitName}）第 ${stored.version} 版，量化指标 ${stored.targets} 个，职责建议 ${stored.rules} 条，编号 ${stored.id}`);
    return 0;
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function user(settings: Settings, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') {
    fail(`用法: linzhang user create --username U --role R --unit CODE --password-stdin`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      data: { type: 'string', default: './data' },
    },
  });
  const problems: string[] = [];
  if (!values.username || !/^[A-Za-z0-9._-]{2,64}$/.test(values.username)) problems.push('--username: 2–64 个字母、数字或 ._-');
  const roleList = (values.role ?? []).flatMap((r) => r.split(','));
  if (roleList.length === 0 || roleList.some((r) => !(roles as readonly string[]).includes(r))) problems.push(`--role: ${roles.join(' | ')}`);
  const unit = normaliseUnitCode(values.unit ?? '');
  if (!unit.ok) problems.push(`--unit: ${unit.error}`);
  if (!values['password-stdin']) problems.push('--password-stdin: 密码须从标准输入读取（不提供交互输入）');
  if (problems.length) {
    fail(problems.join('\n'));
    return 2;
  }
  const password = await readStdin();
  const store = await openMigratedStore(settings, values.data);
  try {
    const result = await new AuthService(store, settings).createUser({
      username: values.username!,
      name: values.name ?? values.username!,
      password,
      roles: roleList as Role[],
      scopeUnitCode: unit.ok ? unit.value : '',
      actorId: null,
    });
    if (!result.ok) {
      const e = result.error;
      fail(e.kind === 'invalid' ? e.errors.map((x) => `${x.field}: ${x.message}`).join('\n') : e.kind === 'conflict' ? e.message : e.kind);
      return 1;
    }
    out(`已创建账号 created: ${result.value.username}（${result.value.roles.join(',')}，范围 ${result.value.scopeUnit.name}）`);
    return 0;
  } finally {
    await store.close();
  }
}
