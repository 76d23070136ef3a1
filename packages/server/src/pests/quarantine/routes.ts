import { Type } from '@sinclair/typebox';
import { originInspectionResults, originSiteKinds, quantityUnits, quarantineProducts, quarantineTreatments } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { Id, IdParams, IsoDate, Page, PageQuery, Strict, UnitCode, checkCalendarDates, lit } from '../../http/schemas.ts';
import type { QuarantineService } from './service.ts';

const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '年度' });
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Quantity = Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: '数量' });

const Inspection = Type.Object({
  id: Type.String(), inspectionNo: Type.String(), unitCode: Type.String(), unitName: Type.String(), siteName: Type.String(), siteKind: lit(originSiteKinds),
  subject: Type.String(), quantity: Nullable(Type.Number()), quantityUnit: Type.Union([lit(quantityUnits), Type.Null()]), inspectedOn: Type.String(), inspector: Type.String(),
  result: lit(originInspectionResults), pestsFound: Nullable(Type.String()), measures: Nullable(Type.String()), validUntil: Nullable(Type.String()), note: Nullable(Type.String()),
  createdAt: Type.String(),
});
const Refusal = Type.Object({ code: lit(['epidemic_untreated', 'permit_without_approval'] as const), field: Type.String(), message: Type.String() });
const Consignment = Type.Object({
  position: Type.Integer(), product: lit(quarantineProducts), species: Type.String(), quantity: Type.Number(), quantityUnit: lit(quantityUnits), originUnitCode: Type.String(),
  originUnitName: Type.String(), originParcelId: Nullable(Type.String()), originParcelNo: Nullable(Type.String()), permitId: Nullable(Type.String()), permitNo: Nullable(Type.String()),
  pestApproval: Nullable(Type.String()), epidemicPoint: Nullable(Type.String({ description: '调运日产地乡镇为疫点时的乡镇名' })), treatment: lit(quarantineTreatments),
  treatmentNote: Nullable(Type.String()),
});
const Certificate = Type.Object({
  id: Type.String(), certificateNo: Nullable(Type.String({ description: '证书编号；不予签发时为空' })), unitCode: Type.String(), unitName: Type.String(),
  status: lit(['issued', 'refused'] as const), shipOn: Type.String(), validFrom: Type.String(), validTo: Type.String(), consignor: Type.String(), consignee: Type.String(),
  destination: Type.String(), carrier: Type.String(), vehicleNo: Type.String(), originInspectionId: Nullable(Type.String()), originInspectionNo: Nullable(Type.String()),
  refusals: Type.Array(Refusal), note: Nullable(Type.String()), createdAt: Type.String(), consignments: Type.Array(Consignment),
});
const CertificateBody = Strict({
  unitCode: UnitCode, shipOn: IsoDate, validFrom: IsoDate, validTo: IsoDate,
  consignor: Text(100, '发货人（托运人）'), consignee: Text(100, '收货人'), destination: Text(200, '调运目的地'), carrier: Text(100, '承运人'),
  vehicleNo: Text(20, '运输工具牌号'), originInspectionId: Type.Optional(Id), note: Type.Optional(Type.String({ maxLength: 1000 })),
  consignments: Type.Array(Strict({
    product: lit(quarantineProducts), species: Text(50, '树种或品名'), quantity: Quantity, quantityUnit: lit(quantityUnits),
    originUnitCode: Type.Optional(UnitCode), originParcelId: Type.Optional(Id), permitNo: Type.Optional(Text(40, '采伐许可证编号（木材来自采伐时）')),
    treatment: lit(quarantineTreatments), treatmentNote: Type.Optional(Type.String({ maxLength: 500, description: '除害处理方式、条件与时间' })),
  }), { maxItems: 50 }),
});
const ListQuery = { ...PageQuery, unit: Type.Optional(UnitCode), year: Type.Optional(Year) };

export async function quarantineRoutes(app: TypedApp, quarantine: QuarantineService): Promise<void> {
  app.get('/api/pests/quarantine/origin-inspections', {
    schema: {
      tags: ['pests'], summary: '产地检疫记录列表（苗圃、木材经营加工场所等）', querystring: Strict({ ...ListQuery, result: Type.Optional(lit(originInspectionResults)) }),
      response: { 200: Page(Inspection) },
    },
  }, async (request) => unwrap(await quarantine.listInspections(viewer(request), { ...request.query, status: request.query.result })));
  app.get('/api/pests/quarantine/origin-inspections/:id', { schema: { tags: ['pests'], summary: '产地检疫记录详情', params: IdParams, response: { 200: Inspection } } },
    async (request) => unwrap(await quarantine.getInspection(viewer(request), request.params.id)));
  app.post('/api/pests/quarantine/origin-inspections', {
    schema: {
      tags: ['pests'], summary: '登记产地检疫（检疫地点、对象、结果；不合格须写明发现的有害生物）',
      body: Strict({
        unitCode: UnitCode, siteName: Text(100, '生产、经营场所名称'), siteKind: lit(originSiteKinds), subject: Text(200, '检疫的植物或植物产品'),
        quantity: Type.Optional(Quantity), quantityUnit: Type.Optional(lit(quantityUnits)), inspectedOn: IsoDate, inspector: Text(50, '检疫员'),
        result: lit(originInspectionResults), pestsFound: Type.Optional(Type.String({ maxLength: 500 })), measures: Type.Optional(Type.String({ maxLength: 500, description: '处理意见' })),
        validUntil: Type.Optional(IsoDate), note: Type.Optional(Type.String({ maxLength: 1000 })),
      }),
      response: { 201: Inspection },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['inspectedOn', 'validUntil']);
    return reply.code(201).send(unwrap(await quarantine.createInspection(viewer(request), request.body)));
  });
  app.get('/api/pests/quarantine/certificates', {
    schema: {
      tags: ['pests'], summary: '调运检疫证书（含不予签发的申请及理由）列表，按调运日期倒序',
      querystring: Strict({ ...ListQuery, status: Type.Optional(lit(['issued', 'refused'] as const)) }), response: { 200: Page(Certificate) },
    },
  }, async (request) => unwrap(await quarantine.listCertificates(viewer(request), request.query)));
  app.get('/api/pests/quarantine/certificates/:id', { schema: { tags: ['pests'], summary: '调运检疫证书详情（含货物明细）', params: IdParams, response: { 200: Certificate } } },
    async (request) => unwrap(await quarantine.getCertificate(viewer(request), request.params.id)));
  app.post('/api/pests/quarantine/certificates/check', {
    schema: {
      tags: ['pests'], summary: '预审调运检疫申请（不写入）：疫点松木未除害处理、疫点采伐未经检疫审批的货物将不予签发',
      body: CertificateBody, response: { 200: Type.Object({ refusals: Type.Array(Refusal), consignments: Type.Array(Consignment) }) },
    },
  }, async (request) => {
    checkCalendarDates(request.body, ['shipOn', 'validFrom', 'validTo']);
    return unwrap(await quarantine.checkCertificate(viewer(request), request.body));
  });
  app.post('/api/pests/quarantine/certificates', {
    schema: {
      tags: ['pests'], summary: '办理调运检疫：无不予签发理由时签发证书并编号，否则登记为不予签发并记录理由（疫点松木须经除害处理）',
      body: CertificateBody, response: { 201: Certificate },
    },
  }, async (request, reply) => {
    checkCalendarDates(request.body, ['shipOn', 'validFrom', 'validTo']);
    return reply.code(201).send(unwrap(await quarantine.applyCertificate(viewer(request), request.body)));
  });
}
