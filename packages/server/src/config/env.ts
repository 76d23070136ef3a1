import { defaultDeviceTopicRoot } from '@linzhang/domain';

/** Settings read from the environment once at start-up; every bad variable is reported together. */
export interface Settings {
  databaseUrl: string | null;
  loginMaxFailures: number; // failed logins allowed per username and per address in the window
  loginWindowMinutes: number;
  sessionHours: number;
  secureCookie: boolean;
  /** Problem notifications are also POSTed here (issue 4 §5); null = inbox only. */
  webhookUrl: string | null;
  /** Signs each webhook body (HMAC-SHA256, header X-Linzhang-Signature). */
  webhookSecret: string | null;
  /** Daily fire weather is fetched from here as JSON (issue 6 §1, shape in docs/api.md); null = entry and CSV only. */
  weatherUrl: string | null;
  /** The MQTT broker devices publish to (issue 6 §8); null = none (embedded mode then runs its own). */
  mqttUrl: string | null;
  /** Port of the in-process broker `serve` starts in embedded mode when no broker URL is set. */
  mqttPort: number;
  /** Topics are `<root>/<county>/devices/<id>/<channel>`; a deployment sharing a broker may prefix the root. */
  mqttTopicRoot: string;
}

export const defaultSettings: Settings = {
  databaseUrl: null,
  loginMaxFailures: 10,
  loginWindowMinutes: 15,
  sessionHours: 12,
  secureCookie: false,
  webhookUrl: null,
  webhookSecret: null,
  weatherUrl: null,
  mqttUrl: null,
  mqttPort: 1883,
  mqttTopicRoot: defaultDeviceTopicRoot,
};

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) {
      problems.push(`${name} must be an integer ≥ ${min} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const secure = env.LINZHANG_SECURE_COOKIE ?? '';
  if (!['', 'true', 'false'].includes(secure)) problems.push('LINZHANG_SECURE_COOKIE must be true or false');
  const webhookUrl = env.LINZHANG_WEBHOOK_URL ? env.LINZHANG_WEBHOOK_URL : null;
  if (webhookUrl && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) problems.push('LINZHANG_WEBHOOK_URL must be an http:// or https:// URL');
  const weatherUrl = env.LINZHANG_WEATHER_URL ? env.LINZHANG_WEATHER_URL : null;
  if (weatherUrl && !/^https?:\/\/[^\s]+$/.test(weatherUrl)) problems.push('LINZHANG_WEATHER_URL must be an http:// or https:// URL');
  const mqttUrl = env.LINZHANG_MQTT_URL ? env.LINZHANG_MQTT_URL : null;
  if (mqttUrl) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(mqttUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || !['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(parsed.protocol) || !parsed.hostname) {
      problems.push('LINZHANG_MQTT_URL must be an mqtt://, mqtts://, ws:// or wss:// URL with a host, e.g. mqtt://127.0.0.1:1883');
    }
  }
  const mqttPort = int('LINZHANG_MQTT_PORT', defaultSettings.mqttPort, 0);
  if (mqttPort > 65535) problems.push(`LINZHANG_MQTT_PORT must be 0–65535 (got "${env.LINZHANG_MQTT_PORT}")`);
  const topicRoot = env.LINZHANG_MQTT_TOPIC_ROOT ? env.LINZHANG_MQTT_TOPIC_ROOT : defaultSettings.mqttTopicRoot;
  if (!/^[^#+/\s]+(\/[^#+/\s]+)*$/.test(topicRoot)) problems.push('LINZHANG_MQTT_TOPIC_ROOT must be topic levels separated by / without wildcards (+, #), spaces or a leading/trailing /');
  const settings: Settings = {
    databaseUrl,
    loginMaxFailures: int('LINZHANG_LOGIN_MAX_FAILURES', defaultSettings.loginMaxFailures, 1),
    loginWindowMinutes: int('LINZHANG_LOGIN_WINDOW_MINUTES', defaultSettings.loginWindowMinutes, 1),
    sessionHours: int('LINZHANG_SESSION_HOURS', defaultSettings.sessionHours, 1),
    secureCookie: secure === 'true',
    webhookUrl,
    webhookSecret: env.LINZHANG_WEBHOOK_SECRET ? env.LINZHANG_WEBHOOK_SECRET : null,
    weatherUrl,
    mqttUrl,
    mqttPort,
    mqttTopicRoot: topicRoot,
  };
  if (problems.length) throw new SettingsError(problems);
  return settings;
}
