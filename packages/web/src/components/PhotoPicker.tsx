import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Space } from 'antd';
import { CameraOutlined, CloseCircleFilled } from '@ant-design/icons';

/**
 * Picks photos on the device (the camera first, on a phone) and shows them; uploading is the caller's business,
 * so the same picker serves the offline phone queue, the public page and the handling form. A form control.
 */
export function PhotoPicker(props: { value?: File[]; onChange?: (files: File[]) => void; max?: number; /** open the camera directly (phones) */ camera?: boolean }) {
  const files = useMemo(() => props.value ?? [], [props.value]);
  const max = props.max ?? 1;
  const input = useRef<HTMLInputElement>(null);
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [files]);

  const add = (list: FileList | null) => {
    const picked = Array.from(list ?? []).filter((f) => f.type.startsWith('image/'));
    if (picked.length) props.onChange?.([...files, ...picked].slice(-max));
    if (input.current) input.current.value = ''; // the same photo may be picked again after removing it
  };

  return (
    <Space wrap size={8}>
      {urls.map((url, i) => (
        <div key={url} style={{ position: 'relative', width: 88, height: 88 }}>
          <img src={url} alt={`照片 ${i + 1}`} style={{ width: 88, height: 88, objectFit: 'cover', borderRadius: 6, border: '1px solid #eee' }} />
          <CloseCircleFilled
            aria-label="移除照片"
            onClick={() => props.onChange?.(files.filter((_, j) => j !== i))}
            style={{ position: 'absolute', top: -6, right: -6, fontSize: 18, color: '#cf1322', background: '#fff', borderRadius: '50%', cursor: 'pointer' }}
          />
        </div>
      ))}
      {files.length < max && (
        <Button icon={<CameraOutlined />} style={{ height: 88, minWidth: 88 }} onClick={() => input.current?.click()}>
          {props.camera === false ? '添加照片' : '拍照'}
        </Button>
      )}
      <input ref={input} type="file" accept="image/*" capture={props.camera === false ? undefined : 'environment'} multiple={max > 1} style={{ display: 'none' }} data-testid="photo-input" onChange={(e) => add(e.target.files)} />
    </Space>
  );
}
