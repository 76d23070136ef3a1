import ExcelJS from 'exceljs';
import { infrastructureConditionNames, infrastructureKindInfo, infrastructureStatusNames } from '@linzhang/domain';
import { success, type ServiceResult } from '../../http/problem.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { FireInfrastructureService, ItemFilterInput } from './service.ts';
import type { TenHouseholdGroupService } from './groups-service.ts';
import type { InfrastructureTargetService } from './targets-service.ts';

const progressNames = { met: '已完成', ahead: '进度正常', behind: '滞后' } as const;

/** The register as one Excel workbook: the works, the 十户联防 groups, and this year's progress against targets. */
export class InfrastructureExportService {
  constructor(
    private readonly works: FireInfrastructureService,
    private readonly groups: TenHouseholdGroupService,
    private readonly targets: InfrastructureTargetService,
  ) {}

  async workbook(viewer: Viewer, input: ItemFilterInput & { year?: number | undefined }): Promise<ServiceResult<{ buffer: Buffer; filename: string }>> {
    const works = await this.works.list(viewer, { ...input, limit: 100_000, offset: 0 });
    if (!works.ok) return works;
    const groups = await this.groups.list(viewer, { unit: input.unit, limit: 100_000, offset: 0 });
    if (!groups.ok) return groups;
    const summary = await this.targets.summary(viewer, { unit: input.unit, year: input.year });
    if (!summary.ok) return summary;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('防火设施');
    sheet.addRow(['类型', '名称', '所属区划', '长度(公里)', '经度', '纬度', '建成年份', '状态', '完好状况', '容量(立方米)', '备注']).font = { bold: true };
    for (const w of works.value.items) {
      sheet.addRow([infrastructureKindInfo[w.kind].name, w.name, w.unitName, w.lengthM === null ? '' : Math.round(w.lengthM) / 1000, w.anchor[0], w.anchor[1], w.builtYear ?? '',
        infrastructureStatusNames[w.status], w.condition ? infrastructureConditionNames[w.condition] : '', w.capacityM3 ?? '', w.note ?? '']);
    }
    sheet.columns.forEach((c, i) => { c.width = [16, 24, 12, 11, 12, 12, 10, 8, 9, 12, 24][i]; });
    const g = book.addWorksheet('十户联防');
    g.addRow(['村', '联防组', '组长', '组长电话', '户数', '成员户', '成立年份']).font = { bold: true };
    for (const x of groups.value.items) g.addRow([x.unitName, x.name, x.headName, x.headPhone, x.householdCount, x.members.join('、'), x.formedYear ?? '']);
    g.columns.forEach((c, i) => { c.width = [12, 18, 10, 14, 6, 40, 10][i]; });
    const s = book.addWorksheet(`${summary.value.year}年目标完成`);
    s.addRow(['区划', '类型', '单位', '完成', '在建', '目标', '目标口径', '按时序应完成', '进度', '目标来源']).font = { bold: true };
    for (const u of summary.value.units) {
      for (const p of u.progress) {
        const info = infrastructureKindInfo[p.kind];
        const round = (v: number) => (info.measure === 'km' ? Math.round(v * 1000) / 1000 : Math.round(v * 10) / 10);
        s.addRow([u.unitName, info.name, info.unitLabel, round(p.actual), round(p.building), p.target ?? '', p.basis === 'new' ? '当年新建' : p.basis === 'total' ? '年末累计' : '',
          p.expected === null ? '' : round(p.expected), p.status ? progressNames[p.status] : '', p.sources.join('；')]);
      }
    }
    s.columns.forEach((c, i) => { c.width = [12, 16, 6, 9, 7, 7, 10, 12, 9, 60][i]; });
    return success({ buffer: Buffer.from(await book.xlsx.writeBuffer()), filename: '防火设施台账.xlsx' });
  }
}
