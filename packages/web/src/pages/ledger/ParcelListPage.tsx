import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Typography, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { forestCategories, formatArea, landClasses, origins } from '@linzhang/domain';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { ageGroupName, authorityName, currentYear, forestCategoryName, landClassName, originName, yearOptions } from './ledger-labels.ts';

interface Parcel {
  id: string; parcelNo: string; unitName: string; landClass: string; forestCategory: string | null; authorityLevel: string | null; origin: string | null;
  dominantSpecies: string | null; ageGroup: string | null; canopyClosure: number | null; volumeM3: number | null; owner: string | null; areaM2: number;
}

/** 林草湿一本账 › 小班: the parcels of a year, filtered by unit, 地类, 森林类别, 起源 and number, and exported as shown. */
export function ParcelListPage() {
  const [toast, holder] = message.useMessage();
  const [unit, setUnit] = useState<string | undefined>();
  const [year, setYear] = useState(currentYear());
  const [landClass, setLandClass] = useState<string | undefined>();
  const [forestCategory, setForestCategory] = useState<string | undefined>();
  const [origin, setOrigin] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({ unit, year, landClass, forestCategory, origin, q }), [unit, year, landClass, forestCategory, origin, q]);
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination } = usePaged<Parcel>('/api/ledger/parcels', params, onError);
  return (
    <Card>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>小班</Typography.Title>
        <Space wrap>
          <UnitSelect value={unit} onChange={setUnit} />
          <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} />
          <Select allowClear placeholder="地类" value={landClass} onChange={setLandClass} style={{ width: 180 }}
            options={Object.entries(landClasses).map(([value, c]) => ({ value, label: `${value} ${c.name}` }))} />
          <Select allowClear placeholder="森林类别" value={forestCategory} onChange={setForestCategory} style={{ width: 140 }} data-testid="forest-category"
            options={[...Object.entries(forestCategories).map(([value, name]) => ({ value, label: name })), { value: 'none', label: '（未填）' }]} />
          <Select allowClear placeholder="起源" value={origin} onChange={setOrigin} style={{ width: 110 }} data-testid="origin"
            options={[...Object.entries(origins).map(([value, name]) => ({ value, label: name })), { value: 'none', label: '（未填）' }]} />
          <Input.Search allowClear placeholder="小班号" onSearch={(v) => setQ(v || undefined)} style={{ width: 160 }} />
          <Button icon={<DownloadOutlined />} href={`/api/ledger/parcels.xlsx?${query}`} download>导出 Excel</Button>
        </Space>
      </Space>
      <Table<Parcel> rowKey="id" size="middle" loading={loading} dataSource={data.items} pagination={pagination} scroll={{ x: 1100 }}
        columns={[
          { title: '小班号', dataIndex: 'parcelNo' },
          { title: '区划', dataIndex: 'unitName' },
          { title: '地类', dataIndex: 'landClass', render: landClassName },
          { title: '森林类别', dataIndex: 'forestCategory', render: forestCategoryName },
          { title: '事权等级', dataIndex: 'authorityLevel', render: authorityName },
          { title: '起源', dataIndex: 'origin', render: originName },
          { title: '优势树种', dataIndex: 'dominantSpecies', render: (v: string | null) => v ?? '—' },
          { title: '龄组', dataIndex: 'ageGroup', render: ageGroupName },
          { title: '郁闭度', dataIndex: 'canopyClosure', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
          { title: '蓄积（立方米）', dataIndex: 'volumeM3', render: (v: number | null) => v ?? '—' },
          { title: '面积', dataIndex: 'areaM2', render: (m: number) => formatArea(m) },
          { title: '经营者', dataIndex: 'owner', render: (v: string | null) => v ?? '—' },
        ]} />
    </Card>
  );
}
