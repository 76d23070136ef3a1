import { Form } from 'antd';
import { PersonSelect } from './PersonSelect.tsx';
import { UnitSelect } from './UnitSelect.tsx';

export interface AssignValues {
  assigneeUnitCode?: string;
  assigneePersonId: string;
}

/**
 * 交办 fields inside a Form: an optional 承办单位 and the 承办人. The people offered are those of the chosen unit,
 * else of `localUnit` (the problem's own area, where the handler usually is), else of the user's whole scope.
 */
export function AssignFields({ localUnit }: { localUnit?: string }) {
  const form = Form.useFormInstance<AssignValues>();
  const unit = Form.useWatch('assigneeUnitCode', form);
  return (
    <>
      <Form.Item name="assigneeUnitCode" label="承办单位" extra={localUnit ? '不选时为承办人所在区划；可选人员为问题所在区划的人员' : '不选时为承办人所在区划'}>
        <UnitSelect placeholder="承办单位（可选）" style={{ width: '100%' }}
          onChange={() => form.setFieldValue('assigneePersonId', undefined)} />
      </Form.Item>
      <Form.Item name="assigneePersonId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
        <PersonSelect unit={unit ?? localUnit} />
      </Form.Item>
    </>
  );
}
