import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Debian's fonts-noto-cjk (installed by .ci/run): Simplified Chinese face of the Noto CJK collection. */
export const posterFont = { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' };

/** An A4 PDF in Chinese (the Noto CJK face registered as the document's font) drawn by `draw`, as bytes. */
export function chinesePdf(options: { margin: number; title: string }, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: options.margin, info: { Title: options.title, Author: '智慧林长' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', posterFont.file, posterFont.name);
  doc.font('cjk');
  draw(doc);
  doc.end();
  return done;
}

export interface PosterContent {
  pointName: string;
  unitPath: string[]; // county, town, village names
  url: string;
  code: string;
  rules: string[];
}

/** The fire-safety rules printed on every poster (short; the full notice is on the registration page). */
export const posterRules = [
  '进入林区请扫码登记，出林时扫码离开',
  '严禁携带火种进山入林',
  '严禁吸烟、野炊、烧烤、焚香烧纸、燃放烟花爆竹',
  '禁火令期间禁止进入林区',
  '发现火情请立即拨打 12119 或 119',
];

/** An A4 QR poster for an entry point (扫码入林): the place, the QR code of its registration page, the rules, the short URL. */
export async function entryPoster(content: PosterContent): Promise<Buffer> {
  const qr = await QRCode.toBuffer(content.url, { errorCorrectionLevel: 'M', margin: 1, width: 600 });
  return chinesePdf({ margin: 48, title: `扫码入林 ${content.pointName}` }, (doc) => {
  const width = doc.page.width - 96;
  doc.rect(0, 0, doc.page.width, 110).fill('#1f6f3b');
  doc.fillColor('#ffffff').fontSize(34).text('扫码入林  防火登记', 48, 34, { width, align: 'center' });
  doc.fillColor('#1f1f1f').fontSize(24).text(content.pointName, 48, 140, { width, align: 'center' });
  doc.fontSize(14).fillColor('#555555').text(content.unitPath.join(' · '), { width, align: 'center' });
  const size = 260;
  doc.image(qr, (doc.page.width - size) / 2, 230, { width: size, height: size });
  doc.fontSize(13).fillColor('#1f1f1f').text('微信或手机相机扫码登记', 48, 500, { width, align: 'center' });
  doc.fontSize(12).fillColor('#1f6f3b').text(content.url, { width, align: 'center' });
  doc.moveDown(1.2);
  doc.fontSize(18).fillColor('#b42318').text('森林防火须知', { width, align: 'center' });
  doc.moveDown(0.4);
  doc.fontSize(14).fillColor('#1f1f1f');
  content.rules.forEach((r, i) => doc.text(`${i + 1}. ${r}`, 96, undefined, { width: width - 96 }));
  doc.fontSize(12).fillColor('#555555').text(`入林点编号 ${content.code}    森林防火 人人有责`, 48, doc.page.height - 80, { width, align: 'center' });
  });
}
