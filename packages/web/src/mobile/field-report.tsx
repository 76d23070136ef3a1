import { useState } from 'react';
import { Alert, Form, type FormInstance } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { positionText, useCurrentPosition, type Position } from '../components/useCurrentPosition.ts';

/** What the phone page hands every field report's modal. */
export interface FieldReportProps {
  open: boolean;
  userId: string;
  /** The reporter's name, as the record shows it. */
  person: string;
  patrolId: string | null;
  /** The patrol's last fix: the place until the phone gives a fresh one. */
  lastFix: [number, number] | null;
  onClose: () => void;
  onQueued: () => void;
}

/**
 * What every report made in the field shares (上报问题, 登记枯死松树, 报告火情): the phone's position — a fresh fix, else
 * the patrol's last one — and a form that queues the report in the outbox and says so, or says why it could not.
 */
export function useFieldReport<V extends object>(props: {
  open: boolean;
  lastFix: [number, number] | null;
  queue: (values: V, here: Position) => Promise<unknown>;
  onQueued: () => void;
}): { form: FormInstance<V>; busy: boolean; error: string | null; here: Position | null; gpsError: string | null; submit: (values: V) => void } {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { position: gps, error: gpsError } = useCurrentPosition(props.open);
  const here: Position | null = gps ?? (props.lastFix ? { lon: props.lastFix[0], lat: props.lastFix[1], accuracy: null } : null);
  const submit = (values: V) => void (async () => {
    if (!here) return;
    setBusy(true);
    setError(null);
    try {
      await props.queue(values, here);
      form.resetFields();
      props.onQueued();
    } catch (e) {
      setError(e instanceof Error ? `保存失败：${e.message}` : '保存失败');
    } finally {
      setBusy(false);
    }
  })();
  return { form, busy, error, here, gpsError, submit };
}

/** Where the report will be placed, or that the phone is still locating; and a failed save. */
export function FieldReportStatus(props: { here: Position | null; gpsError: string | null; error: string | null; testId: string }) {
  return (
    <>
      {props.error && <Alert type="error" title={props.error} style={{ marginBottom: 12 }} />}
      <Alert
        type={props.here ? 'success' : 'info'}
        icon={<EnvironmentOutlined />}
        showIcon
        data-testid={props.testId}
        title={props.here ? `位置：${positionText(props.here)}` : (props.gpsError ?? '正在定位…')}
        style={{ marginBottom: 12 }}
      />
    </>
  );
}
