import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import secureJson from 'secure-json-parse';
import type { Services } from '../services.ts';
import { HttpProblem, problems } from './problem.ts';
import { compileValidator, fieldErrors } from './validation.ts';
import { viewerOf, type Viewer } from '../auth/viewer.ts';
import type { PublicUser } from '../auth/service.ts';
import { authRoutes, SESSION_COOKIE } from '../auth/routes.ts';
import { unitRoutes } from '../units/routes.ts';
import { organisationRoutes } from '../organisations/routes.ts';
import { personRoutes } from '../people/routes.ts';
import { postRoutes } from '../posts/routes.ts';
import { areaRoutes } from '../areas/routes.ts';
import { tileRoutes } from '../tiles/routes.ts';
import { patrolRoutes } from '../patrols/routes.ts';
import { ruleRoutes } from '../rules/routes.ts';
import { dutyReportRoutes } from '../reports/routes.ts';
import { problemRoutes, WebhookPayloadSchema } from '../problems/routes.ts';
import { fireAlarmRoutes } from '../fire/alarms/routes.ts';
import { inboxRoutes } from '../notifications/routes.ts';
import { ledgerRoutes } from '../ledger/routes.ts';
import { loggingRoutes } from '../ledger/logging-routes.ts';
import { scatteredTreeRoutes } from '../ledger/scattered-tree-routes.ts';
import { compensationRoutes } from '../compensation/routes.ts';
import { ancientTreeRoutes } from '../trees/routes.ts';
import { landUseRoutes } from '../land-use/routes.ts';
import { fireBanRoutes } from '../fire/bans/routes.ts';
import { forestEntryRoutes } from '../fire/entry/routes.ts';
import { fireWeatherRoutes } from '../fire/weather/routes.ts';
import { deviceRoutes } from '../fire/devices/routes.ts';
import { deviceTopicsDocument } from '../fire/devices/topics-document.ts';
import { fireInfrastructureRoutes } from '../fire/infrastructure/routes.ts';
import { workPlanRoutes } from '../workplans/routes.ts';
import { deadTreeRoutes } from '../pests/dead-trees/routes.ts';
import { carbonRoutes } from '../carbon/routes.ts';
import { indicatorRoutes } from '../indicators/routes.ts';
import { workPlanTargetRoutes } from '../workplans/target-routes.ts';
import { assessmentRoutes } from '../assessment/routes.ts';
import { dashboardRoutes } from '../dashboard/routes.ts';
import { pestOccurrenceRoutes } from '../pests/occurrences/routes.ts';
import { quarantineRoutes } from '../pests/quarantine/routes.ts';
import { pestSurveyRoutes } from '../pests/surveys/routes.ts';
import { epidemicRoutes } from '../pests/epidemic/routes.ts';
import { wildlifeRoutes } from '../wildlife/routes.ts';
import { fileRoutes, rawImagePaths } from '../files/routes.ts';
import { uploadTypes } from '../files/service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: PublicUser | null;
    viewer: Viewer | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}

export type App = FastifyInstance;
export type TypedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface AppOptions {
  services: Services;
  engine: 'sqlite' | 'postgres';
  logger?: boolean;
  secureCookie?: boolean;
  webDist?: string | null;
}

const defaultWebDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The viewer of an authenticated route (the hook guarantees it). */
export function viewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw problems.authRequired();
  return request.viewer;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  app.setValidatorCompiler(compileValidator);
  app.decorateRequest('user', null);
  app.decorateRequest('viewer', null);

  // JSON only, parsed safely (no prototype poisoning); an empty body is allowed (e.g. logout).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/(.+\+)?json$/, { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(problems.invalid([{ field: '/body', message: 'JSON 格式错误' }]), undefined);
    }
  });

  app.addContentTypeParser([...uploadTypes], { parseAs: 'buffer' }, (request, body, done) => {
    if (!rawImagePaths.includes(request.url.split('?')[0]!)) return done(problems.unsupportedMediaType(), undefined);
    done(null, body);
  });

  await app.register(cookie);

  // CSRF: with SameSite=Lax cookies, demanding a JSON content type on every state-changing request means a
  // cross-site form post can never reach a handler.
  app.addHook('onRequest', async (request) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) {
      const type = request.headers['content-type'] ?? '';
      // Photo uploads send the image itself. A cross-site HTML form can only send form or text types, never
      // image/*, without a CORS preflight we do not answer, so these paths stay as safe as the JSON ones.
      const rawImage = request.method === 'POST' && rawImagePaths.includes(request.url.split('?')[0]!) && (uploadTypes as readonly string[]).includes(type.split(';')[0]!.trim().toLowerCase());
      if (!rawImage && !/^application\/(.+\+)?json\s*(;|$)/i.test(type)) throw problems.unsupportedMediaType();
    }
    if (!request.url.startsWith('/api/')) return;
    const user = await options.services.auth.userForToken(request.cookies[SESSION_COOKIE]);
    request.user = user;
    request.viewer = user ? viewerOf({ ...user, scopeUnitCode: user.scopeUnit.code }) : null;
    const isPublic = request.routeOptions.config?.public === true || request.url.startsWith('/api/docs');
    if (!user && !isPublic && request.routeOptions.url) throw problems.authRequired();
  });

  app.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else if (error.validation) problem = problems.invalid(fieldErrors(error.validation, error.validationContext ?? 'body'));
    else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') problem = problems.tooLarge();
    else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') problem = problems.unsupportedMediaType();
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      problem = new HttpProblem(error.statusCode, `request.${(error.code ?? 'invalid').toLowerCase()}`, '请求有误', error.message);
    } else {
      request.log.error(error);
      problem = problems.internal();
    }
    void reply
      .status(problem.status)
      .headers(problem.headers)
      .type('application/problem+json; charset=utf-8')
      .send(problem.body());
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0', // webhooks and `type: null` need 3.1
      info: { title: 'Linzhang 智慧林长 API', version: '0.1.0', description: '县级林长制平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
      // MQTT is no HTTP path: the device topics and payload schemas ride along as an extension.
      ...({ 'x-device-topics': deviceTopicsDocument } as object),
      webhooks: {
        problemNotification: {
          post: {
            summary: '问题通知推送：交办、即将到期、逾期督办、退回',
            requestBody: { required: true, content: { 'application/json': { schema: WebhookPayloadSchema as never } } },
            responses: { '200': { description: '接收方返回任意 2xx 表示已收到；否则按 1、5、15、60、240、720 分钟重试' } },
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/health', { config: { public: true }, schema: { tags: ['system'] } }, async () => ({
    status: 'ok',
    engine: options.engine,
  }));
  await authRoutes(api, options.services.auth, { secureCookie: options.secureCookie ?? false });
  await unitRoutes(api, options.services.units);
  await organisationRoutes(api, options.services.organisations);
  await personRoutes(api, options.services.people);
  await postRoutes(api, options.services.posts);
  await areaRoutes(api, options.services.areas);
  await tileRoutes(api, options.services.tiles);
  await patrolRoutes(api, options.services.patrols, options.services.compliance, options.services.effort, options.services.coverage);
  await ruleRoutes(api, options.services.rules);
  await dutyReportRoutes(api, options.services.dutyReports);
  await problemRoutes(api, options.services.problems, options.services.problemStatistics, options.services.problemImports, options.services.fireAlarms);
  await inboxRoutes(api, options.services.inbox);
  await ledgerRoutes(api, options.services.parcelImports, options.services.ledger);
  await loggingRoutes(api, options.services.logging);
  await scatteredTreeRoutes(api, options.services.scatteredTrees);
  await compensationRoutes(api, options.services.compensation);
  await ancientTreeRoutes(api, options.services.trees);
  await landUseRoutes(api, options.services.landUse);
  await fireWeatherRoutes(api, options.services.fireWeather, options.services.fireDanger);
  await deviceRoutes(api, options.services.devices);
  await fireAlarmRoutes(api, options.services.fireAlarms, options.services.fireHotspots, options.services.fireStatistics);
  await fireInfrastructureRoutes(api, options.services.fireInfrastructure);
  await workPlanRoutes(api, options.services.workplans);
  await deadTreeRoutes(api, options.services.deadTrees, options.services.deadTreeImports);
  await pestOccurrenceRoutes(api, options.services.pestOccurrences, options.services.disasterRate);
  await quarantineRoutes(api, options.services.quarantine);
  await pestSurveyRoutes(api, options.services.pestSurveys);
  await epidemicRoutes(api, options.services.epidemic);
  await fileRoutes(api, options.services.files);
  await fireBanRoutes(api, options.services.fireBans);
  await forestEntryRoutes(api, options.services.forestEntry);
  await wildlifeRoutes(api, options.services.wildlife);
  await carbonRoutes(api, options.services.carbon);
  await indicatorRoutes(api, options.services.indicators);
  await workPlanTargetRoutes(api, options.services.workplanTargets);
  await assessmentRoutes(api, options.services.assessment);
  await dashboardRoutes(api, options.services.dashboard);

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const hasWeb = webDist !== null && existsSync(`${webDist}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && request.method === 'GET' && hasWeb) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    if (!request.url.startsWith('/api/') && request.method === 'GET') {
      return reply.type('text/plain; charset=utf-8').send('网页尚未构建：请运行 npm run build（npm start 会自动构建）。');
    }
    const problem = problems.notFound();
    return reply.status(404).type('application/problem+json; charset=utf-8').send(problem.body());
  });
  return app;
}
