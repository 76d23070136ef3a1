import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select, message } from 'antd';
import { postLevelNames, postLevels, postRoleNames, postRoles, rulePeriodNames, ruleActionNames, type RuleAction, type RulePeriod, type RuleRole } from '@linzhang/domain';
import { api, ApiError } from '../../api/client.ts';
import { shanghaiToday } from '../../shanghai-date.ts';

export interface SuggestedRule { id: string; text: string; role: RuleRole | null; action: RuleAction; period: RulePeriod; min: number }

const chiefRoles: RuleRole[] = ['county_chief', 'town_chief', 'village_chief', 'forest_farm_chief'];

/** Adopts a plan's duty rule into the versioned duty table, asking what the plan's words leave out (administrators). */
export function AdoptRuleModal(props: { rule: SuggestedRule | null; onClose: () => void }) {
  const [form] = Form.useForm<{ effectiveFrom: string; role?: string; level?: string }>();
  const [toast, holder] = message.useMessage();
  const rule = props.rule;
  const needsRole = rule !== null && rule.role === null;
  const needsLevel = rule !== null && !(rule.role && chiefRoles.includes(rule.role));
  useEffect(() => {
    if (rule) form.setFieldsValue({ effectiveFrom: shanghaiToday().format('YYYY-MM-DD'), role: undefined, level: undefined });
  }, [rule, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', `/api/workplans/rules/${rule!.id}/adopt`, { effectiveFrom: v.effectiveFrom, ...(v.role ? { role: v.role } : {}), ...(v.level ? { level: v.level } : {}) });
      void toast.success('已存为职责规则的新版本，可在“系统管理 › 规则配置”查看');
      props.onClose();
    } catch (e) {
      // The server names /body/level, /body/role or /body/effectiveFrom; a rule-table finding lands on the date.
      const last = e instanceof ApiError ? e.errors[0]?.field.split('/').pop() : undefined;
      if (e instanceof ApiError && e.errors[0]) form.setFields([{ name: last === 'level' || last === 'role' ? last : 'effectiveFrom', errors: [e.errors[0].message] }]);
      void toast.error(e instanceof ApiError ? (e.errors[0]?.message ?? e.message) : '保存失败');
    }
  };
  return (
    <Modal open={rule !== null} title="采用为职责规则" okText="采用" onOk={() => void save()} onCancel={props.onClose} destroyOnHidden>
      {holder}
      {rule && <Alert type="info" style={{ marginBottom: 12 }} title={`每${rulePeriodNames[rule.period]}${ruleActionNames[rule.action]}至少 ${rule.min} 次`} description={rule.text} />}
      <Form form={form} layout="vertical">
        {needsRole && (
          <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}>
            <Select options={postRoles.map((r) => ({ value: r, label: postRoleNames[r] }))} />
          </Form.Item>
        )}
        {needsLevel && (
          <Form.Item name="level" label="岗位层级" rules={[{ required: true, message: '原文未写明层级，请选择' }]}>
            <Select options={postLevels.map((l) => ({ value: l, label: postLevelNames[l] }))} />
          </Form.Item>
        )}
        <Form.Item name="effectiveFrom" label="生效日期" extra="自该日起按新规则判定履职；此前的周期仍按原规则" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请填写 YYYY-MM-DD' }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
