import { Empty, Image, Space, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { ProblemEvent, ProblemEventAction, ProblemPhoto } from '@linzhang/domain';
import { localTime, problemEventNames } from '../labels.ts';

const captions: Partial<Record<ProblemEventAction, string>> = { report: '上报照片', handle: '处置照片' };

/** A problem's photos as thumbnails (full size on click), each with what its EXIF says against the report. */
export function ProblemPhotos({ photos, events }: { photos: ProblemPhoto[]; events: ProblemEvent[] }) {
  if (photos.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />;
  const stepOf = new Map(events.map((e) => [e.id, captions[e.action] ?? `${problemEventNames[e.action] ?? e.action}照片`]));
  return (
    <Image.PreviewGroup>
      <Space wrap size={16} align="start">
        {photos.map((p) => (
          <div key={`${p.eventId}-${p.fileId}`} style={{ width: 160 }} data-testid="problem-photo">
            <Image src={`/api/files/${p.fileId}`} width={160} height={120} style={{ objectFit: 'cover', borderRadius: 6 }} alt={stepOf.get(p.eventId) ?? '照片'} />
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {stepOf.get(p.eventId) ?? '照片'} · {p.takenAt ? `拍摄于 ${localTime(p.takenAt)}` : '无拍摄时间'}
            </Typography.Text>
            {p.findings.map((f) => (
              <Typography.Text key={f.code} type="warning" style={{ display: 'block', fontSize: 12 }} data-testid="photo-finding">
                <WarningOutlined /> {f.message}
              </Typography.Text>
            ))}
          </div>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
