import { geodesicDistance } from '@linzhang/domain';
import { outbox } from './outbox.ts';
import { newClientId } from './ids.ts';

export interface ActivePatrol {
  patrolId: string;
  startedAt: number;
  paused: boolean;
  fixes: number;
  distanceM: number;
  track: [number, number][]; // for the map; the fixes themselves go to the outbox
}

interface PendingFix {
  t: number;
  lon: number;
  lat: number;
  accuracy: number | null;
}

const FLUSH_EVERY = 10; // fixes
const stateKey = (userId: string) => `linzhang.patrol.${userId}`;

/**
 * Records one account's patrol: follows the phone's position, keeps the running figures, and puts
 * every fix into the outbox in small batches. The current patrol survives a reload (localStorage).
 */
export class PatrolRecorder {
  private watchId: number | null = null;
  private lastT = 0;
  private buffer: PendingFix[] = [];
  state: ActivePatrol | null;

  constructor(
    private readonly userId: string,
    private readonly onChange: (state: ActivePatrol | null, queued: boolean) => void,
    private readonly onError: (message: string) => void,
  ) {
    const saved = localStorage.getItem(stateKey(userId));
    this.state = saved ? (JSON.parse(saved) as ActivePatrol) : null;
    if (this.state && !this.state.paused) this.watch();
  }

  private save(queued = false): void {
    if (this.state) localStorage.setItem(stateKey(this.userId), JSON.stringify(this.state));
    else localStorage.removeItem(stateKey(this.userId));
    this.onChange(this.state ? { ...this.state } : null, queued);
  }

  private watch(): void {
    if (!('geolocation' in navigator)) {
      this.onError('此设备不支持定位');
      return;
    }
    this.watchId = navigator.geolocation.watchPosition(
      (p) => {
        // The server identifies a fix by its time: never give two fixes the same millisecond.
        this.lastT = Math.max(Date.now(), this.lastT + 1);
        this.record({ t: this.lastT, lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy ?? null });
      },
      (e) => {
        // Waiting long for a fix under tree cover is normal: only say something when it cannot work.
        if (e.code === e.PERMISSION_DENIED) this.onError('请允许本页面使用定位');
        else if (e.code === e.POSITION_UNAVAILABLE) this.onError('暂时无法定位，正在重试');
      },
      { enableHighAccuracy: true, maximumAge: 0 },
    );
  }

  private unwatch(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
  }

  private record(fix: PendingFix): void {
    const s = this.state;
    if (!s || s.paused) return;
    const last = s.track[s.track.length - 1];
    if (last) s.distanceM += geodesicDistance(last, [fix.lon, fix.lat]);
    s.track.push([fix.lon, fix.lat]);
    s.fixes += 1;
    this.buffer.push(fix);
    if (this.buffer.length >= FLUSH_EVERY) void this.flush();
    this.save();
  }

  async flush(): Promise<void> {
    if (!this.state || this.buffer.length === 0) return;
    const fixes = this.buffer;
    this.buffer = [];
    await outbox.add({ userId: this.userId, kind: 'fixes', patrolId: this.state.patrolId, body: { fixes } });
    this.save(true);
  }

  async start(): Promise<void> {
    if (this.state) return;
    const startedAt = Date.now();
    const patrolId = newClientId('patrol');
    await outbox.add({ userId: this.userId, kind: 'start', patrolId, body: { id: patrolId, startedAt: new Date(startedAt).toISOString() } });
    this.state = { patrolId, startedAt, paused: false, fixes: 0, distanceM: 0, track: [] };
    this.save(true);
    this.watch();
  }

  /** Notes something at the current position (the last fix); queued like everything else. */
  async observe(kind: string, note: string): Promise<void> {
    const s = this.state;
    const here = s?.track[s.track.length - 1];
    if (!s || !here) throw new Error('还没有定位，稍后再记录');
    await this.flush(); // the fixes up to here go first, so the note sits on the track
    const observation = { id: newClientId('obs'), t: Math.max(Date.now(), this.lastT), lon: here[0], lat: here[1], kind, note };
    await outbox.add({ userId: this.userId, kind: 'observations', patrolId: s.patrolId, body: { observations: [observation] } });
    this.save(true);
  }

  async pause(): Promise<void> {
    if (!this.state || this.state.paused) return;
    await this.flush();
    this.unwatch();
    await outbox.add({ userId: this.userId, kind: 'pause', patrolId: this.state.patrolId, body: { at: new Date().toISOString() } });
    this.state.paused = true;
    this.save(true);
  }

  async resume(): Promise<void> {
    if (!this.state || !this.state.paused) return;
    await outbox.add({ userId: this.userId, kind: 'resume', patrolId: this.state.patrolId, body: { at: new Date().toISOString() } });
    this.state.paused = false;
    // The track resumes from wherever the patroller is now: no line is drawn across the pause.
    this.state.track = [];
    this.save(true);
    this.watch();
  }

  async end(): Promise<void> {
    if (!this.state) return;
    await this.flush();
    this.unwatch();
    await outbox.add({ userId: this.userId, kind: 'end', patrolId: this.state.patrolId, body: { endedAt: new Date().toISOString() } });
    this.state = null;
    this.save(true);
  }

  dispose(): void {
    this.unwatch();
    void this.flush();
  }
}
