import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { viewer, type TypedApp } from '../http/app.ts';
import { problems, unwrap } from '../http/problem.ts';
import { Strict } from '../http/schemas.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { maxUploadBytes, uploadTypes, type FileService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const FileSchema = Type.Object({
  id: Type.String({ description: '文件内容的 SHA-256' }), mime: Type.String(), size: Type.Integer(),
  takenAt: Nullable(Type.String({ description: 'EXIF 拍摄时间（UTC）' })), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()),
});
// The body is the image itself. `format: binary` documents it; with no `type` the validator lets the Buffer through.
const imageBody = Type.Unsafe<Buffer>({ format: 'binary', description: '图片文件本身（≤ 15 MB），类型须与内容一致' });
const uploadSchema = {
  body: { content: Object.fromEntries(uploadTypes.map((t) => [t, { schema: imageBody }])) },
  response: { 200: FileSchema, 201: FileSchema },
};

/** Paths whose body is a raw image: the JSON-only rule of the app's request hook lets these through. */
export const rawImagePaths = ['/api/files', '/api/public/files'];

/** Public uploads per source address and hour: enough for a few reports with photos, not for filling the disk. */
export const publicUploadsPerHour = 30;

function imageOf(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) throw problems.unsupportedMediaType();
  return request.body;
}

export async function fileRoutes(app: TypedApp, files: FileService): Promise<void> {
  app.post(
    '/api/files',
    { bodyLimit: maxUploadBytes, schema: { tags: ['files'], summary: '上传照片（请求体为图片本身；同一内容只存一份），返回 EXIF 拍摄时间与位置', ...uploadSchema } },
    async (request, reply) => {
      const { file, created } = unwrap(await files.upload(viewer(request), request.headers['content-type'] ?? '', imageOf(request)));
      return reply.status(created ? 201 : 200).send(file);
    },
  );
  const limiter = new LoginLimiter({ maxFailures: publicUploadsPerHour, windowMs: 60 * 60_000 });
  app.post(
    '/api/public/files',
    {
      config: { public: true },
      bodyLimit: maxUploadBytes,
      // Counted and refused before the body is read, so an address over its limit cannot make us take 15 MB.
      onRequest: async (request) => {
        const key = `public-file:${request.ip}`;
        const wait = limiter.retryAfterSeconds([key]);
        if (wait > 0) throw problems.tooManyRequests(wait);
        limiter.recordFailure([key]);
      },
      schema: { tags: ['public'], summary: '群众举报上传照片（无需登录，按来源地址限流）', security: [], ...uploadSchema },
    },
    async (request, reply) => {
      const { file, created } = unwrap(await files.upload(null, request.headers['content-type'] ?? '', imageOf(request)));
      return reply.status(created ? 201 : 200).send(file);
    },
  );
  app.get(
    '/api/files/:id',
    { schema: { tags: ['files'], summary: '读取照片（上传者、管理员或能看到引用它的问题的人）', params: Strict({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }) } },
    async (request, reply) => {
      const { file, bytes } = unwrap(await files.read(viewer(request), request.params.id));
      return reply
        .type(file.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}
