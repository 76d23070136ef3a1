import type { Kysely } from 'kysely';

// Issue 7 §5–§6: occurrences of pests other than pine wilt disease (松毛虫, 蜀柏毒蛾, …) with area, severity and
// disaster area for the disaster rate (成灾率); origin quarantine (产地检疫) inspections of production sites and
// nurseries; transport quarantine (调运检疫) certificates with their consignments, issued or refused with the reasons.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pest_occurrences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // village or town (the 小班's village when one is given)
    .addColumn('parcel_id', 'text') // the ledger row of the 小班, when one is given
    .addColumn('parcel_no', 'text')
    .addColumn('parcel_area_m2', 'double precision') // the 小班's area when recorded: the whole-小班 rule counts it
    .addColumn('pest', 'text', (c) => c.notNull()) // code of domain otherPests
    .addColumn('pest_name', 'text', (c) => c.notNull())
    .addColumn('host', 'text') // 寄主树种
    .addColumn('observed_on', 'text', (c) => c.notNull()) // YYYY-MM-DD Asia/Shanghai
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('area_m2', 'double precision', (c) => c.notNull()) // 发生面积
    .addColumn('disaster_area_m2', 'double precision', (c) => c.notNull()) // 成灾面积
    .addColumn('severity', 'text', (c) => c.notNull()) // light | moderate | severe
    .addColumn('host_death', 'integer', (c) => c.notNull())
    .addColumn('controlled_area_m2', 'double precision') // 防治面积
    .addColumn('surveyor', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pest_occurrences_unit').on('pest_occurrences').columns(['unit_code', 'year']).execute();
  await db.schema
    .createTable('quarantine_origin_inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_no', 'text', (c) => c.notNull().unique()) // 产地检疫 record number
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('site_kind', 'text', (c) => c.notNull()) // nursery | timber_yard | forest | storage | other
    .addColumn('subject', 'text', (c) => c.notNull()) // the plants or products inspected
    .addColumn('quantity', 'double precision')
    .addColumn('quantity_unit', 'text')
    .addColumn('inspected_on', 'text', (c) => c.notNull())
    .addColumn('inspector', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull()) // passed | failed
    .addColumn('pests_found', 'text')
    .addColumn('measures', 'text') // 处理意见
    .addColumn('valid_until', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quarantine_origin_unit').on('quarantine_origin_inspections').columns(['unit_code', 'inspected_on']).execute();
  await db.schema
    .createTable('quarantine_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('certificate_no', 'text', (c) => c.unique()) // null when refused
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code')) // origin town or village: the scope
    .addColumn('status', 'text', (c) => c.notNull()) // issued | refused
    .addColumn('ship_on', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('consignor', 'text', (c) => c.notNull())
    .addColumn('consignee', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('vehicle_no', 'text', (c) => c.notNull())
    .addColumn('origin_inspection_id', 'text')
    .addColumn('refusals', 'text') // JSON PestFinding[] when refused
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quarantine_certificates_unit').on('quarantine_certificates').columns(['unit_code', 'ship_on']).execute();
  await db.schema
    .createTable('quarantine_consignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('quarantine_certificates.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull()) // 树种 / 品名
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('quantity_unit', 'text', (c) => c.notNull())
    .addColumn('origin_unit_code', 'text', (c) => c.notNull())
    .addColumn('origin_parcel_id', 'text')
    .addColumn('origin_parcel_no', 'text')
    .addColumn('permit_id', 'text') // the logging permit the wood was cut under
    .addColumn('permit_no', 'text')
    .addColumn('pest_approval', 'text') // the permit's pest approval number at the time of the check
    .addColumn('epidemic_point', 'text') // the origin town's name when it was an epidemic point on the shipping day
    .addColumn('treatment', 'text', (c) => c.notNull())
    .addColumn('treatment_note', 'text')
    .execute();
  await db.schema.createIndex('quarantine_consignments_certificate').on('quarantine_consignments').columns(['certificate_id', 'position']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The pest-quarantine migration cannot be reverted');
}
