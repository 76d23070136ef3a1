import { useEffect, useState } from 'react';
import { Button, Modal, Space, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';

/**
 * The public report page as a QR code and a short link (issue 4 §4), to print on notices at forest entrances and
 * village boards. The code is drawn in the browser; nothing leaves the page.
 */
export function PublicReportQr() {
  const [open, setOpen] = useState(false);
  const [svg, setSvg] = useState<string | null>(null);
  const link = `${window.location.origin}/report`;
  useEffect(() => {
    if (open && !svg) void QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#1f3b2a', light: '#ffffff' } }).then(setSvg);
  }, [open, svg, link]);
  const download = () => {
    if (!svg) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    a.download = '林业问题举报二维码.svg';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={() => setOpen(true)}>群众举报二维码</Button>
      <Modal open={open} onCancel={() => setOpen(false)} title="群众举报二维码" footer={<Space><Button onClick={download} disabled={!svg}>下载二维码（SVG）</Button><Button type="primary" onClick={() => setOpen(false)}>关闭</Button></Space>}>
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          {/* The SVG comes from the qrcode library, built from our own URL. */}
          <div data-testid="report-qr" style={{ width: 240, height: 240 }} dangerouslySetInnerHTML={svg ? { __html: svg } : { __html: '' }} />
          <Typography.Text copyable={{ text: link }}>{link}</Typography.Text>
          <Typography.Text type="secondary">群众扫码即可举报毁林、火情、野生动物死亡等问题，无需登录；举报按位置自动交所属村（社区）林长受理。</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
