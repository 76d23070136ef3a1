/**
 * Thresholds for cleaning and judging a patrol track. DOMAIN.md gives none of these numbers, so every one is
 * a configurable default [U] (the deployment's versioned rule table overrides them).
 */
export interface TrackRules {
  maxAccuracyM: number; // fixes reported less accurate than this are dropped
  maxSpeedMps: number; // a jump faster than this between fixes is impossible on foot or by car: dropped
  movingSpeedMps: number; // at or above this a segment counts as moving time
  vehicleSpeedMps: number; // sustained speed above this means a vehicle, not a patrol on foot
  vehicleMinSeconds: number; // … sustained for at least this long
  minDurationMinutes: number; // a valid patrol lasts at least this long (pauses excluded)
  minDistanceM: number; // … covers at least this distance
  minInAreaShare: number; // … with at least this share of its length inside the patroller's area
  duplicateToleranceM: number; // two tracks closer than this on average are the same track
}

export const defaultTrackRules: TrackRules = {
  maxAccuracyM: 50,
  maxSpeedMps: 50,
  movingSpeedMps: 0.3,
  vehicleSpeedMps: 25 / 3.6,
  vehicleMinSeconds: 120,
  minDurationMinutes: 30,
  minDistanceM: 1000,
  minInAreaShare: 0.5,
  duplicateToleranceM: 3,
};

export interface Fix {
  t: number; // epoch milliseconds
  lon: number;
  lat: number;
  accuracy?: number | null; // metres, as the phone reports it
}
