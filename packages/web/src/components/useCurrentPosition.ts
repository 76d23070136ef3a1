import { useEffect, useState } from 'react';

export interface Position {
  lon: number;
  lat: number;
  accuracy: number | null;
}

/**
 * The device's position while `active` (a form is open): follows it, so the fix improves while the person
 * writes. Works offline (GPS needs no network).
 */
export function useCurrentPosition(active: boolean): { position: Position | null; error: string | null } {
  const [position, setPosition] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return;
    if (!('geolocation' in navigator)) {
      setError('此设备不支持定位');
      return;
    }
    setError(null);
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setError(null);
        setPosition({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy ?? null });
      },
      (e) => setError(e.code === e.PERMISSION_DENIED ? '请允许本页面使用定位' : '暂时无法定位，正在重试'),
      { enableHighAccuracy: true, maximumAge: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [active]);
  return { position, error };
}

export const positionText = (p: Position): string =>
  `${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}${p.accuracy !== null ? `（±${Math.round(p.accuracy)} 米）` : ''}`;
