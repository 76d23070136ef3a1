import type { Store } from '../db/connect.ts';
import type { Settings } from '../config/env.ts';
import type { Services } from '../services.ts';
import { deliverWebhooks } from '../notifications/webhook.ts';
import { sendDutyReminders } from './duty-reminders.ts';
import { snapshotResponsibility } from '../ledger/responsibility-snapshots.ts';
import type { ScheduledJob } from './runner.ts';

/** Every scheduled job of the server (DESIGN.md: compliance, overdue escalation, …), in the order they run. */
export function scheduledJobs(store: Store, services: Services, settings: Settings): ScheduledJob[] {
  return [
    {
      name: 'problem-deadlines',
      title: '问题到期提醒、逾期督办与约谈',
      everyMinutes: 15,
      async run(asOf) {
        const r = await services.problemEscalation.run(asOf);
        return `到期提醒 ${r.dueSoon} 件，督办 ${r.escalated} 次，约谈 ${r.interviews} 条${r.skipped ? `，${r.skipped} 件因同时被修改留待下次` : ''}`;
      },
    },
    {
      name: 'duty-reminders',
      title: '巡林与报告职责到期提醒',
      everyMinutes: 24 * 60,
      async run(asOf) {
        const roots = await store.db.selectFrom('units').select('code').where('parent_code', 'is', null).execute();
        let reminded = 0;
        for (const root of roots) reminded += (await sendDutyReminders(store, services.compliance, root.code, asOf)).reminded;
        return `提醒 ${reminded} 人次`;
      },
    },
    {
      name: 'replanting-deadlines',
      title: '采伐迹地更新期限检查（逾期转为问题）',
      everyMinutes: 24 * 60,
      async run(asOf) {
        const r = await services.logging.openOverdueReplanting(asOf);
        return `逾期未更新 ${r.opened} 件转为问题`;
      },
    },
    {
      name: 'fire-ban-suggestions',
      title: '火险等级连续偏高时建议发布禁火令',
      everyMinutes: 24 * 60,
      async run(asOf) {
        const r = await services.fireBans.runSuggestions(asOf);
        return r.skipped ? `${r.skipped}，跳过` : `新建议 ${r.created} 条，更新 ${r.updated} 条`;
      },
    },
    {
      name: 'forest-entry-purge',
      title: '删除保存期满的入林登记个人信息（保留统计数）',
      everyMinutes: 24 * 60,
      async run(asOf) {
        const r = await services.forestEntry.purge(asOf);
        return `删除 ${r.purged} 条登记的个人信息（${r.before.slice(0, 10)} 前入林）`;
      },
    },
    {
      name: 'device-silence',
      title: '设备离线检查（超过规定时间无消息即报离线并通知）',
      everyMinutes: 5,
      async run(asOf) {
        const r = await services.devices.markSilentOffline(asOf);
        return `新离线设备 ${r.offline} 台，通知 ${r.notified} 人次`;
      },
    },
    {
      name: 'fire-response-timers',
      title: '火情“135”处置计时超时提醒',
      everyMinutes: 1,
      async run(asOf) {
        const r = await services.fireTimerAlerts.run(asOf);
        return `超时计时器 ${r.alerts} 个，提醒 ${r.recipients} 人次`;
      },
    },
    {
      name: 'pest-overdue-steps',
      title: '疫木检测、新发疫情报告与除害处理逾期检查（逾期转为问题）',
      everyMinutes: 60,
      async run(asOf) {
        const r = await services.deadTrees.openOverdue(asOf);
        return `逾期 ${r.opened} 件转为问题（检测结果 ${r.byDuty.written_result}，电话报告 ${r.byDuty.phone_report}，书面报告 ${r.byDuty.written_report}，除害处理 ${r.byDuty.disposal}）`;
      },
    },
    {
      name: 'webhook-delivery',
      title: '推送外部通知（Webhook）',
      everyMinutes: 1,
      async run(asOf) {
        if (!settings.webhookUrl) return '未配置 Webhook，跳过';
        const r = await deliverWebhooks(store.db, { url: settings.webhookUrl, secret: settings.webhookSecret }, asOf);
        return `送达 ${r.delivered} 条，失败 ${r.failed} 条，待发 ${r.pending} 条`;
      },
    },
    {
      name: 'fire-danger-rerate',
      title: '按现行火险等级表重新评定今天及预报日的火险等级',
      everyMinutes: 60,
      async run(asOf) {
        const r = await services.fireWeather.rerateFrom(new Date(Date.parse(asOf) + 8 * 3_600_000).toISOString().slice(0, 10));
        return `重新评定 ${r.units} 个区划`;
      },
    },
    {
      name: 'weather-pull',
      title: '从气象数据源拉取火险气象（北京时间每日 12 时后）',
      // Two slots a day (00:00 and 12:00 Shanghai): the morning one is skipped, so the pull happens once after noon.
      everyMinutes: 12 * 60,
      async run(asOf) {
        if (!settings.weatherUrl) return '未配置气象数据源，跳过';
        if (new Date(Date.parse(asOf) + 8 * 3_600_000).getUTCHours() < 12) return '上午不拉取，12 时后拉取';
        const r = await services.fireWeather.pull(null, 'schedule');
        return r.ok ? r.value.summary : '拉取未执行';
      },
    },
    {
      name: 'responsibility-snapshots',
      title: '各乡镇管护责任覆盖率核算（供区县汇总）',
      everyMinutes: 24 * 60,
      async run(asOf) {
        const r = await snapshotResponsibility(store, new Date(asOf).toISOString());
        const skipped = r.skipped.length ? `；未能核算 ${r.skipped.length} 项：${r.skipped.slice(0, 5).map((x) => `${x.unitCode}（${x.year} 年度）${x.reason}`).join('，')}${r.skipped.length > 5 ? ' 等' : ''}` : '';
        return `核算 ${r.towns} 个乡镇、${r.figures} 个年度结果${skipped}`;
      },
    },
    {
      name: 'workplan-overdue-reports',
      title: '工作要点进度报告逾期督办（报告期结束仍未报告即通知责任人与林业局）',
      everyMinutes: 60,
      async run(asOf) {
        const r = await services.workplanOverdueReports.run(asOf);
        return `督办 ${r.urged} 期进度报告，通知 ${r.notified} 人次`;
      },
    },
    {
      name: 'wildlife-missing-reports',
      title: '疫源疫病监测日报缺报检查（截止时间后仍未报送即标记并通知监管员）',
      // Hourly: the cut-off is a rule (default 15:00), so the first run after it flags the day.
      everyMinutes: 60,
      async run(asOf) {
        const r = await services.wildlifeMissingReports.run(asOf);
        return `新缺报 ${r.flagged} 站日，通知监管员 ${r.notified} 人次`;
      },
    },
  ];
}
